"""The large-event guideline's rules as registered checks on an event filing (pass 2).

Each rule quotes what it implements. What the MEE guideline says and what is our design is recorded in
docs/event.md: the guideline asks that the event's actual emissions be fully offset by allowances or credits
(Art. 3 and 6, read in a copy of its text); the one-year deadline comes from the Guangdong notice on its
local standard DB44/T 2639—2025 (secondary) and is applied here as a design choice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from disclosure.event.compute import EventFigures
from disclosure.event.model import Category, EventFiling, OffsetType, Stage
from disclosure.intake.loader import Loaded
from disclosure.issues import Issue, PathPart
from disclosure.suggest import did_you_mean

DEADLINE = timedelta(days=365)
"""Offsets retired within one year after the event ends (design; see the module docstring)."""
OLDEST_VINTAGE = 5
"""A credit more than five years older than the event is refused (design: stale vintages)."""


@dataclass(frozen=True)
class EventContext:
    filing: EventFiling
    loaded: Loaded
    figures: EventFigures

    def at(self, code: str, path: tuple[PathPart, ...], **context: Any) -> Issue:
        return Issue(code, self.loaded.location(path), context)


EventRule = Callable[[EventContext], Iterator[Issue]]
EVENT_RULES: dict[str, tuple[tuple[str, ...], EventRule]] = {}


def event_rule(*codes: str) -> Callable[[EventRule], EventRule]:
    def register(func: EventRule) -> EventRule:
        EVENT_RULES[func.__name__] = (codes, func)
        return func
    return register


def run_event_rules(ctx: EventContext) -> list[Issue]:
    out: list[Issue] = []
    for name, (codes, func) in EVENT_RULES.items():
        for issue in func(ctx):
            if issue.code not in codes:
                raise AssertionError(f"{name} emitted undeclared code {issue.code}")
            out.append(issue)
    return out


@event_rule("rule.event.stage-missing", "rule.event.stage-dates", "rule.event.stage-empty")
def stages(ctx: EventContext) -> Iterator[Issue]:
    """The boundary covers the preparation, holding and wrap-up stages, each with dates in order and with
    activity data or a stated exclusion."""
    f = ctx.filing
    given = {s.stage: (i, s) for i, s in enumerate(f.stages)}
    for stage in Stage:
        if stage not in given:
            yield ctx.at("rule.event.stage-missing", ("stages",), stage=stage.value)
    for i, s in enumerate(f.stages):
        if s.end < s.start:
            yield ctx.at("rule.event.stage-dates", ("stages", i, "end"), stage=s.stage.value,
                         detail=f"{s.end} < {s.start}")
        elif s.stage is Stage.HOLDING and (s.start > f.event.start or s.end < f.event.end):
            yield ctx.at("rule.event.stage-dates", ("stages", i, "start"), stage=s.stage.value,
                         detail=f"{s.start}–{s.end} ⊉ {f.event.start}–{f.event.end}")
        elif s.stage is Stage.PREPARATION and s.end >= f.event.start:
            yield ctx.at("rule.event.stage-dates", ("stages", i, "end"), stage=s.stage.value,
                         detail=f"{s.end} ≥ {f.event.start}")
        elif s.stage is Stage.WRAP_UP and s.start <= f.event.end:
            yield ctx.at("rule.event.stage-dates", ("stages", i, "start"), stage=s.stage.value,
                         detail=f"{s.start} ≤ {f.event.end}")
        if not any(a.stage == s.stage for a in f.activities) and not any(x.stage == s.stage for x in f.exclusions):
            yield ctx.at("rule.event.stage-empty", ("stages", i), stage=s.stage.value)


@event_rule("rule.event.category-missing")
def categories(ctx: EventContext) -> Iterator[Issue]:
    """Every source category (venue energy, transport of people and goods, accommodation, catering,
    materials, waste) is accounted in some stage or excluded with a reason (completeness)."""
    f = ctx.filing
    for c in Category:
        if not any(a.category == c for a in f.activities) and not any(x.category == c for x in f.exclusions):
            yield ctx.at("rule.event.category-missing", ("activities",), category=c.value)


@event_rule("rule.event.venue-unknown", "rule.event.duplicate-id")
def references(ctx: EventContext) -> Iterator[Issue]:
    """Activities name venues of the event; activity ids are unique."""
    venues = [v.id for v in ctx.filing.event.venues]
    seen: set[str] = set()
    for i, a in enumerate(ctx.filing.activities):
        if a.venue is not None and a.venue not in venues:
            yield ctx.at("rule.event.venue-unknown", ("activities", i, "venue"), venue=a.venue,
                         suggestion=did_you_mean(a.venue, venues))
        if a.id in seen:
            yield ctx.at("rule.event.duplicate-id", ("activities", i, "id"), id=a.id)
        seen.add(a.id)


@event_rule("rule.event.not-retired", "rule.event.retirement-evidence", "rule.event.double-counted",
            "rule.event.duplicate-serial", "rule.event.offset-basis")
def offsets(ctx: EventContext) -> Iterator[Issue]:
    """Offsets are retired (注销) in their registry, with the certificate; units used for ETS compliance
    or retired twice cannot count; a credit of another kind names the document that accepts it."""
    seen: dict[str, int] = {}
    for i, o in enumerate(ctx.filing.offsets):
        if not o.retired:
            yield ctx.at("rule.event.not-retired", ("offsets", i, "retired"), offset=o.id)
        elif o.retired_on is None or not o.evidence:
            field = "retired_on" if o.retired_on is None else "evidence"
            yield ctx.at("rule.event.retirement-evidence", ("offsets", i, field), offset=o.id, field=field)
        if o.purpose == "ets-compliance":
            yield ctx.at("rule.event.double-counted", ("offsets", i, "purpose"), offset=o.id)
        key = o.serial.strip()
        if key in seen:
            yield ctx.at("rule.event.duplicate-serial", ("offsets", i, "serial"), offset=o.id,
                         other=ctx.filing.offsets[seen[key]].id)
        seen.setdefault(key, i)
        if o.type is OffsetType.OTHER and not o.basis:
            yield ctx.at("rule.event.offset-basis", ("offsets", i, "basis"), offset=o.id)


@event_rule("rule.event.vintage", "rule.event.timing")
def vintages(ctx: EventContext) -> Iterator[Issue]:
    """A unit's vintage precedes its retirement and is not stale; offsets are retired within a year of
    the event's end."""
    f = ctx.filing
    for i, o in enumerate(f.offsets):
        retired_year = o.retired_on.year if o.retired_on else None
        if retired_year is not None and o.vintage > retired_year:
            yield ctx.at("rule.event.vintage", ("offsets", i, "vintage"), offset=o.id, vintage=o.vintage,
                         detail=f"> {retired_year}")
        elif o.vintage < f.event.start.year - OLDEST_VINTAGE:
            yield ctx.at("rule.event.vintage", ("offsets", i, "vintage"), offset=o.id, vintage=o.vintage,
                         detail=f"< {f.event.start.year - OLDEST_VINTAGE}")
        if o.retired_on is not None and o.retired_on > f.event.end + DEADLINE:
            yield ctx.at("rule.event.timing", ("offsets", i, "retired_on"), offset=o.id,
                         date=o.retired_on.isoformat(), deadline=(f.event.end + DEADLINE).isoformat())


