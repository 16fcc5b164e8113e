"""The event's documents: the carbon-neutrality report and the neutrality statement in Word (each
language of the filing), with the figures as JSON and the trail, written by the build like the disclosure's."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, TypedDict

from disclosure.ets.templating import render, texts
from disclosure.event.check import EventResult
from disclosure.event.compute import OTHER_UNITS, ActivityResult
from disclosure.word.document import Block, Meta, Table, write
from disclosure.word.figures import DASH, date_text, number

FOLDER = "event"


class Person(TypedDict):
    name: str
    role: str
    date: str


class Evaluation(TypedDict):
    body: str
    report_no: str
    date: str


class ReportContext(TypedDict):
    """What templates/event/<lang>/report.md.j2 may use (templates/event/template.yaml lists the same)."""

    title: str
    organiser: str
    guideline: str
    gwp: str
    event_name: str
    total: str
    offset_total: str
    neutral: bool
    exclusions: bool
    evaluation: Evaluation | None
    prepared: Person


class StatementContext(TypedDict):
    """What templates/event/<lang>/statement.md.j2 may use."""

    event_name: str
    organiser: str
    start: str
    end: str
    guideline: str
    total: str
    offset_total: str
    kinds: str
    evaluation: Evaluation | None
    signer: Person


def words(lang: str) -> dict[str, Any]:
    """The fixed words of the event's documents in ``lang`` (templates/event/<lang>/texts.yaml)."""
    return texts(FOLDER, lang)


def _t(v: Decimal, places: int = 2) -> str:
    return number(v, places)


def _unit(unit: str, lang: str) -> str:
    from disclosure.word.citations import unit_text

    return OTHER_UNITS[unit][0 if lang == "zh-CN" else 1] if unit in OTHER_UNITS else unit_text(unit, lang)


def _basis(a: ActivityResult, lang: str) -> str:
    w = words(lang)
    return str(w["list_separator"]).join(w["basis"].get(b, b) for b in a.basis.split(","))


def _table(lang: str, key: str, rows: tuple[tuple[str, ...], ...], numeric: frozenset[int] = frozenset(),
           emphasis: frozenset[int] = frozenset(), keep: frozenset[int] = frozenset(),
           note: str | None = None) -> Table:
    spec = words(lang)["tables"][key]
    return Table(spec["caption"], tuple(spec["columns"]), rows, numeric, emphasis,
                 spec.get("note", "") if note is None else note, keep=keep)


def _evaluation(ev: EventResult, lang: str) -> Evaluation | None:
    e = ev.filing.neutrality.evaluation
    return None if e is None else Evaluation(body=e.body, report_no=e.report_no, date=date_text(e.date, lang))


def report_context(ev: EventResult, lang: str) -> ReportContext:
    f, fig = ev.filing, ev.figures
    p = f.report.prepared_by
    return ReportContext(
        title=f.report.title.get(lang), organiser=f.event.organiser.name.get(lang), guideline=words(lang)["guideline"],
        gwp=f.report.gwp.set.value, event_name=f.event.name.get(lang), total=_t(fig.total),
        offset_total=_t(fig.offset_total), neutral=fig.neutral, exclusions=bool(f.exclusions),
        evaluation=_evaluation(ev, lang),
        prepared=Person(name=p.name.get(lang), role=p.role.get(lang), date=date_text(p.date, lang)))


def report_tables(ev: EventResult, lang: str) -> dict[str, Block]:
    """The tables the report template places, built from the filing and the figures."""
    f, fig = ev.filing, ev.figures
    w = words(lang)
    e = f.event
    rows = w["tables"]["event"]["rows"]
    dates = w["date_range"].format(start=date_text(e.start, lang), end=date_text(e.end, lang))
    return {
        "event": _table(lang, "event", (
            (rows["event"], e.name.get(lang)), (rows["organiser"], e.organiser.name.get(lang)),
            (rows["uscc"], e.organiser.uscc or DASH), (rows["dates"], dates),
            (rows["venues"], ("、" if lang == "zh-CN" else "; ").join(v.name.get(lang) for v in e.venues)))),
        "attendance": _table(lang, "attendance", tuple(
            (a.group.get(lang), f"{a.count:,}", f"{a.person_days:,}" if a.person_days is not None else DASH)
            for a in e.attendance), frozenset({1, 2})),
        "exclusions": _table(lang, "exclusions", tuple(
            (w["stage"][x.stage.value], w["category"][x.category.value], x.reason.get(lang)) for x in f.exclusions)),
        "activities": activity_table(ev, lang),
        "breakdown": _table(lang, "breakdown", (
            *((w["stage"][s.value], _t(v), _share(v, fig.total)) for s, v in fig.by_stage().items()),
            *((w["category"][c.value], _t(v), _share(v, fig.total)) for c, v in fig.by_category().items() if v),
            (w["total"], _t(fig.total), "100.0%")), frozenset({1, 2}), frozenset({10})),
        "factors": factor_table(ev, lang),
        "reductions": _table(lang, "reductions", tuple(
            (w["stage"][r.stage.value], r.measure.get(lang), _t(r.estimated_t) if r.estimated_t is not None else DASH)
            for r in f.reductions), frozenset({2})),
        "offsets": _table(lang, "offsets", tuple(
            (w["offset"][o.type.value], o.project or DASH, str(o.vintage), _t(o.quantity),
             o.retired_on.isoformat() if o.retired_on else DASH, o.evidence or DASH) for o in fig.counted),
            frozenset({3}), keep=frozenset({2, 4}), note=("" if lang == "zh-CN" else " ").join(
                w["tables"]["offsets"]["registry"].format(type=w["offset"][t.value], registry=r)
                for t, r in dict.fromkeys((o.type, o.registry) for o in fig.counted))),
        "balance": _table(lang, "balance", (
            (w["tables"]["balance"]["rows"]["total"], _t(fig.total)),
            (w["tables"]["balance"]["rows"]["offsets"], _t(fig.offset_total)),
            (w["tables"]["balance"]["rows"]["balance"], _t(fig.balance))), frozenset({1}), frozenset({2})),
    }


