"""Report tables beyond the emissions: energy (Art. 35; Guide No. 4), materiality, financial effects and
climate metrics, low-carbon offerings, restatements, the SOE channel, and the disclosure index built
from the checklist (status computed from what the report contains).

Numbers here are computed figures (``Figures.energy``, ``Figures.finance``) or inputs the filing states;
they are not tagged in the XBRL until the taxonomy has their concepts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from disclosure import checklist, units
from disclosure.compute.finance import wan
from disclosure.model.finance import EffectRange, FinancialEffect
from disclosure.model.narrative import TopicMateriality
from disclosure.resources import load_data_yaml
from disclosure.taxonomy.definition import camel
from disclosure.vocabulary import label as vocab
from disclosure.word.citations import UNITS, unit_text
from disclosure.word.figures import DASH, date_text, joined, label, number
from disclosure.xbrl.climate_facts import BASIS_MEMBERS, EFFECT_CONCEPTS, EXPOSURE_CONCEPTS

if TYPE_CHECKING:
    from disclosure.word.content import Builder

TCE_PLACES = 0
INTENSITY_PLACES = 4
PCT_PLACES = 1
MONEY_PLACES = 2


def money(value: Decimal | None) -> str:
    """An amount in 万元: two decimals, shown without ".00"."""
    return DASH if value is None else number(value, MONEY_PLACES).removesuffix(".00")


def pct(value: Decimal | None) -> str:
    return DASH if value is None else f"{number(value, PCT_PLACES)}%"


def energy_tables(b: Builder) -> None:
    e = b.figures.energy
    if e is None:
        return
    t, lang = b.t, b.lang
    total = e.total_tce
    rows = [[t["rows"][k], b.facts.show_or(concept, number(v, TCE_PLACES)), pct(v * 100 / total if total else None)]
            for k, v, concept in (("direct_energy", e.direct_tce, "DirectEnergyConsumption"),
                                  ("indirect_energy", e.indirect_tce, "IndirectEnergyConsumption"))]
    rows.append([t["words"]["total"], b.facts.show_or("EnergyConsumption", number(total, TCE_PLACES)),
                 "100.0%" if total else DASH])
    b.table("energy_structure", rows, numeric={1, 2}, emphasis={2})
    b.table("energy_coefficients", _coefficients(b), numeric={1})
    intensity = []
    if e.intensity_revenue is not None:
        intensity.append([t["rows"]["energy_per_revenue"], number(e.intensity_revenue, INTENSITY_PLACES),
                          t["units"]["tce_per_revenue"]])
    names = {p.key: p.name.get(lang) for f in b.filing.facilities for p in f.products}
    for key, (value, unit) in e.intensity_product.items():
        intensity.append([f"{t['rows']['energy_per_product']}（{names.get(key, key)}）" if lang == "zh-CN"
                          else f"{t['rows']['energy_per_product']} ({names.get(key, key)})",
                          number(value, INTENSITY_PLACES), unit_text(f"tce/{unit}", lang) if f"tce/{unit}" in UNITS
                          else f"{t['units']['tce']}/{unit_text(unit, lang)}" if lang == "zh-CN" else f"tce/{unit}"])
    b.table("energy_intensity", intensity, numeric={1})
    energy = b.filing.energy
    if energy is None:
        return
    b.table("energy_limits", [[names.get(x.product, x.product), x.indicator.get(lang),
                               f"{number(x.actual, 0)} {x.unit}", f"{number(x.limit, 0)} {x.unit}", x.standard,
                               b.yes(r.within)] for x, r in zip(energy.limits, e.limits, strict=True)],
            numeric={2, 3})
    clean = [[vocab("clean-energy-type", c.type, lang), vocab("clean-energy-channel", c.channel, lang),
              number(c.tce, TCE_PLACES), pct(c.share_pct)] for c in e.clean]
    if clean:
        clean.append([t["words"]["total"], "",
                      b.facts.show_or("CleanEnergyConsumption", number(e.clean_tce, TCE_PLACES)),
                      b.facts.show_or("CleanEnergyShare", pct(e.clean_share_pct))])
    b.table("clean_energy", clean, numeric={2, 3}, emphasis={len(clean) - 1})
    b.table("energy_targets", [
        [x.name.get(lang), vocab("energy-target-kind", x.kind, lang), str(x.base_year),
         number(x.base_value, INTENSITY_PLACES if "intensity" in x.kind else 1), str(x.target_year),
         number(x.target_value, INTENSITY_PLACES if "intensity" in x.kind else 1),
         DASH if r.current is None else number(r.current, INTENSITY_PLACES if "intensity" in x.kind else 1),
         pct(r.progress_pct)] for x, r in zip(energy.targets, e.targets, strict=True)], numeric={3, 5, 6, 7})
    measures = [[m.name.get(lang) + (t["words"]["expected"] if m.expected else ""),
                 DASH if m.savings_tce is None else number(m.savings_tce, TCE_PLACES), money(wan(m.investment))]
                for m in energy.measures]
    if measures:
        measures.append([t["words"]["total_achieved"], number(e.savings_tce, TCE_PLACES),
                         money(e.investment_10k_cny)])
    b.table("energy_measures", measures, numeric={1, 2}, emphasis={len(measures) - 1})


def _coefficients(b: Builder) -> list[list[str]]:
    """Each energy type: the coefficient applied (tce per unit) and how it was obtained, beside the
    GB/T 2589—2020 reference where one is recorded."""
    refs = load_data_yaml("energy.yaml")["references"]
    lang = b.lang
    quantities: dict[str, tuple[Decimal, Decimal, str]] = {}
    for f in b.figures.facilities:
        for s in f.sources:
            if s.energy_gj is None or s.quantity is None:
                continue
            gj, qty, unit = quantities.get(s.energy_type, (Decimal(0), Decimal(0), s.quantity_unit))
            quantities[s.energy_type] = (gj + s.energy_gj, qty + s.quantity, unit)
    rows = []
    for key, (gj, qty, unit) in sorted(quantities.items()):
        if not qty:
            continue
        coefficient = units.CONTEXT.divide(units.CONTEXT.divide(gj, units.TCE_GJ), qty)
        basis = b.t["words"]["by_ncv"] if key not in ("electricity", "heat") else b.t["words"][f"by_{key}"]
        ref = refs.get(key)
        reference = f"{ref['value']} {unit_text(ref['unit'], lang)}" if ref else DASH
        rows.append([label(camel(key) + "Member", lang), number(coefficient, 6), unit_text(f"tce/{unit}", lang),
                     basis, reference])
    return rows


def _effect(b: Builder, effect: FinancialEffect, risk: str, when: str) -> tuple[str, str]:
    if effect.amount is not None:
        return _amounts(b, effect.amount, risk, when), b.tx(effect.amount.line_items) or DASH
    nq = effect.not_quantified
    assert nq is not None
    zh = b.lang == "zh-CN"
    stop = "。" if zh else ". "
    plan = b.tx(nq.plan).rstrip("。. ")
    if plan and nq.planned_year and str(nq.planned_year) not in plan:  # the plan may name its year already
        plan += f"（预计{nq.planned_year}年定量披露）" if zh else f" (quantified from {nq.planned_year})"
    parts = [vocab("unquantified-reason", nq.reason, b.lang).rstrip("。. "), b.tx(nq.explanation).rstrip("。. "),
             (f"计划：{plan}" if zh else f"Plan: {plan}") if plan else ""]
    return b.t["words"]["not_quantified"], "".join(p + stop for p in parts if p).rstrip()


def _amounts(b: Builder, r: EffectRange, risk: str, when: str) -> str:
    """The effect as its facts show it (one amount, or the range low–high), else as given."""
    low, high = EFFECT_CONCEPTS[when]
    dim = (("RiskOrOpportunityAxis", risk),)
    facts = b.facts.get(low, typed=dim), b.facts.get(high, typed=dim)
    if facts[0] is None or facts[1] is None:
        return _range(r)
    if facts[0].value == facts[1].value:
        return b.facts.show(low, typed=dim)
    return joined(b.facts.show(low, typed=dim), "–", b.facts.show(high, typed=dim))


def _range(r: EffectRange) -> str:
    def conv(v: Decimal) -> str:
        return money(units.convert(v, r.unit, "10^4CNY"))
    if r.value is not None:
        return conv(r.value)
    assert r.low is not None and r.high is not None
    return f"{conv(r.low)}–{conv(r.high)}"


def finance_tables(b: Builder) -> None:
    lang, f = b.lang, b.filing
    dm = f.report.double_materiality
    if dm is not None:
        b.table("materiality", [[vocab("topic", x.topic, lang), b.yes(x.impact), b.yes(x.financial),
                                 b.tx(x.rationale) or DASH] for x in dm.topics])
    rows = []
    if f.strategy is not None:
        for r in f.strategy.risks_opportunities:
            for when, effect in (("current", r.current_effect), ("anticipated", r.anticipated_effect)):
                if effect is not None:
                    amount, detail = _effect(b, effect, r.id, when)
                    material = DASH if effect.next_year_material is None else b.yes(effect.next_year_material)
                    rows.append([r.id, b.t["words"][when], amount, detail, material])
    b.table("financial_effects", rows, numeric={2})
    fig = b.figures.finance
    cm = f.climate_metrics
    if cm is not None and fig is not None:
        pairs = Counter((e.category, e.basis) for e in fig.exposures)
        exposures = []
        for x, e in zip(cm.exposures, fig.exposures, strict=True):
            amount, share = money(e.amount_10k), pct(e.percentage)
            if pairs[(e.category, e.basis)] == 1:  # the row is the fact (facts sum the rows of one category and basis)
                concepts, dim = EXPOSURE_CONCEPTS[e.category], (("ExposureBasisAxis", BASIS_MEMBERS[e.basis]),)
                amount, share = (b.facts.show_or(c, shown, explicit=dim)
                                 for c, shown in zip(concepts, (amount, share), strict=True))
            exposures.append([vocab("exposure-category", x.category, lang), vocab("exposure-basis", x.basis, lang),
                              amount, share, b.tx(x.description)])
        b.table("exposures", exposures, numeric={2, 3})
        capital = [[vocab("capital-purpose", c.purpose, lang), money(wan(c.amount)), b.tx(c.description)]
                   for c in cm.capital]
        if capital:
            capital.append([b.t["words"]["total"], b.facts.show("CapitalDeployedTowardsClimateRisksAndOpportunities"),
                            ""])
        b.table("capital", capital, numeric={1}, emphasis={len(capital) - 1})
    if f.low_carbon and fig is not None:
        offerings = [[o.name.get(lang), vocab("offering-kind", o.kind, lang), money(wan(o.rd_investment)),
                      money(wan(o.revenue)), _sep(lang).join(x for x in (b.tx(o.approvals), b.tx(o.capacity),
                                                                     b.tx(o.orders)) if x) or DASH]
                     for o in f.low_carbon]
        rd, revenue = (b.facts.get(c) for c in ("LowCarbonResearchAndDevelopmentExpense", "LowCarbonProductRevenue"))
        if len(offerings) > 1 and (rd is not None or revenue is not None):
            offerings.append([b.t["words"]["total"], "", b.facts.show("LowCarbonResearchAndDevelopmentExpense"),
                              b.facts.show("LowCarbonProductRevenue"), ""])
        if b.facts.get("PercentageOfRevenueFromLowCarbonProducts") is not None:
            offerings.append([b.t["rows"]["low_carbon_share"], "", "",
                              b.facts.show("PercentageOfRevenueFromLowCarbonProducts"), ""])
        b.table("low_carbon", offerings, numeric={2, 3})
    if fig is not None:
        b.table("restatements", [[str(r.year), vocab("restated-figure", r.figure, lang), number(r.previous, 0),
                                  number(r.restated, 0), number(r.change, 0), pct(r.change_pct), b.tx(x.reason)]
                                 for x, r in zip(f.restatements, fig.restatements, strict=True)],
                 numeric={2, 3, 4, 5})
    details = [[tg.name.get(lang), b.t["words"][tg.gross_or_net] if tg.gross_or_net else DASH,
                ("、" if lang == "zh-CN" else ", ").join(tg.gases) if tg.gases else DASH,
                _sep(lang).join(f"{m.year}: −{number(m.reduction_pct, 1)}%" for m in tg.interim) or DASH,
                b.tx(tg.planned_credits) or DASH, b.tx(tg.third_party_validation) or DASH]
               for tg in f.targets]
    if any(row[1:] != [DASH] * 5 for row in details):
        b.table("target_details", details)


def _sep(lang: str) -> str:
    """Items in one cell: ；in Chinese, a semicolon and a space in English (the Word and Inline XBRL reports alike)."""
    return "；" if lang == "zh-CN" else "; "


def soe_tables(b: Builder) -> None:
    soe = b.filing.soe
    if soe is None:
        return
    by_id = {i.id: i for i in checklist.items()}
    b.table("sasac_index", [[x.code, x.name.get(b.lang), "、".join(x.items),
                             _sep(b.lang).join(dict.fromkeys(_where(b, by_id[i].section)
                                                             for i in x.items if i in by_id))]
                            for x in soe.sasac_index])
    g, e = b.figures, b.figures.energy
    rows = [[b.t["rows"]["scope1"], number(g.totals.scope1, 0), b.ghg_unit_text],
            [b.t["rows"]["scope2_location"], number(g.totals.scope2_location, 0), b.ghg_unit_text],
            [b.t["rows"]["scope12_location"], number(g.total_location, 0), b.ghg_unit_text]]
    if "scope12_location" in g.intensity_revenue:
        rows.append([b.t["rows"]["scope12_location_intensity"],
                     number(g.intensity_revenue["scope12_location"], INTENSITY_PLACES), b.t["units"]["per_revenue"]])
    if e is not None:
        rows.append([b.t["rows"]["energy"], number(e.total_tce, TCE_PLACES), b.t["units"]["tce"]])
        if e.intensity_revenue is not None:
            rows.append([b.t["rows"]["energy_per_revenue"], number(e.intensity_revenue, INTENSITY_PLACES),
                         b.t["units"]["tce_per_revenue"]])
        if e.clean_share_pct is not None:
            rows.append([b.t["rows"]["clean_share"], number(e.clean_share_pct, PCT_PLACES), "%"])
    b.table("soe_owner", rows, numeric={1}, note_args={"owner": soe.owner.get(b.lang)})


def _where(b: Builder, section: str) -> str:
    top, _, sub = section.partition(".")
    title = b.t["sections"][top]
    return f"{title} › {b.t['subsections'][sub]}" if sub else title


def index(b: Builder) -> None:
    """The disclosure index: every requirement that applies to this filer, where it is stated (source and
    article), its level under the exchange guideline (with the stricter level of a standard the filer
    adopts beside it), and the section and page of the report that meets it, the fact that meets it, or
    why it is not disclosed; after the report-level rows, one row per topic the materiality assessment
    finds material. The page cell is a PAGEREF field to the section's heading (resolved after the report
    is laid out, ``word.paging``); the row's key (checklist id, ``TOPIC-<topic>``) is never printed."""
    f, g, t = b.filing, b.figures, b.t
    rows: list[list[str]] = []
    keys: list[str] = []
    refs: list[tuple[int, int, str]] = []
    for it in checklist.items():
        own, adopted = checklist.index_levels(it, f)
        if own is None and adopted is None:
            continue
        state = checklist.status(it, f, g)
        where, section = _index_cell(b, it, state)
        if section:
            refs.append((len(rows), 4, SECTION_MARK + section))
        rows.append([_requirement(b, it), _articles(b, it.refs), level_text(t, own, adopted), where, DASH])
        keys.append(it.id)
        if it.id == TOPICS_AFTER:
            for key, row, section in _topic_rows(b):
                if section:
                    refs.append((len(rows), 4, SECTION_MARK + section))
                rows.append(row)
                keys.append(key)
    b.table("index", rows, numeric={4})  # the level is a word (Required, 强制): a text column
    if "index" in b.tables:
        b.tables["index"] = replace(b.tables["index"], keys=tuple(keys), pagerefs=tuple(refs), keep=frozenset({3}))


