"""Validate a loaded filing: reading problems, then the schema, then the computation and rules."""

from __future__ import annotations

from dataclasses import dataclass

from disclosure.compute import Figures, compute
from disclosure.event.check import EventResult
from disclosure.event.check import check as check_event
from disclosure.gctune import bulk
from disclosure.intake.bounds import scan
from disclosure.intake.loader import Loaded
from disclosure.intake.structure import check_structure, collapse_repeats
from disclosure.issues import Issue, ValidationReport, sort_issues
from disclosure.model import Filing
from disclosure.rules import RuleContext, run_rules
from disclosure.rules.acknowledge import acknowledge

_UNREADABLE = frozenset({
    "input.yaml-syntax", "input.yaml-key", "input.yaml-duplicate-key", "input.yaml-tag",
    "input.yaml-multiple-documents", "input.yaml-root",
})
"""Reading problems after which the data cannot be trusted to mean what the author wrote."""


@dataclass(frozen=True)
class Outcome:
    """The validation report and, when the filing parsed, the model and its figures."""

    report: ValidationReport
    filing: Filing | None = None
    figures: Figures | None = None
    event: EventResult | None = None
    """A ``kind: event`` filing and its figures (then ``filing`` and ``figures`` are None)."""


def validate(loaded: Loaded) -> Outcome:
    """Run every check on ``loaded``; never raises for bad input."""
    with bulk():
        return _validate(loaded)


def _validate(loaded: Loaded) -> Outcome:
    issues: list[Issue] = list(loaded.issues)
    if loaded.data is None or any(i.code in _UNREADABLE for i in issues):
        return Outcome(_report(issues, loaded))
    if isinstance(loaded.data, dict) and loaded.data.get("kind", "corporate") != "corporate":
        found, event = check_event(loaded, issues)  # a large event's carbon neutrality (disclosure.event)
        return Outcome(_report(found, loaded), event=event)
    filing, structural = check_structure(loaded)
    issues += collapse_repeats(structural)
    if filing is None:
        return Outcome(_report(issues, loaded))
    bounds = scan(filing, loaded)  # numbers the computation cannot take stop here; texts the writers cannot
    issues += bounds.numbers + bounds.texts
    if bounds.numbers:
        return Outcome(_report(issues, loaded))
    computation = compute(filing, loaded.location)
    issues += computation.issues
    issues += run_rules(RuleContext(filing, loaded, computation.figures))
    issues = acknowledge(collapse_repeats(issues), filing, loaded, computation.figures)
    return Outcome(_report(issues, loaded), filing, computation.figures)


def _report(issues: list[Issue], loaded: Loaded) -> ValidationReport:
    unique: list[Issue] = []
    seen: set[tuple[str, str]] = set()
    for issue in issues:
        key = (issue.code, str(issue.location) + repr(sorted(issue.context.items())))
        if key not in seen:
            seen.add(key)
            unique.append(issue)
    facilities = 0
    if isinstance(loaded.data, dict) and isinstance(loaded.data.get("facilities"), list):
        facilities = len(loaded.data["facilities"])
    return ValidationReport(sort_issues(unique), {"file": loaded.display, "facilities": facilities,
                                                  "side_files": len(loaded.side_files)})
