"""Checking one submitted filing: the safe intake, then Arelle (offline, our taxonomy package only:
XBRL 2.1, Dimensions, Calculations 1.1, our formula assertions, UTR, duplicate facts), then the checks
of ours that XBRL cannot express. Runs inside a worker process."""

from __future__ import annotations

import contextlib
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

from disclosure.check.findings import ERROR, WARNING, FilingResult, Finding, finding
from disclosure.check.intake import Document, Limits, file_sha256, read
from disclosure.identifiers import uscc_problem
from disclosure.taxonomy import definition

MANDATORY = ("Scope1GHGEmissions", "Scope2LocationBasedGHGEmissions", "ConsolidationApproach",
             "GHGAccountingStandard", "EnergyConsumption")
"""Items a mandatory discloser must report for the year, undimensioned (Arts. 24–26, 35)."""
ERRORS = frozenset({"arelle:duplicateFacts"})
"""Arelle warnings that make a disclosure invalid: two different values for the same figure."""
SUFFIX = {"instance": ".xbrl", "inline": ".html", "json": ".json"}
USCC_PROBLEMS = {"length": ("长度不是18位", "not 18 characters"), "charset": ("含非法字符", "invalid characters"),
                 "check": ("校验码错误", "wrong check character")}


def check_file(path: Path, package: Path, limits: Limits, lang: str = "zh-CN",
               workdir: Path | None = None) -> FilingResult:
    """The verdict on ``path`` (a document or an archive). A batch worker passes its own ``workdir``
    (kept between filings); otherwise a temporary one is used."""
    start = time.perf_counter()
    result = FilingResult(str(path))
    intake = read(path, limits)
    result.sha256 = intake.sha256
    if not result.sha256:
        with contextlib.suppress(OSError):
            result.sha256 = file_sha256(path)  # too large to read whole: hashed in chunks
    result.kind = intake.kind
    result.findings += intake.findings
    if not intake.blocked:
        archive = intake.kind == "package"
        for doc in intake.documents:
            found, entity, period = _arelle(doc, package, workdir)
            result.findings += [replace(f, document=doc.name) if archive else f for f in found]
            result.entity = result.entity or entity
            result.period = result.period or period
    result.findings.sort(key=lambda f: (f.document, f.line or 0, f.code, f.concept, f.context))
    result.seconds = time.perf_counter() - start
    return result


def _arelle(doc: Document, package: Path, workdir: Path | None) -> tuple[list[Finding], str, str]:
    from disclosure.xbrl.arelle import load

    with tempfile.TemporaryDirectory(prefix="disclosure-check-") if workdir is None else _kept(workdir) as tmp:
        entry = Path(tmp) / f"filing{SUFFIX.get(doc.kind, '.xml')}"
        entry.write_bytes(doc.data)
        home = Path(tmp) / "arelle"
        home.mkdir(exist_ok=True)
        outcome = load(entry, [package], inspect=own_checks, keep_raw=True, collect=False, home=home)
    raw = [m for m in outcome.raw or [] if m.get("levelname") not in ("DEBUG", "INFO")]
    if any("memory allocation failed" in str(m.get("msg", "")).lower()
           or (m.get("messageCode") == "xmlSchema:syntax" and "unrecoverable error" in str(m.get("msg", "")).lower())
           for m in raw):
        # The intake parsed this document with the same libxml2: an unrecoverable parse error now is the
        # worker running out of memory (libxml2 says so, or says "unknown error"), not the file's syntax.
        return [finding("check.crash", detail="out of memory")], "", ""
    found = [_from_arelle(m) for m in raw]
    found += [_message_finding(m) for m in outcome.messages if m.code == "disclosure:notAnXbrlReport"]
    inspected: tuple[list[Finding], str, str] = outcome.inspected or ([], "", "")
    ours, entity, period = inspected
    if any(f.code == "VR-RPT-002" for f in found):
        ours = [f for f in ours if f.code != "check.period"]  # the assertion already says it
    return found + ours, entity, period


@contextmanager
def _kept(folder: Path) -> Iterator[str]:
    yield str(folder)


def _message_finding(m: Any) -> Finding:
    return Finding(m.code, ERROR, m.text, m.text)


# --- Arelle's messages as findings --------------------------------------------------------------------

def _from_arelle(raw: dict[str, Any]) -> Finding:
    level = str(raw.get("levelname", ""))
    code = str(raw.get("messageCode", ""))
    text = str(raw.get("msg", ""))
    severity = ERROR if code in ERRORS or level != "WARNING" else WARNING
    concept = context = period = ""
    line: int | None = None
    refs = [r for r in raw.get("refs") or [] if not str(r.get("href", "")).startswith(definition().meta["published"])]
    # The filing's objects (not the taxonomy's formula resource); the first in the document, so the
    # finding does not depend on the order Arelle bound a sequence in.
    for ref in sorted(refs, key=lambda r: _int(r.get("sourceLine")) or 0):
        line = _int(ref.get("sourceLine"))
        for prop in ref.get("properties") or []:
            if prop[0] == "QName":
                concept = str(prop[1])
            elif prop[0] == "contextRef":
                context = str(prop[1])
                period = _period(prop[2] if len(prop) > 2 else [])
        break
    assertion = code.removeprefix("message:")
    if assertion in _assertions():
        zh, en = _both_languages(assertion, text)
        return Finding(assertion, severity, zh, en, concept, context, period, line)
    return Finding(code, severity, f"{_family(code)}{text}", text, concept, context, period, line)


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int) or (isinstance(value, str) and value.isdigit()) else None