TOPICS_AFTER = "RPT-16"
"""The material-topic rows follow the requirement that topics found material are disclosed (Art. 5)."""
TOPIC_REFS = (checklist.Ref("exchange", "第五条", "S"), checklist.Ref("exchange", "第七条", "S"))
"""Art. 5 (double materiality decides what is disclosed) and Art. 7 (comply or explain)."""
def level_text(t: dict[str, Any], own: str | None, adopted: str | None) -> str:
    """The level cell: the guideline's level (强制), with "（所采用准则要求）" where a standard the filer
    adopts is stricter, or the adopted standard's level alone where the guideline states none."""
    if own is None:
        assert adopted is not None
        return str(t["adopted_levels"][adopted])
    if adopted is None:
        return str(t["levels"][own])
    return str(t["adopted_note"]).format(level=t["levels"][own], adopted=t["adopted_note_levels"][adopted])


def _articles(b: Builder, refs: Iterable[checklist.Ref]) -> str:
    """The basis cell: where the requirement is stated, citing a standard that is a basis of preparation
    (the MoF standards, IFRS S2) only when the filer adopts it; a requirement that only such a standard
    states keeps its citation (it is where the requirement comes from)."""
    srcs = checklist.sources()
    classes = checklist.filer_classes(b.filing)
    refs = list(refs)
    cited = [r for r in refs if ADOPTED_SOURCES.get(r.source, "") in classes or r.source not in ADOPTED_SOURCES]
    return _sep(b.lang).join(f"{srcs[r.source]['short'][b.lang]} {r.article}".strip() for r in cited or refs)


