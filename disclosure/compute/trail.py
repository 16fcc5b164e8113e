"""The calculation trail (核查溯源): every figure back to its inputs, factors and formula."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True, slots=True)
class TrailInput:
    """One input of a calculation step."""

    name: str
    value: Decimal
    unit: str
    basis: str
    """measured, default, factor status (verified/secondary/unverified/user) or 'activity'."""
    source: str
    """Evidence reference, factor id and document, or input location."""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "value": str(self.value), "unit": self.unit,
                "basis": self.basis, "source": self.source}


@dataclass(frozen=True, slots=True)
class TrailEntry:
    """One calculation step: ``value`` (in ``unit``) = ``formula`` over ``inputs``."""

    id: str
    figure: str
    value: Decimal
    unit: str
    formula: str
    inputs: tuple[TrailInput, ...]
    location: str
    flags: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    """Ids of the entries this one sums."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "figure": self.figure, "value": str(self.value), "unit": self.unit,
            "formula": self.formula, "inputs": [i.to_dict() for i in self.inputs],
            "location": self.location, "flags": list(self.flags), "parts": list(self.parts),
        }


@dataclass(frozen=True, slots=True)
class Substitution:
    """A parameter replaced by a default (缺省值替代), keeping the original value."""

    facility: str
    source: str
    period: str
    parameter: str
    reason: str
    """missing, non-compliant, different-sample (NCV and carbon content not from one sample), frequency."""
    original: Decimal | None
    value: Decimal
    unit: str
    factor: str
    status: str
    location: str
    original_unit: str | None = None
    emissions: Decimal | None = None
    """tCO2 of the record with the substituted default."""
    emissions_original: Decimal | None = None
    """tCO2 the record would give with the original (rejected) value, when there was one."""
    requirement: str | None = None
    """For a ``frequency`` substitution: the testing frequency it failed, with its document and status."""

    @property
    def difference(self) -> Decimal | None:
        """Emissions with the default minus emissions with the original value."""
        if self.emissions is None or self.emissions_original is None:
            return None
        return self.emissions - self.emissions_original

    def to_dict(self) -> dict[str, Any]:
        return {
            "facility": self.facility, "source": self.source, "period": self.period,
            "parameter": self.parameter, "reason": self.reason,
            "original": None if self.original is None else str(self.original),
            "original_unit": self.original_unit,
            "value": str(self.value), "unit": self.unit, "factor": self.factor,
            "status": self.status, "location": self.location,
            "emissions": None if self.emissions is None else str(self.emissions),
            "emissions_original": None if self.emissions_original is None else str(self.emissions_original),
            "difference": None if self.difference is None else str(self.difference),
        } | ({"requirement": self.requirement} if self.requirement else {})
