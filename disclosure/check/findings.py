"""What the regulator's checker reports: findings per filing, as data."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from disclosure.catalogue import CATALOGUE, render_message

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem in a filing: a stable code, severity, where it is, and what it means in zh-CN and en."""

    code: str
    severity: str
    message_zh: str
    message_en: str
    concept: str = ""
    context: str = ""
    period: str = ""
    line: int | None = None
    document: str = ""
    """The document inside an archive the finding is about ('' for the filing itself)."""
    hint_zh: str = ""
    hint_en: str = ""

    def message(self, lang: str) -> str:
        return self.message_zh if lang == "zh-CN" else self.message_en

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def finding(code: str, *, document: str = "", line: int | None = None, concept: str = "", context: str = "",
            period: str = "", **values: Any) -> Finding:
    """A finding of ours, its texts from the code catalogue (``data/codes.yaml``)."""
    entry = CATALOGUE[code]
    values = {**{k: v for k, v in (("concept", concept), ("context", context), ("period", period)) if v}, **values}
    return Finding(code, entry.severity, render_message(code, "message", "zh-CN", values),
                   render_message(code, "message", "en", values), concept, context, period, line, document,
                   render_message(code, "hint", "zh-CN", values), render_message(code, "hint", "en", values))


@dataclass
class FilingResult:
    """The verdict on one submitted filing (a document, or an archive of documents)."""

    path: str
    sha256: str = ""
    kind: str = ""
    """instance, inline, json, package, or '' when it could not be read."""
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0
    cached: bool = False
    entity: str = ""
    period: str = ""

    @property
    def valid(self) -> bool:
        return not any(f.severity == ERROR for f in self.findings)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == WARNING)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "kind": self.kind, "valid": self.valid,
                "errors": self.errors, "warnings": self.warnings, "entity": self.entity, "period": self.period,
                "seconds": round(self.seconds, 3), "cached": self.cached,
                "findings": [f.to_dict() for f in self.findings]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FilingResult:
        return cls(data["path"], data["sha256"], data["kind"], [Finding(**f) for f in data["findings"]],
                   data["seconds"], data["cached"], data.get("entity", ""), data.get("period", ""))