ADOPTED_SOURCES = {"mof-basic": "mof", "mof-climate": "mof", "ifrs-s2": "ifrs"}
"""Sources that are standards a company adopts as a basis of preparation → the filer class adopting gives
(``checklist.filer_classes``); a report not prepared under one does not cite it as its basis."""


def _requirement(b: Builder, it: checklist.Item) -> str:
    """What the row requires: the filer's own exchange's wording where the guidelines differ (RPT-15:
    its index criteria), with the criterion that makes the filer a mandatory discloser."""
    text = it.text[b.lang]
    own = dict(it.by_exchange).get(checklist.exchange(b.filing) or "")
    if own is None:
        return text
    text = own[b.lang]
    e = b.filing.entity
    indices = [vocab("index-membership", i, b.lang) for i in e.indices
               if i.value in CRITERIA.get(checklist.exchange(b.filing) or "", ())]
    if indices:
        which = b.t["words"]["member_of"].format(index=("、" if b.lang == "zh-CN" else ", ").join(indices))
    elif e.mandatory:
        which = b.t["words"]["dual_listed"]
    else:
        which = b.t["words"]["not_mandatory"]
    return f"{text}：{which}" if b.lang == "zh-CN" else f"{text}: {which}"


CRITERIA = {"SSE": ("SSE180", "STAR50"), "SZSE": ("SZSE100", "ChiNext"), "BSE": ()}
"""The indices each exchange's guideline (Art. 3) names."""


