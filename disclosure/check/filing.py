"""Checking one submitted filing: the safe intake, then Arelle (offline, our taxonomy package only:
XBRL 2.1, Dimensions, Calculations 1.1, our formula assertions, UTR, duplicate facts, enumerations),
then the checks of ours that XBRL cannot express (``rules.py``). Runs inside a worker process."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from disclosure.check.findings import ERROR, FilingResult, Finding
from disclosure.check.intake import Document, Limits, file_sha256, read
from disclosure.check.messages import from_arelle
from disclosure.check.obligations import Obligations
from disclosure.check.rules import own_checks

SUFFIX = {"instance": ".xbrl", "inline": ".html", "json": ".json", "csv": ".json"}
REPLACED = {"VR-RPT-002": "check.period", "VR-RPT-001": ""}
"""Assertions whose finding our own check gives too: VR-RPT-002 keeps its finding (check.period is dropped);
VR-RPT-001 is replaced by check.mandatory-missing, one finding an item, decided by the regulator's
obligation list when there is one (the formula can only read the filing's own flag)."""


def check_file(path: Path, package: Path, limits: Limits, lang: str = "zh-CN", workdir: Path | None = None,
               obligations: Obligations | None = None) -> FilingResult:
    """The verdict on ``path`` (a document, a report package or an archive). A batch worker passes its own
    ``workdir`` (kept between filings); otherwise a temporary one is used."""
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
            found, entity, period = _arelle(doc, package, workdir, obligations)
            result.findings += [replace(f, document=doc.name) if archive else f for f in found]
            result.entity = result.entity or entity
            result.period = result.period or period
    result.findings.sort(key=lambda f: (f.document, f.line or 0, f.code, f.concept, f.context))
    result.seconds = time.perf_counter() - start
    return result


def _arelle(doc: Document, package: Path, workdir: Path | None,
            obligations: Obligations | None) -> tuple[list[Finding], str, str]:
    from disclosure.xbrl.arelle import load

    with tempfile.TemporaryDirectory(prefix="disclosure-check-") if workdir is None else _kept(workdir) as tmp:
        folder = Path(tmp) / "filing"
        shutil.rmtree(folder, ignore_errors=True)  # a worker's previous filing
        folder.mkdir()
        entry = folder / f"filing{SUFFIX.get(doc.kind, '.xml')}"
        entry.write_bytes(doc.data)
        for name, data in doc.side.items():  # an xBRL-CSV report's tables (plain names, checked by the intake)
            (folder / name).write_bytes(data)
        home = Path(tmp) / "arelle"
        home.mkdir(exist_ok=True)
        # a batch worker collects garbage every few filings; a single check collects now (Arelle leaves the
        # package's file handle to the collector)
        outcome = load(entry, [package], inspect=partial(own_checks, obligations=obligations), keep_raw=True,
                       collect=workdir is None, home=home)
    raw = [m for m in outcome.raw or [] if m.get("levelname") not in ("DEBUG", "INFO")]
    if any("memory allocation failed" in str(m.get("msg", "")).lower()
           or (m.get("messageCode") == "xmlSchema:syntax" and "unrecoverable error" in str(m.get("msg", "")).lower())
           for m in raw):
        # The intake parsed this document with the same libxml2: an unrecoverable parse error now is the
        # worker running out of memory (libxml2 says so, or says "unknown error"), not the file's syntax.
        from disclosure.check.findings import finding

        return [finding("check.crash", detail="out of memory")], "", ""
    found = [from_arelle(m) for m in raw]
    found += [_message_finding(m) for m in outcome.messages if m.code == "disclosure:notAnXbrlReport"]
    inspected: tuple[list[Finding], str, str] = outcome.inspected or ([], "", "")
    ours, entity, period = inspected
    if any(f.code == "VR-RPT-002" for f in found):
        ours = [f for f in ours if f.code != REPLACED["VR-RPT-002"]]  # the assertion already says it
    found = [f for f in found if f.code != "VR-RPT-001"]
    return found + ours, entity, period


@contextmanager
def _kept(folder: Path) -> Iterator[str]:
    yield str(folder)


def _message_finding(m: Any) -> Finding:
    return Finding(m.code, ERROR, m.text, m.text)


__all__ = ["check_file", "own_checks"]
