"""Machine-readable outputs of a build: figures, trail, substitutions, factors (deterministic)."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from typing import Any

from disclosure.compute.quality import quality_dict
from disclosure.compute.results import Figures


def dec(value: Decimal | None) -> str | None:
    """A decimal as plain text without exponent or trailing zeros."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def figures_dict(fig: Figures) -> dict[str, Any]:
    """The computed figures as JSON-ready data (exact decimals as strings, tCO2e unless named)."""
    return {
        "approach": fig.approach,
        "gwp_set": fig.gwp_set,
        "unit": "tCO2e",
        "scope1": dec(fig.totals.scope1),
        "scope2_location": dec(fig.totals.scope2_location),
        "scope2_market": dec(fig.totals.scope2_market),
        "scope3": dec(fig.scope3),
        "total_location": dec(fig.total_location),
        "total_market": dec(fig.total_market),
        "by_approach": {a: {k: dec(Decimal(v)) for k, v in t.to_dict().items()}
                        for a, t in fig.by_approach.items()},
        "consolidated_group": {k: dec(Decimal(v)) for k, v in fig.consolidated_group.to_dict().items()},
        "other_investees": {k: dec(Decimal(v)) for k, v in fig.other_investees.to_dict().items()},
        "scope1_by_source_type": {k: dec(v) for k, v in fig.by_source_type.items()},
        "scope1_by_gas": {k: dec(v) for k, v in fig.by_gas.items()},
        "scope3_by_category": {str(k): dec(v) for k, v in fig.scope3_by_category.items()},
        "energy_gj": {k: dec(v) for k, v in fig.energy_gj.items()},
        "energy_tce": {k: dec(v) for k, v in fig.energy_tce.items()},
        "energy_total_tce": dec(fig.energy_total_tce),
        "energy_basis": "calorific equivalent: fuels by NCV, electricity 3.6 MJ/kWh, 1 tce = 29.3076 GJ",
        "intensity_revenue_per_10k_cny": {k: dec(v) for k, v in fig.intensity_revenue.items()},
        "intensity_product": {
            k: {n: dec(v) if isinstance(v, Decimal) else v for n, v in e.items()}
            for k, e in fig.intensity_product.items()
        },
        "facilities": [
            {
                "id": f.id, "entity": f.entity, "share": dec(f.share), "consolidated": f.consolidated,
                "scope1": dec(f.scope1), "scope2_location": dec(f.scope2_location),
                "scope2_market": dec(f.scope2_market), "scope2_ets": dec(f.scope2_ets),
                "sources": [
                    {"id": s.source, "kind": s.kind, "source_type": s.source_type,
                     "scope": s.scope, "emissions": dec(s.emissions), "market": dec(s.market),
                     "by_gas": {g: dec(v) for g, v in s.by_gas.items()},
                     "energy_gj": dec(s.energy_gj), "trail": s.trail_id}
                    for s in f.sources
                ],
            }
            for f in fig.facilities
        ],
        "parameter_basis": fig.parameter_basis,
        "substitutions": len(fig.substitutions),
        "factors": [dict(f.to_dict(), uses=fig.factor_uses.get(f.id, 0))
                    for f in fig.factors_used.values()],
        "flagged_factors": [f.id for f in fig.flagged_factors],
        "quality": quality_dict(fig.quality, fig.substitutions),
    }


def to_json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def trail_json(fig: Figures) -> bytes:
    return to_json({"entries": [e.to_dict() for e in fig.trail],
                    "substitutions": [s.to_dict() for s in fig.substitutions]})


TRAIL_COLUMNS = ("id", "figure", "value", "unit", "formula", "input", "input_value", "input_unit",
                 "input_basis", "input_source", "location", "flags", "parts")


_PLAIN_NUMBER = re.compile(r"^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""What makes a spreadsheet read a cell as a formula (full-width forms too: some spreadsheets fold them)."""


def csv_cell(value: object) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection): text that starts, after any blanks,
    with = + - @ or a control character gets a leading apostrophe; plain numbers are left as they are."""
    text = "" if value is None else str(value)
    if text.lstrip(" ")[:1] in _FORMULA_START and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


class _SafeWriter:
    """csv.writer whose every cell goes through :func:`csv_cell`."""

    def __init__(self, buf: io.StringIO) -> None:
        self._writer = csv.writer(buf, lineterminator="\n")

    def writerow(self, row: list[object]) -> None:
        self._writer.writerow([csv_cell(v) for v in row])


def trail_csv(fig: Figures) -> bytes:
    """One row per input of each step (a step without inputs sums its ``parts``); a step's ``parts`` are
    listed on its first row."""
    buf = io.StringIO()
    w = _SafeWriter(buf)
    w.writerow(list(TRAIL_COLUMNS))
    for e in fig.trail:
        common = [e.id, e.figure, dec(e.value), e.unit, e.formula]
        tail = [e.location, ";".join(e.flags), ";".join(e.parts)]
        if not e.inputs:
            w.writerow([*common, "", "", "", "", "", *tail])
        for n, i in enumerate(e.inputs):
            # parts on the step's first row only: a group total has a part and an input per facility, and
            # repeating the list on every row made the file grow with the square of the facilities
            rest = tail if n == 0 else [*tail[:2], ""]
            w.writerow([*common, i.name, dec(i.value), i.unit, i.basis, i.source, *rest])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM so Excel opens it as UTF-8