def _period(parts: list[Any]) -> str:
    values = {p[0]: p[1] for p in parts if isinstance(p, tuple | list) and len(p) >= 2}
    if "startDate" in values and "endDate" in values:
        return f"{values['startDate']}/{values['endDate']}"
    return str(values.get("instant", ""))


FAMILIES = (("calc11e:", "计算关系不一致（Calculations 1.1）："), ("xbrl.", "不符合 XBRL 2.1 规范："),
            ("xbrldte:", "维度分类标准错误："), ("xbrldie:", "维度实例错误："), ("utre:", "单位不符合单位类型注册表："),
            ("xbrlje:", "xBRL-JSON 错误："), ("ix", "Inline XBRL 错误："), ("oime:", "开放信息模型错误："),
            ("arelle:", "Arelle："), ("message:", "公式断言："))


def _family(code: str) -> str:
    """A zh-CN lead-in naming the rule set a message of Arelle's comes from (its text is in English)."""
    return next((zh for prefix, zh in FAMILIES if code.startswith(prefix)), "XBRL 校验：")


@cache
def _assertions() -> dict[str, dict[str, str]]:
    return {a["id"]: a["message"] for a in definition().assertions}


def _both_languages(assertion: str, text: str) -> tuple[str, str]:
    """Arelle evaluates an assertion's message in one language; the other is filled with the same values
    by matching the evaluated text against the template it came from."""
    templates = _assertions()[assertion]
    for lang, template in templates.items():
        values = _match(template, text)
        if values is None:
            continue
        other = "en" if lang == "zh-CN" else "zh-CN"
        filled = _fill(templates[other], values)
        return (text, filled) if lang == "zh-CN" else (filled, text)
    return text, text


def _fill(template: str, values: dict[str, str]) -> str:
    return re.sub(r"\{([^}]*)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def _match(template: str, text: str) -> dict[str, str] | None:
    parts = re.split(r"(\{[^}]*\})", template)
    pattern = "".join(f"(?P<g{i}>.*?)" if p.startswith("{") else re.escape(p) for i, p in enumerate(parts))
    found = re.fullmatch(pattern, text, re.S)
    if found is None:
        return None
    return {p[1:-1]: found.group(f"g{i}") for i, p in enumerate(parts) if p.startswith("{")}


# --- the checks of ours, on the loaded model ----------------------------------------------------------

def own_checks(model: Any) -> tuple[list[Finding], str, str]:
    """Entity identifier (scheme and GB 32100 check character), one entity, full fiscal years, and the
    mandatory items of a mandatory discloser. Returns findings, the entity and the latest period."""
    scheme = definition().meta["scheme_uscc"]
    found: list[Finding] = []
    identifiers: set[str] = set()
    latest = None
    for ctx in model.contexts.values():
        ident_scheme, ident = ctx.entityIdentifier
        identifiers.add(ident)
        if ident_scheme != scheme:
            found.append(finding("check.entity-scheme", context=ctx.id, scheme=ident_scheme, expected=scheme,
                                 line=ctx.sourceline))
        else:
            problem = uscc_problem(ident)
            if problem is not None:
                zh, en = USCC_PROBLEMS[problem]
                found.append(finding("check.entity-identifier", context=ctx.id, identifier=ident, problem_zh=zh,
                                     problem_en=en, line=ctx.sourceline))
        if ctx.isStartEndPeriod:
            start, end = ctx.startDatetime, ctx.endDatetime - timedelta(days=1)  # Arelle's end is exclusive
            if not (start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31
                    and start.year == end.year):
                found.append(finding("check.period", context=ctx.id, period=f"{start.date()}/{end.date()}",
                                     line=ctx.sourceline))
            elif latest is None or end.year > latest:
                latest = end.year
        else:
            found.append(finding("check.period", context=ctx.id, period="instant/forever", line=ctx.sourceline))
    if len(identifiers) > 1:
        found.append(finding("check.entity-mixed", identifiers=", ".join(sorted(identifiers))))
    found += _mandatory(model, latest)
    return found, ", ".join(sorted(identifiers)), str(latest or "")


def _mandatory(model: Any, year: int | None) -> list[Finding]:
    def current(name: str) -> list[Any]:
        return [f for f in model.facts if f.qname.localName == name and f.context is not None
                and not f.context.qnameDims and f.context.isStartEndPeriod
                and (f.context.endDatetime - timedelta(days=1)).year == year]

    flag = current("EntityIsMandatoryDiscloser")
    if year is None or not flag or str(flag[0].xValue).lower() not in ("true", "1"):
        return []
    return [finding("check.mandatory-missing", concept=name, year=year) for name in MANDATORY if not current(name)]
