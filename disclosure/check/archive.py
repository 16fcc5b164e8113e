"""Archives, read safely (zip slip, symlinks, bombs, nesting, encryption), and XBRL Report Packages 1.0.

A report package (``.xbri`` Inline XBRL, ``.xbr`` XBRL or xBRL-JSON/xBRL-CSV, ``.zip`` unconstrained)
has one top-level folder holding ``META-INF/reportPackage.json`` and ``reports/``; its metadata and
structure are checked here (the rpe: errors of the specification, with our codes and both languages)
before its report is handed to Arelle. A plain zip of report documents is still read, with a warning.
"""

from __future__ import annotations

import io
import json
import re
import stat
import zipfile
from dataclasses import replace
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from disclosure.check.findings import Finding, finding

if TYPE_CHECKING:
    from disclosure.check.intake import Document, Intake, Limits

REPORT_SUFFIXES = (".xbrl", ".xml", ".html", ".htm", ".xhtml", ".json")
ARCHIVE_SUFFIXES = (".zip", ".jar", ".7z", ".rar", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".xbri", ".xbr")
TAXONOMY_SUFFIXES = (".xsd",)
PACKAGE_TYPES = {".xbri": "https://xbrl.org/report-package/2023/xbri",
                 ".xbr": "https://xbrl.org/report-package/2023/xbr",
                 ".zip": "https://xbrl.org/report-package/2023"}
"""Report Packages 1.0: the documentType each file extension requires."""
INLINE_SUFFIXES = (".html", ".htm", ".xhtml")
NON_INLINE_SUFFIXES = (".xbrl", ".json")


def unsafe_name(name: str) -> bool:
    if not name or "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "\x00" in name:
        return True
    return any(part == ".." for part in PurePosixPath(name).parts)


def read_archive(data: bytes, limits: Limits, suffix: str) -> Intake:
    """The report documents of an archive, after its safety checks and, for a report package, its
    structure and metadata checks."""
    from disclosure.check.intake import Document, Intake, inspect

    intake = Intake("package")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as err:
        intake.findings.append(finding("check.zip-corrupt", detail=str(err)))
        return intake
    if not _safe(archive, members, limits, intake):
        return intake  # an archive built to attack the reader is not read any further
    names = [m.filename for m in members if not m.is_dir()]
    package = _report_package(archive, names, limits, suffix, intake)
    if intake.blocked:
        return intake
    total = 0
    for m in members:
        if m.is_dir():
            continue
        name = m.filename
        lower = name.lower()
        if lower.endswith(ARCHIVE_SUFFIXES):
            intake.findings.append(finding("check.zip-nested", member=name, document=name))
            continue
        if lower.endswith(TAXONOMY_SUFFIXES):
            intake.findings.append(finding("check.extension-taxonomy", member=name, document=name))
            continue
        wanted = name in package if package is not None else (
            lower.endswith(REPORT_SUFFIXES) and not lower.startswith("meta-inf/") and "/meta-inf/" not in lower)
        if not wanted:
            continue
        body = read_member(archive, m, limits, intake)
        if body is None:
            return intake
        total += len(body)
        if total > limits.max_archive_bytes:
            intake.findings.append(finding("check.zip-bomb", member=name, size=total,
                                           limit=limits.max_archive_bytes, document=name))
            return intake
        if body[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
            intake.findings.append(finding("check.zip-nested", member=name, document=name))
            continue
        doc = Document(name, body)
        intake.findings += [_in(f, name) for f in inspect(doc)]
        if doc.kind == "csv":
            _tables(archive, doc, limits, intake)
        intake.documents.append(doc)
    if not intake.documents and not intake.blocked:
        intake.findings.append(finding("check.zip-empty"))
    return intake


def _safe(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], limits: Limits, intake: Intake) -> bool:
    if len(members) > limits.max_members:
        intake.findings.append(finding("check.zip-too-many", count=len(members), limit=limits.max_members))
        return False
    declared = sum(m.file_size for m in members)
    if declared > limits.max_archive_bytes:
        intake.findings.append(finding("check.zip-bomb", member="*", size=declared, limit=limits.max_archive_bytes))
        return False
    for m in members:
        mode = m.external_attr >> 16
        if unsafe_name(m.filename):
            intake.findings.append(finding("check.zip-path", member=m.filename, document=m.filename))
        elif stat.S_ISLNK(mode):
            intake.findings.append(finding("check.zip-symlink", member=m.filename, document=m.filename))
        elif m.flag_bits & 0x1:
            intake.findings.append(finding("check.zip-encrypted", member=m.filename, document=m.filename))
        elif m.compress_size and m.file_size > 1024 * 1024 and m.file_size / m.compress_size > limits.max_ratio:
            intake.findings.append(finding("check.zip-bomb", member=m.filename, size=m.file_size,
                                           limit=limits.max_archive_bytes, document=m.filename))
    return not intake.blocked


