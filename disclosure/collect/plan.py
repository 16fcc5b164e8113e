"""``disclosure collect plan``: one workbook per entity of the group's boundary, to send out.

Each workbook holds the entity's facilities as the group knows them (sources, fuels, parameters'
units and bases, factors, meters with their calibrations, products), twelve blank months per source
for the year (period and unit written, quantity to fill), a 签字 sheet (preparer, reviewer, date,
contact, declaration) and a 上年数据 sheet with last year's figures. ``collect.yaml`` beside them
records the group filing, the year, the threshold of the year-on-year check, each workbook's
SHA-256 as sent (a workbook that comes back unchanged was not returned) and last year's figures.
"""

from __future__ import annotations

import copy
import hashlib
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook

from disclosure.collect.sheets import write_prior, write_signoff
from disclosure.compute import compute
from disclosure.convert import plain, read_model
from disclosure.errors import DisclosureError
from disclosure.intake.layout import Sheet
from disclosure.intake.template import write_workbook
from disclosure.issues import ValidationReport
from disclosure.model import Filing
from disclosure.output import dec

PLAN = "collect.yaml"
THRESHOLD = Decimal(20)
"""Year-on-year change (%) of a facility's Scope 1 or 2 beyond which the status table asks why."""
_ACTIVITY = ("combustion", "electricity", "heat")
INSTRUCTIONS = [
    ("温室气体排放数据填报工作簿（下属单位）", "GHG data workbook (subsidiary)"),
    ("本工作簿由集团下发，列出本单位的设施、排放源和计量器具；请逐月填写消耗量（数量列），核对单位与参数。",
     "Sent by the group: your facilities, sources and meters are listed; fill each month's quantity and check "
     "units and parameters."),
    ("新增设施或排放源请在对应工作表末尾加行，并在“所属设施”列填写设施编号；停产月份请在 facilities.downtime 中说明。",
     "Add a new facility or source as a row at the end of its sheet, naming its facility; explain months "
     "without operation in facilities.downtime."),
    ("“上年数据”工作表给出上年用量和排放量，供对比；与上年差异较大时请在“签字”表的说明中写明原因。",
     "The 上年数据 sheet gives last year's figures for comparison; explain large changes in the sign-off note."),
    ("填写完毕后由填报人、审核人在“签字”表签字，按原文件名报回集团；集团逐一校验，问题清单（链接到单元格）退回修改。",
     "When done, the preparer and the reviewer sign the 签字 sheet and return it under its name; the group "
     "checks each workbook and sends back its findings, each linked to its cell."),
    ("请勿修改工作表名称和表头最后一行的字段键；月份写作 2025-03；数字不带单位和千分位。",
     "Do not rename sheets or change the field keys on a header's last line; months as 2025-03; numbers "
     "without units or separators."),
]


@dataclass
class Planned:
    """What ``plan`` wrote, or the findings that stopped it."""

    report: ValidationReport
    written: list[Path] = field(default_factory=list)


def _facility_sheets(sheet: Sheet) -> bool:
    return sheet.path[0] == "facilities"


def _blank_records(records: Any, year: int) -> list[dict[str, Any]]:
    """Twelve months (or one year) with the period, the unit and what every record shared, quantity blank."""
    if not isinstance(records, list) or not records:
        return []
    first = records[0] if isinstance(records[0], dict) else {}
    shared = {k: v for k, v in first.items() if (k == "unit" or k == "meter" or k.endswith(("_unit", "_basis")))
              and all(isinstance(r, dict) and r.get(k) == v for r in records)}
    if any(isinstance(r, dict) and len(str(r.get("period", ""))) == 7 for r in records):
        return [{"period": f"{year}-{m:02d}", **shared} for m in range(1, 13)]
    return [{"period": str(year), **shared}]


def blank_facility(facility: dict[str, Any], year: int) -> dict[str, Any]:
    """The facility as the group knows it, its activity data emptied for the subsidiary to fill."""
    fac = copy.deepcopy(facility)
    for key in ("verification", "downtime"):
        fac.pop(key, None)
    for kind in _ACTIVITY:
        for source in fac.get(kind) or []:
            source["records"] = _blank_records(source.get("records"), year)
            source.pop("declared_annual_quantity", None)
            for check in source.get("checks") or []:
                check["records"] = _blank_records(check.get("records"), year)
    for product in fac.get("products") or []:
        product.pop("quantity", None)
        product["records"] = _blank_records(product.get("records"), year)
        for check in product.get("checks") or []:
            check["records"] = _blank_records(check.get("records"), year)
    for process in fac.get("process") or []:
        for key in ("clinker", "aluminium", "kiln_dust", "bypass_dust"):
            if isinstance(process.get(key), dict):
                process[key].pop("value", None)
                process[key].pop("evidence", None)
        process.pop("quantity", None)
    return fac


def prior_figures(prior: Filing) -> dict[str, Any]:
    """Last year's figures per facility and source (exact decimals as text), from the prior filing."""
    figures = compute(prior).figures
    facilities: dict[str, Any] = {}
    for f in figures.facilities:
        facilities[f.id] = {
            "entity": f.entity, "scope1": dec(f.scope1), "scope2": dec(f.scope2_location),
            "sources": {s.source: {"kind": s.kind, "quantity": dec(s.quantity), "unit": s.quantity_unit,
                                   "emissions": dec(s.emissions)} for s in f.sources}}
    return {"fiscal_year": prior.report.fiscal_year, "facilities": facilities}


