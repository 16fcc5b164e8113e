"""Units and conversions: the one place where a quantity changes unit.

Every physical quantity in a filing carries a unit string. This module parses it into a
dimension vector and an exact ``Decimal`` factor to the base unit of that dimension, and
converts between units of the same dimension. A wrong-dimension conversion (GJ/t applied to
10^4 Nm3, kWh where MWh is expected by a factor) is a :class:`UnitError`, never a silent number.

Base units: fuel or product mass ``t``; gas volume ``Nm3``; energy ``GJ``; carbon mass ``tC``;
greenhouse gas ``tCO2e``; money ``CNY``. 1 tce = 29.3076 GJ is the project constant
(GB/T 2589 definition of 1 kgce = 29.3076 MJ; status: to verify, see docs/domain).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal
from fractions import Fraction
from functools import cache

# Dimension vector order: mass, volume, energy, carbon, ghg, money
Dims = tuple[int, int, int, int, int, int]
_MASS: Dims = (1, 0, 0, 0, 0, 0)
_VOLUME: Dims = (0, 1, 0, 0, 0, 0)
_ENERGY: Dims = (0, 0, 1, 0, 0, 0)
_CARBON: Dims = (0, 0, 0, 1, 0, 0)
_GHG: Dims = (0, 0, 0, 0, 1, 0)
_MONEY: Dims = (0, 0, 0, 0, 0, 1)
_NONE: Dims = (0, 0, 0, 0, 0, 0)

TCE_GJ = Decimal("29.3076")
_TCE = Fraction(TCE_GJ)
"""GJ per tonne of standard coal equivalent (1 kgce = 29.3076 MJ)."""

KWH_GJ = Decimal("0.0036")
_KWH = Fraction(KWH_GJ)
"""GJ per kWh (3.6 MJ, exact by definition)."""

C_TO_CO2 = Decimal(44) / Decimal(12)
"""Molar-mass ratio CO2/C, applied exactly once per combustion result."""

_SIMPLE: dict[str, tuple[Dims, Fraction]] = {
    "t": (_MASS, Fraction(1)),
    "kg": (_MASS, Fraction("0.001")),
    "kt": (_MASS, Fraction(1000)),
    "10^4t": (_MASS, Fraction(10000)),
    "Nm3": (_VOLUME, Fraction(1)),
    "10^4Nm3": (_VOLUME, Fraction(10000)),
    "10^8Nm3": (_VOLUME, Fraction(100000000)),
    "kJ": (_ENERGY, Fraction("0.000001")),
    "MJ": (_ENERGY, Fraction("0.001")),
    "GJ": (_ENERGY, Fraction(1)),
    "TJ": (_ENERGY, Fraction(1000)),
    "kWh": (_ENERGY, _KWH),
    "MWh": (_ENERGY, _KWH * 1000),
    "10^4kWh": (_ENERGY, _KWH * 10000),
    "GWh": (_ENERGY, _KWH * 1000000),
    "kgce": (_ENERGY, _TCE / 1000),
    "tce": (_ENERGY, _TCE),
    "10^4tce": (_ENERGY, _TCE * 10000),
    "tC": (_CARBON, Fraction(1)),
    "kgC": (_CARBON, Fraction("0.001")),
    "tCO2e": (_GHG, Fraction(1)),
    "kgCO2e": (_GHG, Fraction("0.001")),
    "ktCO2e": (_GHG, Fraction(1000)),
    "10^4tCO2e": (_GHG, Fraction(10000)),
    "CNY": (_MONEY, Fraction(1)),
    "10^4CNY": (_MONEY, Fraction(10000)),
    "10^8CNY": (_MONEY, Fraction(100000000)),
    "1": (_NONE, Fraction(1)),
    "%": (_NONE, Fraction("0.01")),
}

# Spellings people use, mapped to the canonical names above. CO2 and CO2e share a dimension:
# a CO2-only figure is still tonnes of CO2 equivalent with GWP 1.
_ALIASES: dict[str, str] = {
    "吨": "t", "tonne": "t", "tonnes": "t", "tons": "t", "ton": "t",
    "千克": "kg", "公斤": "kg", "千吨": "kt", "万t": "10^4t", "万吨": "10^4t", "10⁴t": "10^4t",
    "Nm³": "Nm3", "标准立方米": "Nm3", "10^4Nm³": "10^4Nm3", "10⁴Nm3": "10^4Nm3", "10⁴Nm³": "10^4Nm3",
    "万Nm3": "10^4Nm3", "万Nm³": "10^4Nm3", "万标准立方米": "10^4Nm3", "亿Nm3": "10^8Nm3",
    "亿Nm³": "10^8Nm3", "10⁸Nm3": "10^8Nm3",
    "千焦": "kJ", "兆焦": "MJ", "吉焦": "GJ", "太焦": "TJ",
    "千瓦时": "kWh", "度": "kWh", "兆瓦时": "MWh", "万kWh": "10^4kWh", "万千瓦时": "10^4kWh",
    "10⁴kWh": "10^4kWh", "吉瓦时": "GWh",
    "千克标准煤": "kgce", "吨标准煤": "tce", "万吨标准煤": "10^4tce", "万tce": "10^4tce",
    "10⁴tce": "10^4tce",
    "吨碳": "tC", "t C": "tC",
    "tCO2": "tCO2e", "tCO₂": "tCO2e", "tCO₂e": "tCO2e", "吨二氧化碳": "tCO2e",
    "吨二氧化碳当量": "tCO2e", "kgCO2": "kgCO2e", "kgCO₂": "kgCO2e", "kgCO₂e": "kgCO2e",
    "ktCO2": "ktCO2e", "万tCO2e": "10^4tCO2e", "万tCO2": "10^4tCO2e", "万吨二氧化碳当量": "10^4tCO2e",
    "10⁴tCO2e": "10^4tCO2e",
    "元": "CNY", "人民币元": "CNY", "万元": "10^4CNY", "亿元": "10^8CNY",
    "fraction": "1", "ratio": "1", "percent": "%", "％": "%",
}


class UnitError(ValueError):
    """A unit string is unknown, or two units do not share a dimension."""


@dataclass(frozen=True, slots=True)
class Unit:
    """A parsed unit: its canonical spelling, dimension vector and factor to the base unit."""

    name: str
    dims: Dims
    exact: Fraction
    """Exact factor to the base unit (a fraction: GJ per MWh is 3.6, MWh per GJ is 5/18)."""

    @property
    def factor(self) -> Decimal:
        """The factor to the base unit as a decimal (exact whenever it terminates)."""
        return to_decimal(self.exact)


def _simple(token: str) -> tuple[Dims, Fraction]:
    token = token.strip()
    name = _ALIASES.get(token, token)
    if name not in _SIMPLE:
        raise UnitError(f"unknown unit {token!r}")
    return _SIMPLE[name]


@cache
def parse(text: str) -> Unit:
    """Parse ``"GJ/10^4Nm3"``, ``"kgCO2/kWh"``, ``"%"`` and the like."""
    raw = text.strip().replace(" ", "")
    if not raw:
        raise UnitError("empty unit")
    num, sep, den = raw.partition("/")
    ndims, nfac = _simple(num)
    if not sep:
        return Unit(_canonical(num), ndims, nfac)
    if "/" in den:
        raise UnitError(f"unit {text!r} has more than one '/'")
    ddims, dfac = _simple(den)
    dims: Dims = tuple(a - b for a, b in zip(ndims, ddims, strict=True))  # type: ignore[assignment]
    return Unit(f"{_canonical(num)}/{_canonical(den)}", dims, nfac / dfac)


def _canonical(token: str) -> str:
    return _ALIASES.get(token.strip(), token.strip())


PRECISION = 50
CONTEXT = Context(prec=PRECISION)
"""The arithmetic context of every calculation: 50 significant digits, half-even, whatever the
caller's own decimal context (figures are rounded only for display)."""


