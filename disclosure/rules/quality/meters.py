"""Meters (计量器具): records name a meter of the facility's register, measured while it was
calibrated, with the accuracy class GB 17167 requires for what it measures."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import cache
from typing import Any

from disclosure import units
from disclosure.compute.quality import calibrated
from disclosure.issues import Issue, PathPart
from disclosure.model.quality import Meter
from disclosure.model.sources import ActivityRecord, Facility, FuelRecord
from disclosure.resources import load_data_yaml
from disclosure.rules.registry import RuleContext, rule


@cache
def requirements() -> dict[str, Any]:
    data: dict[str, Any] = load_data_yaml("meters.yaml")
    return data


def parse_class(text: str) -> tuple[Decimal, bool]:
    """'0.5S级' → (0.5, True)."""
    t = text.rstrip("级")
    return Decimal(t.rstrip("S")), t.endswith("S")


def meets(actual: str, required: str) -> bool:
    """Whether accuracy class ``actual`` is at least as good as ``required`` (smaller is better;
    an S class meets the plain class of the same number, not the reverse)."""
    a, a_s = parse_class(actual)
    r, r_s = parse_class(required)
    return a < r or (a == r and (a_s or not r_s))


Group = tuple[str, int, str, str | None, Sequence[FuelRecord | ActivityRecord]]


def _groups(fac: Facility) -> list[Group]:
    out: list[Group] = [("combustion", j, c.id, c.meter, c.records) for j, c in enumerate(fac.combustion)]
    out += [("electricity", j, e.id, e.meter, e.records) for j, e in enumerate(fac.electricity)]
    out += [("heat", j, h.id, h.meter, h.records) for j, h in enumerate(fac.heat)]
    return out


def required_class(meter: Meter, monthly_mwh: Decimal) -> str | None:
    spec = requirements()
    if meter.measures.value == "electricity":
        for row in spec["electricity"]:
            if monthly_mwh >= Decimal(str(row["min_monthly_mwh"])):
                return str(row["class"])
        return None
    value = spec["requirements"].get(meter.measures.value)
    return str(value) if value is not None else None


@rule("rule.meter.unknown", "rule.meter.uncalibrated", "rule.meter.accuracy")
def rule_meters(ctx: RuleContext) -> Iterator[Issue]:
    """Each record's meter is in the register (unknown: error); it was calibrated throughout the
    record's period (out of calibration: error, acknowledge with evidence if justified); its class is
    at least the one GB 17167 Table 3 requires (below: warning, the table is unverified here)."""
    for i, fac in enumerate(ctx.filing.facilities):
        register = {m.id: m for m in fac.meters}
        electricity_mwh: dict[str, Decimal] = {}
        months: dict[str, set[str]] = {}
        for kind, j, sid, default, records in _groups(fac):
            base: tuple[PathPart, ...] = ("facilities", i, kind, j)
            reported: set[str] = set()
            stale: dict[str, list[tuple[int, str]]] = {}
            for k, rec in enumerate(records):
                mid = rec.meter or default
                if mid is None:
                    continue
                meter = register.get(mid)
                if meter is None:
                    if mid not in reported:
                        reported.add(mid)
                        where = (*base, "records", k, "meter") if rec.meter else (*base, "meter")
                        yield ctx.at("rule.meter.unknown", where, facility=fac.id, meter=mid,
                                     known=sorted(register) or "-")
                    continue
                if not calibrated(meter, rec.period):
                    stale.setdefault(mid, []).append((k, rec.period))
                if kind == "electricity" and units.known(rec.unit) and units.same_dimension(rec.unit, "MWh"):
                    electricity_mwh[mid] = electricity_mwh.get(mid, Decimal(0)) + units.convert(
                        rec.quantity, rec.unit, "MWh")
                    months.setdefault(mid, set()).add(rec.period)
            for mid, bad in stale.items():
                k, _ = bad[0]
                yield ctx.at("rule.meter.uncalibrated", (*base, "records", k, "quantity"), facility=fac.id,
                             source=sid, meter=mid, periods=[p for _, p in bad])
        for n, meter in enumerate(fac.meters):
            count = sum(12 if len(p) == 4 else 1 for p in months.get(meter.id, set())) or 12
            required = required_class(meter, electricity_mwh.get(meter.id, Decimal(0)) / count)
            if required is not None and not meets(meter.accuracy_class, required):
                yield ctx.at("rule.meter.accuracy", ("facilities", i, "meters", n, "accuracy_class"),
                             facility=fac.id, meter=meter.id, actual=meter.accuracy_class,
                             required=required, document_zh=requirements()["document"]["zh-CN"],
                             document_en=requirements()["document"]["en"])
