"""Validate an event filing: the schema (with the corporate intake's coded, located findings), the
computation, and the guideline's rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from disclosure.event.compute import EventFigures, compute_event
from disclosure.event.model import EventFiling
from disclosure.event.rules import EventContext, run_event_rules
from disclosure.intake.loader import Loaded
from disclosure.issues import Issue, PathPart
from disclosure.suggest import did_you_mean

KINDS = ("corporate", "event")


def _fields(loc: tuple[PathPart, ...]) -> list[str]:
    """The field names the event schema allows at ``loc`` (the corporate intake suggests the corporate's)."""
    from disclosure.intake.structure import _members

    current: list[Any] = [EventFiling]
    for part in loc:
        nxt: list[Any] = []
        for t in current:
            if isinstance(part, int) and get_origin(t) is list:
                nxt += _members(get_args(t)[0])
            elif isinstance(t, type) and issubclass(t, BaseModel) and part in t.model_fields:
                nxt += _members(t.model_fields[part].annotation)
        current = nxt
    return [info.alias or name for t in current if isinstance(t, type) and issubclass(t, BaseModel)
            for name, info in t.model_fields.items()]


def _suggest(issue: Issue) -> Issue:
    if issue.code != "schema.unknown-field" or not issue.location.path:
        return issue
    path = issue.location.path
    context = {**issue.context, "suggestion": did_you_mean(str(path[-1]), _fields(path[:-1]))}
    return Issue(issue.code, issue.location, context, issue.severity)


@dataclass(frozen=True)
class EventResult:
    filing: EventFiling
    figures: EventFigures


def check(loaded: Loaded, issues: list[Issue]) -> tuple[list[Issue], EventResult | None]:
    """Findings and, when the filing is usable, the event and its figures."""
    from disclosure.intake.structure import _issue, collapse_repeats

    assert isinstance(loaded.data, dict)
    kind = loaded.data.get("kind")
    if kind not in KINDS:
        return [*issues, Issue("schema.invalid-choice", loaded.location(("kind",)), {
            "field": "kind", "detail_zh": "取值无效", "detail_en": "is not a filing kind",
            "expected": " | ".join(KINDS),
            "limit": "-", "value": str(kind), "suggestion": did_you_mean(str(kind), list(KINDS))})], None
    try:
        filing = EventFiling.model_validate(loaded.data)
    except ValidationError as err:
        found = [_suggest(_issue(loaded, e)) for e in err.errors(include_url=False)]
        return [*issues, *collapse_repeats(found)], None
    figures = compute_event(filing, loaded.location)
    found = [*issues, *figures.issues, *run_event_rules(EventContext(filing, loaded, figures))]
    return found, EventResult(filing, figures)
