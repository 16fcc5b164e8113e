"""``disclosure collect merge``: the returned workbooks, each checked on its own, merged into the group.

Each workbook is read by the safe reader and validated joined to the group's own sections (report,
entity, boundary …), so its findings are its own and point to its cells (``file!sheet!cell``). Its
sign-off is read from the 签字 sheet. The workbooks that are returned, readable, free of errors and
signed are merged into the group filing (facility locations kept: every group finding and trail entry
names the workbook and cell it came from), which is validated and computed as a whole; consolidation
follows the boundary's approach. Workbooks are read and validated in worker processes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from disclosure.collect.plan import PLAN
from disclosure.collect.sheets import SHEETS, SignOff, read_signoff
from disclosure.compute import Figures
from disclosure.gctune import bulk
from disclosure.intake.loader import Loaded, load
from disclosure.intake.paths import read_regular
from disclosure.intake.shapes import Row
from disclosure.intake.workbook import read_filing
from disclosure.intake.xlsx_safe import Workbook, XlsxError
from disclosure.intake.yamlread import read_yaml
from disclosure.issues import Issue, Location, PathPart, ValidationReport, sort_issues
from disclosure.limits import MAX_XLSX_BYTES
from disclosure.model import Filing
from disclosure.validate import validate

Path_ = tuple[PathPart, ...]


@dataclass
class Returned:
    """One planned workbook as it came back."""

    entity: str
    name: str
    workbook: str
    display: str
    planned: list[str]
    """Facility ids the plan sent."""
    returned: bool = False
    readable: bool = False
    facilities: list[dict[str, Any]] = field(default_factory=list)
    locations: dict[Path_, Location] = field(default_factory=dict)
    rows: dict[Path_, Row] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    signoff: SignOff = field(default_factory=SignOff)
    sha256: str = ""

    @property
    def errors(self) -> int:
        return sum(1 for i in self.issues if i.level.value == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for i in self.issues if i.level.value == "warning")

    @property
    def mergeable(self) -> bool:
        return self.returned and self.readable and not self.errors and self.signoff.signed


@dataclass
class Merged:
    """The outcome of a merge: every workbook's state, every finding, the group filing and figures."""

    plan: dict[str, Any]
    returned: list[Returned]
    report: ValidationReport
    loaded: Loaded | None = None
    filing: Filing | None = None
    figures: Figures | None = None

    @property
    def complete(self) -> bool:
        """Every planned workbook returned, valid and signed, and the group filing valid."""
        return all(r.mergeable for r in self.returned) and self.figures is not None and self.report.valid


_GROUP: dict[str, Any] = {}
"""The group's sections and their locations, set once in each worker process."""


def _init(group: dict[str, Any], locations: dict[Path_, Location], group_display: str) -> None:
    _GROUP.update(data=group, locations=locations, display=group_display)


def _plan_issue(code: str, where: Location, **context: Any) -> Issue:
    return Issue(code, where, context)


def read_returned(item: Returned, path: Path, sent_sha256: str) -> Returned:
    """Read and check one workbook (in a worker process: the group's sections come from ``_init``)."""
    origin = Location(item.display)
    read, problem = read_regular(path, item.display, origin, MAX_XLSX_BYTES)
    if problem is not None or read is None:
        if problem is not None and problem.code == "input.file-missing":
            problem = _plan_issue("input.collect-not-returned", origin, file=item.display, entity=item.entity)
        item.issues.append(problem or _plan_issue("input.collect-not-returned", origin, file=item.display,
                                                  entity=item.entity))
        return item
    item.sha256 = read.sha256
    if read.sha256 == sent_sha256:
        item.issues.append(_plan_issue("input.collect-not-returned", origin, file=item.display, entity=item.entity))
        return item
    item.returned = True
    try:
        book = Workbook(read.data)
        data, locations, rows, issues = read_filing(book, item.display, SHEETS)
        item.signoff = read_signoff(book, item.display)
    except XlsxError as err:
        item.issues.append(Issue(err.code, origin, {"file": item.display, "part": err.part, "detail": err.detail}))
        return item
    item.issues += issues
    if data is None:
        return item
    item.readable = True
    if any("renamed" in i.context for i in issues):  # a renamed sheet is the one finding
        return item
    item.facilities = data.get("facilities") or []
    item.locations, item.rows = locations, rows
    _check_signoff(item)
    _check_entities(item)
    if item.facilities:
        item.issues += _validate_alone(item)
    return item