@cache
def to_decimal(value: Fraction) -> Decimal:
    """A fraction as a decimal: exact when it terminates, else to 50 significant digits."""
    return CONTEXT.divide(Decimal(value.numerator), Decimal(value.denominator))


@cache
def factor(from_unit: str, to_unit: str) -> Decimal:
    """The multiplier taking a value in ``from_unit`` to ``to_unit``, computed exactly."""
    a, b = parse(from_unit), parse(to_unit)
    if a.dims != b.dims:
        raise UnitError(f"cannot convert {from_unit!r} to {to_unit!r}: different dimensions")
    return to_decimal(a.exact / b.exact)


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """Convert ``value`` between two units of the same dimension."""
    if from_unit == to_unit:
        return value
    return CONTEXT.multiply(value, factor(from_unit, to_unit))


def same_dimension(unit: str, reference: str) -> bool:
    """Whether ``unit`` parses and measures the same kind of thing as ``reference``."""
    try:
        return parse(unit).dims == parse(reference).dims
    except UnitError:
        return False


def names() -> list[str]:
    """Every unit spelling the parser knows (for "did you mean")."""
    return sorted(set(_SIMPLE) | set(_ALIASES))


def known(unit: str) -> bool:
    try:
        parse(unit)
    except UnitError:
        return False
    return True