@event_rule("rule.event.shortfall", "rule.event.statement-early")
def balance(ctx: EventContext) -> Iterator[Issue]:
    """The offsets retired for the event cover its emissions; neutrality is stated only after the event
    has ended and the offsets are retired."""
    fig = ctx.figures
    if fig.balance < 0:
        yield ctx.at("rule.event.shortfall", ("offsets",), emissions=round(fig.total, 2),
                     offsets=round(fig.offset_total, 2), gap=round(-fig.balance, 2))
    n = ctx.filing.neutrality
    last = max((o.retired_on for o in ctx.filing.offsets if o.retired_on is not None), default=None)
    if n.statement_date <= ctx.filing.event.end or (last is not None and n.statement_date < last):
        yield ctx.at("rule.event.statement-early", ("neutrality", "statement_date"),
                     date=n.statement_date.isoformat(), after=(last or ctx.filing.event.end).isoformat())


@event_rule("rule.factor.unverified")
def provenance(ctx: EventContext) -> Iterator[Issue]:
    """A library factor not checked against its official text is pointed out for the organiser to confirm
    (a warning, as for the corporate disclosure), at the first activity that uses it."""
    f = ctx.filing
    for fid, factor in ctx.figures.factors_used.items():
        if factor.status != "unverified":
            continue
        yield ctx.at("rule.factor.unverified", _first_use(f, fid, factor.fuel, factor.parameter), factor=fid,
                     uses=ctx.figures.factor_uses.get(fid, 1))


def _first_use(f: EventFiling, fid: str, fuel: str | None, parameter: str | None) -> tuple[PathPart, ...]:
    for i, a in enumerate(f.activities):
        if a.quantity is not None and (a.factor is not None and a.factor.id == fid or
                                       a.factor is None and a.mode is not None and a.mode == parameter):
            return ("activities", i, "factor" if a.factor is not None else "mode")
        if a.combustion is not None and fuel is not None and a.combustion.fuel == fuel:
            return ("activities", i, "combustion", "parameters", parameter or "")
    return ()