def activity_table(ev: EventResult, lang: str) -> Table:
    """Table 4: one row an activity, grouped by stage in the guideline's order (filing order within a
    stage); stage and unit never wrap, the factor basis in short words explained in the table's note."""
    w = words(lang)
    order = {s: i for i, s in enumerate(w["stage"])}
    acts = sorted(ev.figures.activities, key=lambda a: order[a.activity.stage.value])
    rows = tuple((w["stage"][a.activity.stage.value], w["category"][a.activity.category.value],
                  a.activity.name.get(lang), _t(a.quantity), _unit(a.unit, lang), _basis(a, lang), _t(a.emissions))
                 for a in acts)
    return _table(lang, "activities", rows, frozenset({3, 6}), keep=frozenset({0, 4}))


def report_blocks(ev: EventResult, lang: str) -> list[Block]:
    return render(FOLDER, "report", lang, report_context(ev, lang), report_tables(ev, lang))


def factor_rows(ev: EventResult, lang: str) -> list[tuple[str, str, str, str]]:
    """Every factor the figures used: the library's by their public name and official citation (a draft
    marker where the library knows none), then those the filing gives with the source it names."""
    from disclosure.word.citations import DRAFT_MARK, name

    modes = words(lang)["mode"]
    rows = []
    for factor in ev.figures.factors_used.values():
        label = modes.get(factor.parameter or "", factor.parameter) if factor.kind == "event" else name(factor, lang)
        rows.append((label, _exact(factor.value),
                     _factor_unit(factor.unit, lang), factor.citation(lang) or DRAFT_MARK[lang]))
    for a in ev.figures.activities:
        ref = a.activity.factor
        if a.basis == "user" and ref is not None and ref.value is not None:
            rows.append((a.activity.name.get(lang), _exact(ref.value),
                         _factor_unit(ref.unit or "", lang), ref.source or DASH))
    return rows


def _exact(value: Decimal) -> str:
    """A factor as published: all its decimals, no more."""
    exponent = value.as_tuple().exponent
    return number(value, -exponent if isinstance(exponent, int) and exponent < 0 else 0)


def _factor_unit(unit: str, lang: str) -> str:
    from disclosure.word.citations import unit_text

    numerator, _, per = unit.partition("/")
    mass = words(lang)["mass"].get(numerator)
    if mass is not None and per in OTHER_UNITS:
        return f"{mass}/{_unit(per, lang)}"
    if mass is not None and per == "t":
        return f"{mass}/{'吨' if lang == 'zh-CN' else 't'}"
    return unit_text(unit, lang)


def factor_table(ev: EventResult, lang: str) -> Table:
    return _table(lang, "factors", tuple(factor_rows(ev, lang)), frozenset({1}))


def _share(v: Decimal, whole: Decimal) -> str:
    return f"{v / whole * 100:.1f}%" if whole else DASH


def statement_context(ev: EventResult, lang: str) -> StatementContext:
    f, fig = ev.filing, ev.figures
    w = words(lang)
    e, n = f.event, f.neutrality
    return StatementContext(
        event_name=e.name.get(lang), organiser=e.organiser.name.get(lang), start=date_text(e.start, lang),
        end=date_text(e.end, lang), guideline=w["guideline"], total=_t(fig.total), offset_total=_t(fig.offset_total),
        kinds=w["list_separator"].join(sorted({w["offset"][o.type.value] for o in fig.counted})),
        evaluation=_evaluation(ev, lang),
        signer=Person(name=n.signed_by.name.get(lang), role=n.signed_by.role.get(lang),
                      date=date_text(n.statement_date, lang)))


def statement_blocks(ev: EventResult, lang: str) -> list[Block]:
    w = words(lang)
    retirements = _table(lang, "retirements", tuple(
        (w["offset"][o.type.value], _t(o.quantity), o.evidence or DASH,
         o.retired_on.isoformat() if o.retired_on else DASH) for o in ev.figures.counted), frozenset({1}))
    return render(FOLDER, "statement", lang, statement_context(ev, lang), {"retirements": retirements})


def files(ev: EventResult, source_epoch: int | None) -> dict[str, bytes]:
    """The event's documents in each language, its figures and its trail."""
    from disclosure.output import to_json
    from disclosure.word import reference_bytes

    f = ev.filing
    day = f.neutrality.statement_date
    stamp = datetime.fromtimestamp(source_epoch, tz=UTC) if source_epoch is not None else datetime(
        day.year, day.month, day.day, tzinfo=UTC)
    out: dict[str, bytes] = {
        "event-figures.json": to_json(ev.figures.to_dict()),
        "event-trail.json": to_json({"entries": [e.to_dict() for e in ev.figures.trail]}),
    }
    for lang in f.report.languages:
        org = f.event.organiser.name.get(lang)
        for kind, make in (("report", report_blocks), ("statement", statement_blocks)):
            w = words(lang)
            title = f"{f.event.name.get(lang)}{w[kind]}" if lang == "zh-CN" else f"{f.event.name.get(lang)} — {w[kind]}"
            meta = Meta(title=title, author=org, subject=title, language=lang, keywords=w["keywords"], header=title,
                        footer=w["footer"], timestamp=stamp)
            out[f"event-{kind}.{lang}.docx"] = write(make(ev, lang), meta, reference_bytes())
    return out