def _check_signoff(item: Returned) -> None:
    s = item.signoff
    if s.sheet is None:
        item.issues.append(_plan_issue("input.collect-unsigned", Location(item.display), file=item.display,
                                       missing="签字 sheet"))
        return
    if s.missing:
        where = s.cells.get(s.missing[0], s.sheet)
        item.issues.append(_plan_issue("input.collect-unsigned", where, file=item.display,
                                       missing=", ".join(s.missing)))
    declared = s.text("entity")
    if declared and declared != item.entity:
        item.issues.append(_plan_issue("input.collect-entity", s.cells.get("entity", s.sheet),
                                       file=item.display, found=declared, expected=item.entity))
    if s.text("preparer") and s.text("preparer") == s.text("reviewer"):
        item.issues.append(_plan_issue("input.collect-same-person", s.cells["reviewer"], file=item.display,
                                       name=s.text("reviewer")))


def _check_entities(item: Returned) -> None:
    for i, fac in enumerate(item.facilities):
        if isinstance(fac, dict) and fac.get("entity") not in (None, item.entity):
            where = item.locations.get(("facilities", i, "entity"), Location(item.display))
            item.issues.append(_plan_issue("input.collect-entity", where, file=item.display,
                                           found=str(fac.get("entity")), expected=item.entity))


def _validate_alone(item: Returned) -> list[Issue]:
    """The workbook validated joined to the group's sections; only its own findings are kept."""
    data = dict(_GROUP["data"])
    data["facilities"] = item.facilities
    loaded = Loaded(path=Path(item.display), display=item.display, data=data,
                    locations={**_GROUP["locations"], **item.locations}, rows=dict(item.rows))
    report = validate(loaded).report
    return [i for i in report.issues if i.location.file == item.display and not i.code.startswith("input.")]


def read_plan(folder: Path) -> tuple[dict[str, Any] | None, list[Issue]]:
    path = folder / PLAN
    read, problem = read_regular(path, str(path), Location(str(path)), 64 << 20)
    if problem is not None or read is None:
        return None, [_plan_issue("input.collect-plan", Location(str(path)), file=str(path),
                                  detail="missing or unreadable: run disclosure collect plan first")]
    issues: list[Issue] = []
    try:
        text = read.data.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    data = read_yaml(text, str(path), {}, issues)
    entities = data.get("entities") if isinstance(data, dict) else None
    if issues or not isinstance(entities, list) or not isinstance(data.get("group"), str) or not all(
            isinstance(e, dict) and isinstance(e.get("id"), str) and isinstance(e.get("workbook"), str)
            and "/" not in e["workbook"] and "\\" not in e["workbook"] for e in entities):
        return None, [*issues, _plan_issue("input.collect-plan", Location(str(path)), file=str(path),
                                           detail="not a plan written by disclosure collect plan")]
    return data, []


def merge(folder: Path, jobs: int = 1, threshold: Decimal | None = None) -> Merged:
    """Check every workbook planned in ``folder``, merge the good ones and validate the group."""
    with bulk():
        return _merge(folder, jobs, threshold)


