"""State shared by the calculation steps: look-ups, findings, trail and factor resolution."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from disclosure import units
from disclosure.compute.trail import Substitution, TrailEntry, TrailInput
from disclosure.factors import Factor, Library
from disclosure.issues import Issue, Location, PathPart
from disclosure.model import Filing
from disclosure.model.base import Basis
from disclosure.model.sources import FactorRef, Param
from disclosure.suggest import did_you_mean

Locate = Callable[[tuple[PathPart, ...]], Location]


@dataclass(frozen=True, slots=True)
class Value:
    """A resolved parameter or factor: value, unit, how it is known and where from."""

    value: Decimal
    unit: str
    basis: str
    source: str
    factor_id: str = ""
    origin: tuple[PathPart, ...] = ()
    """Where in the filing the value was given (empty for library values)."""

    def as_input(self, name: str) -> TrailInput:
        return TrailInput(name, self.value, self.unit, self.basis, self.source)


@dataclass
class Context:
    filing: Filing
    lib: Library
    locate: Locate
    issues: list[Issue] = field(default_factory=list)
    trail: list[TrailEntry] = field(default_factory=list)
    substitutions: list[Substitution] = field(default_factory=list)
    factors_used: dict[str, Factor] = field(default_factory=dict)
    factor_uses: Counter[str] = field(default_factory=Counter)
    basis_counts: dict[str, Counter[str]] = field(default_factory=dict)

    def issue(self, code: str, path: tuple[PathPart, ...], **context: Any) -> None:
        self.issues.append(Issue(code, self.locate(path), context))

    def where(self, path: tuple[PathPart, ...]) -> str:
        return str(self.locate(path))

    def count_basis(self, parameter: str, basis: str) -> None:
        self.basis_counts.setdefault(parameter, Counter())[basis] += 1

    def use(self, factor: Factor) -> Value:
        self.factors_used[factor.id] = factor
        self.factor_uses[factor.id] += 1
        return Value(factor.value, factor.unit, factor.status, f"{factor.id}: {factor.source_text()}",
                     factor.id)

    def unit_ok(self, unit: str | None, reference: str, path: tuple[PathPart, ...],
                what: str) -> bool:
        """Check that ``unit`` is known and has the dimension of ``reference``."""
        if unit is None:
            self.issue("rule.units.missing", path, field=what)
            return False
        if not units.known(unit):
            self.issue("rule.units.unknown", path, unit=unit, field=what,
                       suggestion=did_you_mean(unit, units.names()))
            return False
        if not units.same_dimension(unit, reference):
            self.issue("rule.units.dimension", path, unit=unit, field=what, expected=reference)
            return False
        return True

    def factor(self, ref: FactorRef, kind: str, reference_unit: str,
               path: tuple[PathPart, ...]) -> Value | None:
        """Resolve a factor reference to a library entry or a preparer-supplied value."""
        if ref.value is not None:
            if not ref.source:
                self.issue("rule.factor.source-missing", path)
                return None
            if not self.unit_ok(ref.unit, reference_unit, path, "unit"):
                return None
            assert ref.unit is not None
            return Value(ref.value, ref.unit, "user", ref.source)
        found: Factor | None = None
        if ref.id is not None:
            found = self.lib.by_id.get(ref.id)
        elif ref.series is not None and ref.year is not None and (
            ref.region is not None or ref.series == "ets-national"
        ):
            region = self.lib.region_key(ref.region or "national")
            if region is None:
                known = self.lib.electricity_regions(ref.series)
                self.issue("rule.factor.region-unknown", path, region=ref.region,
                           suggestion=did_you_mean(ref.region or "", self.lib.region_names()),
                           regions=known[:12],
                           regions_zh="、".join(self.lib.regions[k]["zh-CN"] for k in known[:12]))
                return None
            if ref.series == "ets-national" and ref.year not in self.lib.ets_by_year:
                self.issue("rule.factor.ets-year", path, year=ref.year,
                           years=self.lib.electricity_years("ets-national"))
                return None
            found = self.lib.electricity(ref.series, ref.year, region)
        else:
            self.issue("rule.factor.incomplete", path)
            return None
        if found is None or found.kind != kind:
            years = self.lib.electricity_years(ref.series) if ref.series else []
            self.issue("rule.factor.not-found", path,
                       ref=ref.id or f"{ref.series}/{ref.year}/{ref.region}", kind=kind,
                       years=years or "-")
            return None
        return self.use(found)

    def gwp(self, gas: str, path: tuple[PathPart, ...]) -> Value | None:
        if gas in ("CO2", "CO₂"):
            return Value(Decimal(1), "1", "definition", "CO2 GWP = 1")
        gwp = self.filing.report.gwp
        for entry in gwp.values:
            if entry.gas == gas:
                return Value(entry.value, "1", "user", entry.source)
        if gas == "CH4" and gwp.set.value == "AR6":
            self.issue("rule.gwp.ch4-origin", path, gas=gas, set=gwp.set.value)
            return None
        found = self.lib.gwp(gwp.set.value, gas)
        if found is None:
            self.issue("rule.gwp.missing", path, gas=gas, set=gwp.set.value)
            return None
        return self.use(found)

    def param(self, name: str, param: Param | None, path: tuple[PathPart, ...],
              reference_unit: str, facility: str, source: str,
              default: Callable[[], Value | None] | None = None) -> Value | None:
        """Resolve a source-level parameter (process sources): measured, default given, or library."""
        if param is None:
            if default is not None:
                return default()
            self.issue("schema.missing", path, field=name)
            return None
        if param.value is None:
            if param.basis is Basis.MEASURED:
                self.issue("rule.param.measured-without-value", path, parameter=name)
                return None
            if param.factor:
                found = self.lib.by_id.get(param.factor)
                if found is None:
                    self.issue("rule.factor.not-found", path, ref=param.factor, kind=name, years="-")
                    return None
                return self.use(found)
            if default is not None:
                return default()
            self.issue("rule.param.default-missing", path, parameter=name, fuel=source)
            return None
        if not self.unit_ok(param.unit, reference_unit, path, name):
            return None
        assert param.unit is not None
        if param.basis is Basis.DEFAULT:
            if not param.source:
                self.issue("rule.param.default-source-missing", path, parameter=name)
                return None
            self.count_basis(name, "default")
            return Value(param.value, param.unit, "default", param.source)
        if not param.evidence:
            self.issue("rule.param.evidence-missing", path, parameter=name)
        self.count_basis(name, "measured")
        return Value(param.value, param.unit, "measured", param.evidence or "")


def fraction(v: Value) -> Decimal:
    """A dimensionless parameter (%, fraction) as a fraction."""
    return v.value * units.parse(v.unit).factor
