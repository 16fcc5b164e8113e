"""Monthly series of a filing and the robust test for power-of-ten slips and far outliers."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

from disclosure import units
from disclosure.issues import PathPart
from disclosure.model import Filing
from disclosure.model.quality import CheckRecord, SecondSource
from disclosure.model.sources import ActivityRecord, FuelRecord

POWER_BAND = 0.15
"""|log10(ratio) − k| ≤ 0.15: within a factor 1.41 of 10^k (k ≠ 0) counts as a power-of-ten gap."""
MIN_POWER = 0.85
"""A power-of-ten gap is at least 10^0.85 ≈ 7× the centre."""
OUTLIER_RATIO = math.log10(3)
"""A far outlier is at least 3× (or ⅓ of) the centre ..."""
OUTLIER_Z = 5.0
"""... and more than 5 robust standard deviations (1.4826 × MAD of the log values) from it."""
MIN_SPREAD = 0.05
"""Floor of the robust standard deviation in log10 units (a flat series must not make 12 % an outlier)."""
MIN_POINTS = 4
"""Fewer positive months give no robust centre: the series is not tested."""


def power_of_ten(ratio: Decimal | float) -> int | None:
    """The k (k ≠ 0) when ``ratio`` is within a factor √2 of 10^k and at least ~7× away from 1."""
    if ratio <= 0:
        return None
    d = math.log10(float(ratio))
    k = round(d)
    if abs(d) >= MIN_POWER and abs(d - k) <= POWER_BAND and k != 0:
        return k
    return None


@dataclass(frozen=True)
class Point:
    period: str
    value: Decimal
    path: tuple[PathPart, ...]


@dataclass(frozen=True)
class Outlier:
    point: Point
    centre: Decimal
    power: int | None
    """k of 10^k for a power-of-ten slip; None for a far outlier."""


def outliers(points: Sequence[Point]) -> Iterator[Outlier]:
    """Points a power of ten away from the series' median, or far outliers (median/MAD in log space)."""
    positive = [p for p in points if p.value > 0]
    if len(positive) < MIN_POINTS:
        return
    logs = [math.log10(float(p.value)) for p in positive]
    centre = median(logs)
    spread = max(1.4826 * median(abs(x - centre) for x in logs), MIN_SPREAD)
    centre_value = Decimal(repr(10 ** centre)).quantize(Decimal("0.0001"))
    for p, x in zip(positive, logs, strict=True):
        d = x - centre
        k = round(d)
        if abs(d) >= MIN_POWER and abs(d - k) <= POWER_BAND and k != 0:
            yield Outlier(p, centre_value, k)
        elif abs(d) >= OUTLIER_RATIO and abs(d) / spread > OUTLIER_Z:
            yield Outlier(p, centre_value, None)


@dataclass(frozen=True)
class Series:
    facility: str
    source: str
    what: str
    """combustion, electricity, heat, products or checks."""
    unit: str
    points: tuple[Point, ...]
    base: tuple[PathPart, ...]
    """Path of the records list."""


def _points(records: Sequence[FuelRecord | ActivityRecord | CheckRecord], base: tuple[PathPart, ...],
            unit: str | None) -> tuple[tuple[Point, ...], str]:
    out: list[Point] = []
    for k, rec in enumerate(records):
        if len(rec.period) != 7 or not units.known(rec.unit):
            continue
        q = rec.quantity
        if q is None:
            continue
        unit = unit or rec.unit
        if not units.same_dimension(rec.unit, unit):
            continue
        out.append(Point(rec.period, units.convert(q, rec.unit, unit), (*base, k, "quantity")))
    return tuple(out), unit or ""


def monthly_series(filing: Filing) -> Iterator[Series]:
    """Every monthly series: activity data, electricity, heat, production and second sources."""
    for i, fac in enumerate(filing.facilities):
        groups: list[tuple[str, int, str, Sequence[FuelRecord | ActivityRecord], list[SecondSource]]] = []
        groups += [("combustion", j, c.id, c.records, c.checks) for j, c in enumerate(fac.combustion)]
        groups += [("electricity", j, e.id, e.records, e.checks) for j, e in enumerate(fac.electricity)]
        groups += [("heat", j, h.id, h.records, h.checks) for j, h in enumerate(fac.heat)]
        groups += [("products", j, p.key, p.records, p.checks) for j, p in enumerate(fac.products)]
        for kind, j, sid, records, checks in groups:
            base = ("facilities", i, kind, j, "records")
            pts, unit = _points(records, base, None)
            if pts:
                yield Series(fac.id, sid, kind, unit, pts, base)
            if pts:
                continue  # second sources are reconciled month by month with the primary series
            for n, check in enumerate(checks):
                cbase = ("facilities", i, kind, j, "checks", n, "records")
                cpts, cunit = _points(check.records, cbase, None)
                if cpts:
                    yield Series(fac.id, f"{sid}/{check.kind.value}", "checks", cunit, cpts, cbase)