def _prior_rows(prior: dict[str, Any], facility_ids: list[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    known = prior.get("facilities", {})
    for fid in facility_ids:
        fac = known.get(fid)
        if fac is None:
            continue
        for sid, s in fac["sources"].items():
            rows.append({"facility": fid, "source": sid, "kind": s["kind"],
                         "quantity": Decimal(s["quantity"]) if s["quantity"] is not None else None,
                         "unit": s["unit"], "emissions": _cents(s["emissions"])})
        rows.append({"facility": fid, "source": "范围一合计 Scope 1", "emissions": _cents(fac["scope1"])})
        rows.append({"facility": fid, "source": "范围二合计 Scope 2", "emissions": _cents(fac["scope2"])})
    return rows


def _cents(text: str) -> Decimal:
    """Emissions shown to the hundredth of a tonne (for comparison; collect.yaml keeps the exact figure)."""
    return Decimal(text).quantize(Decimal("0.01"))


def entity_workbook(entity: str, name: str, facilities: list[dict[str, Any]], prior: dict[str, Any],
                    signoff: dict[str, Any] | None = None) -> bytes:
    """The workbook sent to ``entity``: its facilities (blank when planned), the sign-off
    (``signoff`` typed in when a program fills it), last year's figures."""
    rows = _prior_rows(prior, [str(f.get("id")) for f in facilities])

    def extra(book: Workbook) -> None:
        write_signoff(book, entity, name, signoff)
        write_prior(book, prior.get("fiscal_year"), rows)

    return write_workbook({"facilities": facilities}, only=_facility_sheets, extra=extra, instructions=INSTRUCTIONS)


def _write_one(job: tuple[str, str, list[dict[str, Any]], dict[str, Any], str]) -> tuple[str, str]:
    entity, name, facilities, prior, target = job
    content = entity_workbook(entity, name, facilities, prior)
    tmp = Path(target + ".tmp")
    tmp.write_bytes(content)
    os.replace(tmp, target)
    return target, hashlib.sha256(content).hexdigest()


def plan(group: Path, out: Path, prior: Path | None = None, threshold: Decimal = THRESHOLD,
         force: bool = False, jobs: int = 1, allow_outside: tuple[Path, ...] = ()) -> Planned:
    """Write one workbook per boundary entity and ``collect.yaml`` into ``out``. A workbook already
    there (perhaps returned filled) is never overwritten unless ``force``."""
    filing, report = read_model(group, allow_outside)
    if filing is None:
        return Planned(report)
    prior_data: dict[str, Any] = {}
    if prior is not None:
        prior_filing, prior_report = read_model(prior, allow_outside)
        if prior_filing is None:
            return Planned(prior_report)
        prior_data = prior_figures(prior_filing)
    data = plain(filing)
    year = filing.report.fiscal_year
    entities: list[dict[str, Any]] = []
    jobs_list: list[tuple[str, str, list[dict[str, Any]], dict[str, Any], str]] = []
    for entity in filing.boundary.entities:
        facilities = [blank_facility(f, year) for f in data["facilities"] if f.get("entity") == entity.id]
        workbook = f"{entity.id}.xlsx"
        target = out / workbook
        if target.exists() and not force:
            raise DisclosureError("collect.exists", f"{target} already exists (perhaps returned filled)",
                                  "Plan into an empty folder, or use --force to overwrite.")
        name = entity.name.get("zh-CN")
        entities.append({"id": entity.id, "name": name, "workbook": workbook,
                         "facilities": [str(f["id"]) for f in facilities]})
        own = {k: v for k, v in (prior_data.get("facilities") or {}).items()
               if v.get("entity") == entity.id or k in {str(f["id"]) for f in facilities}}
        jobs_list.append((entity.id, name, facilities, {**prior_data, "facilities": own}, str(target)))
    out.mkdir(parents=True, exist_ok=True)
    hashes = dict(_map(_write_one, jobs_list, jobs))
    for item in entities:
        item["sha256"] = hashes[str(out / item["workbook"])]
    manifest = {"group": _relative(group, out), "fiscal_year": year, "threshold_pct": str(threshold),
                "entities": entities, "prior": prior_data}
    text = "# Written by `disclosure collect plan`; read by `disclosure collect merge`.\n" + yaml.safe_dump(
        manifest, allow_unicode=True, sort_keys=False, width=120)
    tmp = out / (PLAN + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, out / PLAN)
    return Planned(report, [out / e["workbook"] for e in entities] + [out / PLAN])


def _relative(path: Path, base: Path) -> str:
    return os.path.relpath(os.path.abspath(path), os.path.abspath(base)).replace(os.sep, "/")


def _map(func: Callable[[Any], Any], items: list[Any], jobs: int) -> list[Any]:
    if jobs <= 1 or len(items) < 8:
        return [func(i) for i in items]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(func, items, chunksize=max(1, len(items) // (jobs * 8))))
