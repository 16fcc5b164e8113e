"""The event's emissions, by activity, stage and category, and its neutrality balance, with a trail.

Fuel, electricity and heat go through the corporate engine's own functions (``disclosure.compute``:
MEE combustion formula, MEE/NBS grid factors, purchased heat), so an event and a company compute a
tonne of diesel or a MWh the same way; other activities are quantity × factor.
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, cast

from disclosure import units
from disclosure.compute.combustion import combustion_source
from disclosure.compute.context import Context, Locate
from disclosure.compute.purchased import electricity_source, heat_source
from disclosure.compute.results import SourceResult, total
from disclosure.compute.trail import TrailEntry, TrailInput
from disclosure.event.model import Activity, Category, EventFiling, Offset, Stage
from disclosure.factors import Factor, library
from disclosure.issues import Issue, Location, PathPart
from disclosure.suggest import did_you_mean
from disclosure.units import PRECISION

ZERO = Decimal(0)
OTHER_UNITS = {"pkm": ("人公里", "person-km"), "tkm": ("吨公里", "tonne-km"), "room-night": ("间夜", "room-nights"),
               "meal": ("人次", "meals")}
"""Activity units outside the physical unit registry (``disclosure.units``), with their zh-CN and en names."""
_MASS = {"t": Decimal(1), "kg": Decimal("0.001"), "g": Decimal("0.000001")}


@dataclass(frozen=True)
class ActivityResult:
    activity: Activity
    emissions: Decimal
    """tCO2e."""
    quantity: Decimal
    unit: str
    trail_id: str
    basis: str
    """How the factor is known: the library status of its factors, or user."""


@dataclass
class EventFigures:
    activities: list[ActivityResult]
    offsets: list[Offset]
    counted: list[Offset]
    """Offsets that count towards neutrality: retired, for this event, not a repeated serial."""
    trail: list[TrailEntry]
    factors_used: dict[str, Factor]
    issues: list[Issue] = field(default_factory=list)
    factor_uses: dict[str, int] = field(default_factory=dict)
    """How many calculations used each library factor (for validate's unverified-factor warning)."""

    @property
    def total(self) -> Decimal:
        return total(a.emissions for a in self.activities)

    def by_stage(self) -> dict[Stage, Decimal]:
        return {s: total(a.emissions for a in self.activities if a.activity.stage == s) for s in Stage}

    def by_category(self) -> dict[Category, Decimal]:
        return {c: total(a.emissions for a in self.activities if a.activity.category == c) for c in Category}

    @property
    def offset_total(self) -> Decimal:
        return total(o.quantity for o in self.counted)

    @property
    def balance(self) -> Decimal:
        """Offsets counted less emissions: neutral when not negative."""
        return self.offset_total - self.total

    @property
    def neutral(self) -> bool:
        return self.balance >= 0

    def to_dict(self) -> dict[str, Any]:
        from disclosure.output import dec

        return {
            "unit": "tCO2e", "total": dec(self.total),
            "by_stage": {s.value: dec(v) for s, v in self.by_stage().items()},
            "by_category": {c.value: dec(v) for c, v in self.by_category().items()},
            "activities": [{"id": a.activity.id, "stage": a.activity.stage.value, "category": a.activity.category.value,
                            "quantity": dec(a.quantity), "unit": a.unit, "emissions": dec(a.emissions),
                            "basis": a.basis, "trail": a.trail_id} for a in self.activities],
            "offsets": [{"id": o.id, "type": o.type.value, "vintage": o.vintage, "quantity": dec(o.quantity),
                         "serial": o.serial, "retired_on": o.retired_on.isoformat() if o.retired_on else None,
                         "counted": o in self.counted} for o in self.offsets],
            "offsets_counted": dec(self.offset_total), "balance": dec(self.balance), "neutral": self.neutral,
            "factors": {k: f.to_dict() for k, f in sorted(self.factors_used.items())},
        }


def counted_offsets(filing: EventFiling) -> list[Offset]:
    seen: set[str] = set()
    out = []
    for o in filing.offsets:
        key = o.serial.strip()
        if o.retired and o.retired_on is not None and o.purpose == "event-neutrality" and key not in seen:
            out.append(o)
        seen.add(key)
    return out


def compute_event(filing: EventFiling, locate: Locate) -> EventFigures:
    with decimal.localcontext() as dctx:
        dctx.prec = PRECISION
        dctx.traps[decimal.Inexact] = False
        # The engine's context types its filing as the corporate one; the functions reused here read only the
        # factor library, the trail and the locator, never the filing itself.
        ctx = Context(cast(Any, filing), library(), locate)
        results = []
        for i, act in enumerate(filing.activities):
            found = _activity(ctx, act, ("activities", i))
            if found is not None:
                results.append(found)
        ctx.trail.append(TrailEntry("event/total", "event.total", total(r.emissions for r in results), "tCO2e",
                                    "Σ activities", (), "event", (), tuple(r.trail_id for r in results)))
        figures = EventFigures(results, list(filing.offsets), counted_offsets(filing), ctx.trail,
                               dict(sorted(ctx.factors_used.items())), list(ctx.issues), dict(ctx.factor_uses))
        ctx.trail.append(TrailEntry(
            "event/balance", "event.balance", figures.balance, "tCO2e", "Σ offsets counted − total",
            tuple(TrailInput(o.id, o.quantity, "tCO2e", o.type.value, o.evidence or o.serial) for o in figures.counted),
            "event", (), ("event/total",)))
    return figures


def _source(result: SourceResult | None, act: Activity, basis: str) -> ActivityResult | None:
    if result is None:
        return None
    return ActivityResult(act, result.emissions, result.quantity or ZERO, result.quantity_unit, result.trail_id, basis)


def _activity(ctx: Context, act: Activity, path: tuple[PathPart, ...]) -> ActivityResult | None:
    given = [k for k in ("combustion", "electricity", "heat", "quantity") if getattr(act, k) is not None]
    if len(given) != 1:
        ctx.issue("rule.event.activity-source", path, activity=act.id, given=", ".join(given) or "-")
        return None
    mark = dict(ctx.factor_uses)
    if act.combustion is not None:
        found = combustion_source(ctx, act.id, act.combustion, (*path, "combustion"))
    elif act.electricity is not None:
        found = electricity_source(ctx, act.id, act.electricity, (*path, "electricity"))
    elif act.heat is not None:
        found = heat_source(ctx, act.id, act.heat, (*path, "heat"))
    else:
        return _quantity(ctx, act, path)
    used = [ctx.factors_used[k].status for k, n in ctx.factor_uses.items() if n > mark.get(k, 0)] or ["measured"]
    return _source(found, act, ",".join(sorted(set(used))))


def _quantity(ctx: Context, act: Activity, path: tuple[PathPart, ...]) -> ActivityResult | None:
    assert act.quantity is not None
    unit = act.unit or ""
    if unit not in OTHER_UNITS and not units.known(unit):
        ctx.issue("rule.units.unknown", (*path, "unit"), unit=unit or "-", field="unit",
                  suggestion=", ".join([*OTHER_UNITS, "t", "kg"]))
        return None
    if act.quantity < 0:
        ctx.issue("rule.ghg.negative", (*path, "quantity"), field="quantity", value=act.quantity)
        return None
    ref = act.factor
    if ref is None and act.mode is None:
        ctx.issue("rule.event.factor-missing", (*path, "quantity"), activity=act.id)
        return None
    if ref is None or ref.id is not None:
        factor = _library_factor(ctx, act, path)
        if factor is None:
            return None
        value = ctx.use(factor)
        value = replace(value, source=f"{value.source} — {factor.citation('zh-CN') or '-'}")
    else:
        if ref.value is None or not ref.source:
            ctx.issue("rule.factor.source-missing", (*path, "factor"))
            return None
        from disclosure.compute.context import Value

        value = Value(ref.value, ref.unit or "", "user", ref.source)
    per = _per(value.unit, unit)
    if per is None:
        ctx.issue("rule.event.factor-unit", (*path, "factor", "unit"), unit=value.unit or "-",
                  expected=f"tCO2e/{unit}")
        return None
    emissions = act.quantity * value.value * per
    tid = f"{act.id}"
    ctx.trail.append(TrailEntry(tid, f"event.{act.category.value}", emissions, "tCO2e", "E = AD × EF",
                                (TrailInput("AD", act.quantity, unit, "activity", act.evidence or ctx.where(path)),
                                 value.as_input("EF")), ctx.where(path),
                                tuple(sorted({value.basis} & {"secondary", "unverified", "user"}))))
    return ActivityResult(act, emissions, act.quantity, unit, tid, value.basis)


def event_factors() -> dict[str, Factor]:
    """The library's event factors by their activity kind (``mode``)."""
    return {f.parameter: f for f in library().by_id.values() if f.kind == "event" and f.parameter}


def _library_factor(ctx: Context, act: Activity, path: tuple[PathPart, ...]) -> Factor | None:
    """The library factor an activity names by ``factor.id`` or by ``mode``; a coded finding otherwise."""
    if act.factor is not None and act.factor.id is not None:
        factor = ctx.lib.by_id.get(act.factor.id)
        if factor is None or factor.kind != "event":
            ctx.issue("rule.factor.not-found", (*path, "factor"), ref=act.factor.id, kind="event", years="-")
            return None
        return factor
    modes = event_factors()
    assert act.mode is not None
    if act.mode not in modes:
        ctx.issue("rule.event.mode-unknown", (*path, "mode"), mode=act.mode,
                  suggestion=did_you_mean(act.mode, sorted(modes)))
        return None
    return modes[act.mode]


def _per(factor_unit: str, activity_unit: str) -> Decimal | None:
    """tCO2e per activity unit for a factor in t/kg/g CO2e (or CO2) per ``activity_unit``."""
    numerator, _, denominator = factor_unit.partition("/")
    if denominator != activity_unit:
        return None
    for mass, scale in _MASS.items():
        if numerator in (f"{mass}CO2e", f"{mass}CO2"):
            return scale
    return None


def _no_location(path: tuple[PathPart, ...]) -> Location:
    return Location(path=path)
