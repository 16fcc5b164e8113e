"""Minimum testing frequency of measured fuel parameters (检测频次), per ETS sector, fuel and
parameter (data/testing.yaml): which records fail it, and what follows (substitution or warning)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from disclosure.model.base import Basis
from disclosure.model.sources import FuelParameters, FuelRecord, Param
from disclosure.resources import load_data_yaml

PARAMETERS = ("ncv", "carbon_content", "oxidation")


@dataclass(frozen=True)
class Requirement:
    """One row of the table: how often a parameter of a fuel must be tested, and what a failure does."""

    sector: str
    parameter: str
    frequency: str
    """monthly or batch."""
    action: str
    """substitute or warn."""
    status: str
    source: str
    document: dict[str, str]
    """zh-CN and en."""

    def describe(self) -> str:
        """One line for the trail: frequency, document and status."""
        return f"{self.frequency} ({self.sector}: {self.document['en']}; {self.status})"


@cache
def table() -> dict[str, Any]:
    data: dict[str, Any] = load_data_yaml("testing.yaml")
    return data


@cache
def requirements(sector: str | None, fuel: str, form: str) -> dict[str, Requirement]:
    """The requirements on each parameter of ``fuel`` for an ETS key emitter of ``sector``."""
    sectors = table()["sectors"]
    key = sector if sector is not None and sector in sectors else "default"
    spec = sectors[key]
    out: dict[str, Requirement] = {}
    for row in sorted(spec["rules"], key=lambda r: "fuel" in r):  # fuel rows after (over) form rows
        if row.get("fuel", fuel) != fuel or row.get("form", form) != form:
            continue
        out[row["parameter"]] = Requirement(key, row["parameter"], row["frequency"], row["action"],
                                            row["status"], row["source"], spec["document"])
    return out


def texts(kind: str, key: str) -> dict[str, str]:
    """The zh-CN and en names of a frequency, parameter or status (for messages)."""
    names: dict[str, str] = table()[kind][key]
    return names


def _field(rec: FuelRecord, params: FuelParameters, name: str) -> tuple[Any, Basis | None, str | None]:
    """The record's own value of a parameter, its basis (record's or source's) and evidence."""
    src: Param | None = getattr(params, name)
    basis = getattr(rec, f"{name}_basis") or (src.basis if src is not None else None)
    evidence = getattr(rec, f"{name}_evidence") or (src.evidence if src is not None else None)
    return getattr(rec, name), basis, evidence


def fails(rec: FuelRecord, params: FuelParameters, req: Requirement) -> bool:
    """Whether a record's measured value of the parameter fails the requirement (a default never does)."""
    own, basis, evidence = _field(rec, params, req.parameter)
    src: Param | None = getattr(params, req.parameter)
    if basis is not Basis.MEASURED or (own is None and (src is None or src.value is None)):
        return False
    if req.frequency == "monthly":
        return len(rec.period) == 4 or own is None
    if req.frequency == "batch":
        return not evidence
    raise ValueError(f"unknown testing frequency {req.frequency!r} in testing.yaml")