def _index_cell(b: Builder, it: checklist.Item, state: str) -> tuple[str, str]:
    """The index's "where" cell of a checklist item and the section its page refers to ("" for none)."""
    t, lang = b.t, b.lang
    zh = lang == "zh-CN"
    if state == "met" and it.fact:
        return _fact(b, it.fact), ""
    if state == "met":
        return _where(b, it.section), it.section
    if state == "omitted":
        o = checklist.omitted(b.filing)[it.id]
        explanation = b.tx(o.explanation).strip()
        if o.reason.value == "not-applicable":  # 不适用：公司未参与其他减排机制
            return (f"{t['index_status']['n/a_short']}：{explanation}" if zh
                    else f"{t['index_status']['n/a_short']}: {explanation}"), ""
        reason = vocab("omission-reason", o.reason, lang)
        return (f"{t['words']['omitted']}：{reason}。{explanation}" if zh
                else f"{t['words']['omitted']}: {reason}. {explanation}"), ""
    return t["index_status"][state], ""


def _fact(b: Builder, fact: str) -> str:
    """A fact the row states instead of a section of the report."""
    t = b.t
    if fact == "mee_upload":
        mee = b.filing.mee
        assert mee is not None and mee.annual_report is not None
        report = mee.annual_report
        title = b.tx(report.title)
        return str(t["words"]["mee_uploaded"]).format(date=date_text(report.uploaded, b.lang),
                                                      title=f"《{title}》" if b.lang == "zh-CN" else title)
    return str(t["words"][f"index_{fact}"])


