"""Business rules as registered functions (pass 2), each quoting the requirement it implements."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from disclosure.compute.results import Figures
from disclosure.factors import Library, library
from disclosure.intake.loader import Loaded
from disclosure.issues import Issue, Location, PathPart
from disclosure.model import Filing


@dataclass(frozen=True)
class RuleContext:
    """What a rule may look at: the filing, where its values came from, the computed figures."""

    filing: Filing
    loaded: Loaded
    figures: Figures

    @property
    def lib(self) -> Library:
        return library()

    def at(self, code: str, path: tuple[PathPart, ...], **context: Any) -> Issue:
        return Issue(code, self.loaded.location(path), context)

    def location(self, path: tuple[PathPart, ...]) -> Location:
        return self.loaded.location(path)


RuleFunc = Callable[[RuleContext], Iterator[Issue]]


@dataclass(frozen=True)
class Rule:
    name: str
    codes: tuple[str, ...]
    func: RuleFunc

    @property
    def requirement(self) -> str:
        return (self.func.__doc__ or "").strip()


RULES: dict[str, Rule] = {}


def rule(*codes: str) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function; ``codes`` are the finding codes it may emit."""

    def register(func: RuleFunc) -> RuleFunc:
        if func.__name__ in RULES:
            raise ValueError(f"rule {func.__name__} registered twice")
        RULES[func.__name__] = Rule(func.__name__, codes, func)
        return func

    return register


def run_rules(ctx: RuleContext) -> list[Issue]:
    issues: list[Issue] = []
    for r in RULES.values():
        for issue in r.func(ctx):
            if issue.code not in r.codes:
                raise AssertionError(f"{r.name} emitted undeclared code {issue.code}")
            issues.append(issue)
    return issues