def _report_package(archive: zipfile.ZipFile, names: list[str], limits: Limits, suffix: str,
                    intake: Intake) -> set[str] | None:
    """The report documents of a report package (paths in the archive), or None when the archive is a
    plain zip of documents. Findings for a package that breaks Report Packages 1.0."""
    tops = {n.split("/", 1)[0] for n in names}
    top = next(iter(tops)) if len(tops) == 1 and all("/" in n for n in names) else None
    metadata = f"{top}/META-INF/reportPackage.json" if top else None
    is_package = suffix in (".xbri", ".xbr") or (metadata is not None and metadata in names) or any(
        n.endswith("META-INF/reportPackage.json") for n in names)
    if not is_package:
        if suffix == ".zip":
            intake.findings.append(finding("check.package-legacy"))
        return None
    if top is None:
        intake.findings.append(finding("check.package-structure", detail="not exactly one top-level folder",
                                       spec="rpe:invalidDirectoryStructure"))
        return set()
    if metadata not in names:
        intake.findings.append(finding("check.package-metadata", detail="META-INF/reportPackage.json is missing",
                                       spec="rpe:documentTypeFileExtensionMismatch"))
        return set()
    info = _metadata(archive, archive.getinfo(metadata), limits, intake)
    expected = PACKAGE_TYPES.get(suffix, PACKAGE_TYPES[".zip"])
    if info is not None and info != expected:
        intake.findings.append(finding(
            "check.package-metadata", detail=f"documentType {info} does not match the extension {suffix or '?'}",
            spec="rpe:documentTypeFileExtensionMismatch" if info in PACKAGE_TYPES.values()
            else "rpe:unsupportedReportPackageVersion"))
    reports = [n for n in names if n.startswith(f"{top}/reports/") and n.lower().endswith(REPORT_SUFFIXES)]
    by_report: dict[str, list[str]] = {}
    for name in reports:
        rest = name[len(f"{top}/reports/"):]
        key = rest if "/" not in rest else rest.split("/", 1)[0] + "/"
        by_report.setdefault(key, []).append(name)
    if not any(n.startswith(f"{top}/reports/") for n in names):
        intake.findings.append(finding("check.package-reports", detail="no reports folder",
                                       spec="rpe:missingReportsDirectory"))
    elif not by_report:
        intake.findings.append(finding("check.package-reports", detail="no report in the reports folder",
                                       spec="rpe:missingReport"))
    elif suffix in (".xbri", ".xbr") and len(by_report) > 1:
        intake.findings.append(finding("check.package-reports", detail=f"{len(by_report)} reports; one is allowed",
                                       spec="rpe:multipleReports"))
    allowed = {".xbri": INLINE_SUFFIXES, ".xbr": NON_INLINE_SUFFIXES}.get(suffix)
    if allowed is not None:
        wrong = [n for n in reports if not n.lower().endswith(allowed)]
        if wrong:
            kind = "Inline XBRL" if suffix == ".xbri" else "XBRL or xBRL-JSON/CSV"
            intake.findings.append(finding("check.package-reports", detail=f"{wrong[0]} is not {kind}",
                                           spec="rpe:incorrectReportType"))
    return set(reports)


def _metadata(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: Limits, intake: Intake) -> str | None:
    body = read_member(archive, member, limits, intake)
    if body is None:
        return None
    try:
        parsed = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        intake.findings.append(finding("check.package-metadata", detail="reportPackage.json is not valid JSON",
                                       spec="rpe:invalidJSON"))
        return None
    info = parsed.get("documentInfo") if isinstance(parsed, dict) else None
    kind = info.get("documentType") if isinstance(info, dict) else None
    if not isinstance(kind, str):
        intake.findings.append(finding("check.package-metadata", detail="documentInfo.documentType is missing",
                                       spec="rpe:invalidJSONStructure"))
        return None
    return kind


def _tables(archive: zipfile.ZipFile, doc: Document, limits: Limits, intake: Intake) -> None:
    """The CSV tables of an xBRL-CSV report, from the report's own folder in the archive."""
    folder = doc.name.rsplit("/", 1)[0] + "/" if "/" in doc.name else ""
    for table in doc.tables:
        try:
            member = archive.getinfo(folder + table)
        except KeyError:
            intake.findings.append(finding("check.csv-table", table=table, detail="not in the package",
                                           document=doc.name))
            continue
        body = read_member(archive, member, limits, intake)
        if body is not None:
            doc.side[table] = body


def read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: Limits, intake: Intake) -> bytes | None:
    """Read a member in chunks, never past the document limit or its declared size (lying headers)."""
    cap = min(limits.max_document_bytes, member.file_size)
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(member) as handle:
            while chunk := handle.read(1024 * 1024):
                size += len(chunk)
                if size > cap:
                    code = "check.too-large" if size > limits.max_document_bytes else "check.zip-bomb"
                    intake.findings.append(finding(code, member=member.filename, size=size,
                                                   limit=limits.max_document_bytes, document=member.filename))
                    return None
                chunks.append(chunk)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, ValueError) as err:
        intake.findings.append(finding("check.zip-corrupt", detail=f"{member.filename}: {err}"))
        return None
    return b"".join(chunks)


def _in(f: Finding, document: str) -> Finding:
    return replace(f, document=f.document or document)
