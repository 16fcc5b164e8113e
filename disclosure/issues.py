"""Findings as data: a stable code, a severity, a location and a bilingual message."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from disclosure.catalogue import CATALOGUE, render_message

#: Exit codes, documented once (README "Exit codes").
EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_FAILED = 3

PathPart = str | int


class Severity(StrEnum):
    """How bad a finding is: errors make a filing invalid; warnings only under --strict."""

    ERROR = "error"
    WARNING = "warning"
    ACKNOWLEDGED = "acknowledged"
    """A data-quality finding the filing acknowledges (``acknowledgements``): shown, not failing."""


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points: a YAML line, a CSV row or an XLSX cell, plus the field path."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    sheet: str | None = None
    cell: str | None = None
    path: tuple[PathPart, ...] = ()

    def __str__(self) -> str:
        if self.file is None:
            return dotted(self.path) or "-"
        if self.sheet is not None:
            return f"{self.file}!{self.sheet}!{self.cell or ''}"
        if self.line is not None:
            return f"{self.file}:{self.line}:{self.column or 1}"
        return self.file

    def with_path(self, path: tuple[PathPart, ...]) -> Location:
        return Location(self.file, self.line, self.column, self.sheet, self.cell, path)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file}
        if self.sheet is not None:
            out["sheet"] = self.sheet
            out["cell"] = self.cell
        else:
            out["line"] = self.line
            out["column"] = self.column
        out["path"] = dotted(self.path)
        out["text"] = str(self)
        return out


def dotted(path: tuple[PathPart, ...]) -> str:
    """``("a", 0, "b")`` → ``a[0].b``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding. ``context`` fills the catalogue's message and hint templates."""

    code: str
    location: Location = field(default_factory=Location)
    context: Mapping[str, Any] = field(default_factory=dict)
    severity: Severity | None = None

    def __post_init__(self) -> None:
        if self.code not in CATALOGUE:
            raise KeyError(f"finding code {self.code!r} is not in the catalogue")
        if self.severity is None:
            object.__setattr__(self, "severity", Severity(CATALOGUE[self.code].severity))

    @property
    def level(self) -> Severity:
        assert self.severity is not None
        return self.severity

    def message(self, lang: str = "zh-CN") -> str:
        return render_message(self.code, "message", lang, self.context)

    def hint(self, lang: str = "zh-CN") -> str:
        return render_message(self.code, "hint", lang, self.context)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        langs = [lang] if lang else ["zh-CN", "en"]
        return {
            "code": self.code,
            "severity": self.level.value,
            "location": self.location.to_dict(),
            "message": {lg: self.message(lg) for lg in langs},
            "hint": {lg: self.hint(lg) for lg in langs},
        }


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validation: the findings and a few counts."""

    issues: tuple[Issue, ...]
    stats: Mapping[str, Any] = field(default_factory=dict)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.level is Severity.ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.level is Severity.WARNING]

    @property
    def acknowledged(self) -> list[Issue]:
        return [i for i in self.issues if i.level is Severity.ACKNOWLEDGED]

    @property
    def valid(self) -> bool:
        return not self.errors

    def exit_code(self, strict: bool = False) -> int:
        if self.errors or (strict and self.warnings):
            return EXIT_INVALID
        return EXIT_OK

    def codes(self) -> list[str]:
        return [i.code for i in self.issues]

    def flatten(self) -> list[tuple[str, str]]:
        """``(code, location)`` pairs, for compact assertions in tests."""
        return [(i.code, str(i.location)) for i in self.issues]

    def to_dict(self, lang: str | None = None, strict: bool = False) -> dict[str, Any]:
        return {
            "valid": self.valid and not (strict and self.warnings),
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "issues": [i.to_dict(lang) for i in self.issues],
            "stats": dict(self.stats),
        }

    def to_json(self, lang: str | None = None, strict: bool = False) -> str:
        return json.dumps(self.to_dict(lang, strict), ensure_ascii=False, indent=2, default=str)


def sort_issues(issues: Iterable[Issue]) -> tuple[Issue, ...]:
    """Errors first, then by file position, so output is stable."""

    def key(i: Issue) -> tuple[int, str, int, int, str, str]:
        loc = i.location
        return (
            {Severity.ERROR: 0, Severity.WARNING: 1}.get(i.level, 2),
            loc.file or "",
            loc.line or 0,
            loc.column or 0,
            loc.cell or "",
            i.code,
        )

    return tuple(sorted(issues, key=key))