def _topic_rows(b: Builder) -> list[tuple[str, list[str], str]]:
    """One row per topic the double-materiality assessment finds material (impact or financial), other
    than climate change: the section of this report that covers it, where the filing says it is disclosed
    (another report of the company), the reason it is not, or "not disclosed" (validate warns)."""
    f, t, lang = b.filing, b.t, b.lang
    rpt = checklist.item(TOPICS_AFTER)
    level = level_text(t, *checklist.index_levels(rpt, f))
    out = []
    for x in checklist.material_topics(f):
        kinds = [t["words"][k] for k, on in (("impact_material", x.impact), ("financially_material", x.financial))
                 if on]
        name = vocab("topic", x.topic, lang)
        requirement = str(t["words"]["material_topic"]).format(topic=name, kinds=_sep(lang).join(kinds))
        where, section = topic_location(b, x)
        out.append((f"TOPIC-{x.topic.value}", [requirement, _articles(b, TOPIC_REFS), level, where, DASH], section))
    return out


def topic_location(b: Builder, x: TopicMateriality) -> tuple[str, str]:
    """Where a material topic is disclosed: (cell text, section of this report or "")."""
    t, zh = b.t, b.lang == "zh-CN"
    section = checklist.topic_section(x, b.filing, b.figures)
    if section is not None:
        return _where(b, section), section
    if x.disclosed_in is not None and b.tx(x.disclosed_in):
        return str(t["words"]["disclosed_in"]).format(where=b.tx(x.disclosed_in)), ""
    if x.omission is not None and b.tx(x.omission):
        return (f"{t['words']['omitted']}：{b.tx(x.omission)}" if zh
                else f"{t['words']['omitted']}: {b.tx(x.omission)}"), ""
    return t["index_status"]["missing"], ""


SECTION_MARK = "§"
"""Prefix of a page reference to a report section (``metrics.energy_use``), resolved to a heading bookmark."""