def _merge(folder: Path, jobs: int, threshold: Decimal | None) -> Merged:
    plan, issues = read_plan(folder)
    if plan is None:
        return Merged({}, [], ValidationReport(tuple(issues), {"file": str(folder)}))
    group = load(folder / plan["group"])
    group_issues = [i for i in group.issues if i.level.value == "error"]
    if group.data is None or group_issues:
        return Merged(plan, [], ValidationReport(tuple(sort_issues(group_issues or group.issues)),
                                                 {"file": group.display}))
    sections = {k: v for k, v in group.data.items() if k != "facilities"}
    group_locations = {p: loc for p, loc in group.locations.items() if not p or p[0] != "facilities"}
    items = [Returned(str(e["id"]), str(e.get("name", "")), e["workbook"], str(folder / e["workbook"]),
                      [str(f) for f in e.get("facilities") or []]) for e in plan["entities"]]
    jobs_list = [(item, folder / item.workbook, str(next(e.get("sha256", "") for e in plan["entities"]
                                                        if e["id"] == item.entity))) for item in items]
    returned = list(_run(jobs_list, (sections, group_locations, group.display), jobs))
    stray = _stray(folder, plan)
    merged = _group(group, sections, group_locations, returned)
    outcome = validate(merged) if merged is not None else None
    seen = {(i.code, str(i.location)) for r in returned for i in r.issues}
    found: list[Issue] = [*stray, *(i for r in returned for i in r.issues)]
    if outcome is not None:
        found += [i for i in outcome.report.issues if (i.code, str(i.location)) not in seen]
    from disclosure.collect.changes import changes

    if outcome is not None and outcome.figures is not None and merged is not None:
        limit = threshold if threshold is not None else Decimal(str(plan.get("threshold_pct", "20")))
        found += changes(outcome.figures, plan.get("prior") or {}, limit, merged)
    report = ValidationReport(tuple(sort_issues(found)), {"file": str(folder), "workbooks": len(returned)})
    return Merged(plan, returned, report, merged, outcome.filing if outcome else None,
                  outcome.figures if outcome else None)


def _run(jobs_list: list[tuple[Returned, Path, str]], group: tuple[Any, ...], jobs: int) -> Iterator[Returned]:
    if jobs <= 1 or len(jobs_list) < 4:
        _init(*group)
        yield from (read_returned(*j) for j in jobs_list)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=group) as pool:
        yield from pool.map(_read_job, jobs_list, chunksize=max(1, len(jobs_list) // (jobs * 8)))


def _read_job(job: tuple[Returned, Path, str]) -> Returned:
    return read_returned(*job)


def _stray(folder: Path, plan: dict[str, Any]) -> list[Issue]:
    """Workbooks in the folder the plan did not send (a copy, a misnamed return)."""
    planned = {e["workbook"] for e in plan["entities"]}
    names = sorted(n for n in os.listdir(folder) if n.lower().endswith(".xlsx") and not n.startswith(("~$", ".")))
    return [_plan_issue("input.collect-unknown-workbook", Location(str(folder / n)), file=str(folder / n),
                        planned=", ".join(sorted(planned))[:200]) for n in names if n not in planned]


def _group(group: Loaded, sections: dict[str, Any], locations: dict[Path_, Location],
           returned: list[Returned]) -> Loaded | None:
    """The group filing: its own sections and the facilities of every mergeable workbook, each value
    keeping the cell it came from."""
    good = [r for r in returned if r.mergeable and r.facilities]
    if not good:
        return None
    data = dict(sections)
    facilities: list[dict[str, Any]] = []
    merged_locations = dict(locations)
    rows: dict[Path_, Row] = {}
    for r in good:
        offset = len(facilities)
        facilities += r.facilities
        for path, loc in r.locations.items():
            merged_locations[_shift(path, offset)] = loc
        for path, row in r.rows.items():
            rows[_shift(path, offset)] = row
    data["facilities"] = facilities
    return Loaded(path=group.path, display=group.display, data=data, locations=merged_locations, rows=rows,
                  hashes=dict(group.hashes), side_files=list(group.side_files))


def _shift(path: Path_, offset: int) -> Path_:
    if len(path) > 1 and path[0] == "facilities" and isinstance(path[1], int):
        return ("facilities", path[1] + offset, *path[2:])
    return path
