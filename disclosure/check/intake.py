"""Reading submitted files safely, before Arelle sees them: size limits, archives and report packages
(``archive.py``), encodings, DTDs and entities, malformed XML, and references that would leave our
taxonomy package (nothing is ever fetched; a filing that points elsewhere is refused). xBRL-JSON and
xBRL-CSV reports are read too; a CSV report's tables come from its own folder (or package) only."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from disclosure.check.archive import ARCHIVE_SUFFIXES, REPORT_SUFFIXES, read_archive
from disclosure.check.findings import Finding, finding
from disclosure.taxonomy import definition

XBRLI = "http://www.xbrl.org/2003/instance"
LINK = "http://www.xbrl.org/2003/linkbase"
XLINK = "http://www.w3.org/1999/xlink"
XHTML = "http://www.w3.org/1999/xhtml"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XINCLUDE = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")
IX = ("http://www.xbrl.org/2013/inlineXBRL", "http://www.xbrl.org/2008/inlineXBRL")
XBRL_JSON = "https://xbrl.org/2021/xbrl-json"
XBRL_CSV = "https://xbrl.org/2021/xbrl-csv"
__all__ = ["ARCHIVE_SUFFIXES", "REPORT_SUFFIXES", "Document", "Intake", "Limits", "file_sha256", "inspect", "read"]
_URL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|//|\\\\)")
_DOCTYPE = re.compile(rb"<!DOCTYPE(.*?)>", re.IGNORECASE | re.DOTALL)
_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._\-]+)[\"']")


@dataclass(frozen=True)
class Limits:
    """What the checker accepts; each limit is a finding when exceeded, never a crash."""

    max_document_bytes: int = 50 * 1024 * 1024
    max_archive_bytes: int = 200 * 1024 * 1024
    """Total uncompressed size of an archive's members."""
    max_ratio: int = 100
    """Largest compression ratio of a member (zip bombs)."""
    max_members: int = 1000


@dataclass
class Document:
    """One report document ready for Arelle."""

    name: str
    data: bytes
    kind: str = ""
    """instance, inline, json (xBRL-JSON) or csv (xBRL-CSV metadata)."""
    tables: list[str] = field(default_factory=list)
    """The CSV tables an xBRL-CSV report names (relative file names)."""
    side: dict[str, bytes] = field(default_factory=dict)
    """Those tables' contents, by name."""


@dataclass
class Intake:
    """The documents of one submitted file and what was wrong with reading them."""

    kind: str
    documents: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    sha256: str = ""
    """Of the file as read ('' when it was not read, e.g. too large)."""

    @property
    def blocked(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


def file_sha256(path: Path) -> str:
    """The file's SHA-256, read in chunks (a submitted file may be far larger than memory)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def entry_points() -> list[str]:
    """The entry points a filing may use: the full one and each exchange's."""
    return list(definition().entry_point_urls().values())


def entry_point() -> str:
    return definition().entry_point


def taxonomy_base() -> str:
    published: str = definition().meta["published"]
    return published


def read(path: Path, limits: Limits) -> Intake:
    """Read ``path`` (a document or an archive) and check everything that can be checked without Arelle."""
    try:
        size = path.stat().st_size
    except OSError as err:
        return Intake("", findings=[finding("check.unreadable", detail=err.strerror or str(err))])
    if size > max(limits.max_document_bytes, limits.max_archive_bytes):
        return Intake("", findings=[finding("check.too-large", size=size, limit=limits.max_document_bytes)])
    try:
        data = path.read_bytes()
    except OSError as err:
        return Intake("", findings=[finding("check.unreadable", detail=err.strerror or str(err))])
    digest = hashlib.sha256(data).hexdigest()
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        intake = read_archive(data, limits, path.suffix.lower())
    elif size > limits.max_document_bytes:
        intake = Intake("", findings=[finding("check.too-large", size=size, limit=limits.max_document_bytes)])
    else:
        doc = Document(path.name, data)
        found = inspect(doc)
        if doc.kind == "csv" and not any(f.severity == "error" for f in found):
            found += _sibling_tables(path, doc, limits)
        intake = Intake(doc.kind, [doc], found)
    intake.sha256 = digest
    return intake


def _sibling_tables(path: Path, doc: Document, limits: Limits) -> list[Finding]:
    """An xBRL-CSV report given as a file: its tables from the same folder (regular files only)."""
    found = []
    for table in doc.tables:
        side = path.parent / table
        try:
            if side.is_symlink() or not side.is_file():
                found.append(finding("check.csv-table", table=table, detail="not beside the report"))
                continue
            if side.stat().st_size > limits.max_document_bytes:
                found.append(finding("check.too-large", size=side.stat().st_size, limit=limits.max_document_bytes))
                continue
            doc.side[table] = side.read_bytes()
        except OSError as err:
            found.append(finding("check.csv-table", table=table, detail=err.strerror or str(err)))
    return found


# --- one document ------------------------------------------------------------------------------

def inspect(doc: Document) -> list[Finding]:
    """Pre-checks of one document; sets ``doc.kind``. An error here keeps it away from Arelle."""
    data = doc.data
    if not data.strip():
        return [finding("check.empty")]
    if doc.name.lower().endswith(".json") or data.lstrip()[:1] == b"{":
        doc.kind = "json"
        return _json(doc)
    problem = _encoding(data)
    if problem is not None:
        return [problem]
    entity = data.upper().find(b"<!ENTITY")
    declaration = _DOCTYPE.search(data)
    inner = declaration.group(1) if declaration else b""
    if entity >= 0 or b"[" in inner or re.search(rb"\b(SYSTEM|PUBLIC)\b", inner, re.I):
        return [finding("check.doctype", line=_line(data, declaration.start() if declaration else entity))]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_blank_text=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        if "memory" in str(err.msg or err).lower():
            raise MemoryError(str(err)) from err  # libxml2 ran out of the worker's memory: not the file's syntax
        line = err.position[0] if err.position else None
        return [finding("check.xml-malformed", line=line, detail=str(err.msg or err))]
    if root.tag == f"{{{XBRLI}}}xbrl":
        doc.kind = "instance"
    elif root.tag == f"{{{XHTML}}}html" and any(
            isinstance(el.tag, str) and el.tag.startswith(tuple(f"{{{ns}}}" for ns in IX)) for el in root.iter()):
        doc.kind = "inline"
    else:
        return [finding("check.not-a-report", root=etree.QName(root).localname if isinstance(root.tag, str)
                        else "?")]
    return _references(root, doc.kind)


def _line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, max(offset, 0)) + 1


def _encoding(data: bytes) -> Finding | None:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] in (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00"):
        return finding("check.encoding", encoding="UTF-16/32", line=1)
    declared = _ENCODING.match(data.removeprefix(b"\xef\xbb\xbf"))
    if declared is not None and declared.group(1).decode("ascii").lower().replace("_", "-") not in ("utf-8", "utf8"):
        return finding("check.encoding", encoding=declared.group(1).decode("ascii"), line=1)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return finding("check.encoding", encoding="not UTF-8", line=_line(data, err.start))
    return None


def _json(doc: Document) -> list[Finding]:
    try:
        parsed = json.loads(doc.data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        return [finding("check.json-malformed", detail=str(err)[:200])]
    info = parsed.get("documentInfo") if isinstance(parsed, dict) else None
    kind = info.get("documentType") if isinstance(info, dict) else None
    if not isinstance(info, dict) or kind not in (XBRL_JSON, XBRL_CSV):
        return [finding("check.not-a-report", root="JSON")]
    refs = info.get("taxonomy") or []
    allowed = entry_points()
    if len(refs) != 1 or refs[0] not in allowed:
        external = [r for r in refs if isinstance(r, str) and r not in allowed]
        if any(_URL.match(r) for r in external):
            return [finding("check.external-reference", href=", ".join(external)[:300])]
        return [finding("check.entry-point", href=", ".join(map(str, refs))[:300] or "—", expected=allowed[0])]
    if kind == XBRL_JSON:
        return []
    doc.kind = "csv"
    return _csv_tables(parsed, info, doc)


def _csv_tables(parsed: dict[str, Any], info: dict[str, Any], doc: Document) -> list[Finding]:
    """The tables an xBRL-CSV report reads: plain file names beside it, nothing else (no extended
    metadata, no URLs, no paths)."""
    found = [finding("check.external-reference", href=str(extended)[:200]) for extended in info.get("extends") or []]
    tables = parsed.get("tables")
    for table in tables.values() if isinstance(tables, dict) else []:
        url = table.get("url") if isinstance(table, dict) else None
        if not isinstance(url, str) or _URL.match(url) or "/" in url or "\\" in url or url in ("", ".", ".."):
            found.append(finding("check.csv-table", table=str(url)[:200], detail="not a file name beside the report"))
        else:
            doc.tables.append(url)
    if not doc.tables and not found:
        found.append(finding("check.csv-table", table="—", detail="the report names no table"))
    return found


def _references(root: etree._Element, kind: str) -> list[Finding]:
    """Every reference must stay inside our taxonomy: one schemaRef to the entry point, role and arcrole
    refs into the package; no linkbaseRef, schemaLocation, XInclude or remote resources."""
    found: list[Finding] = []
    base, allowed = taxonomy_base(), entry_points()
    schema_refs = []
    found.extend(finding("check.external-reference", href=(pi.text or "")[:200], line=pi.sourceline)
                 for pi in root.itersiblings(preceding=True)  # processing instructions before the root
                 if isinstance(pi, etree._ProcessingInstruction) and re.search(r"href\s*=", pi.text or ""))
    for el in root.iter():
        if not isinstance(el.tag, str):
            if isinstance(el, etree._ProcessingInstruction) and re.search(r"href\s*=", el.text or ""):
                found.append(finding("check.external-reference", href=(el.text or "")[:200], line=el.sourceline))
            continue
        href = el.get(f"{{{XLINK}}}href")
        tag = el.tag
        if tag == f"{{{LINK}}}schemaRef":
            schema_refs.append((href or "", el.sourceline))
        elif tag in (f"{{{LINK}}}linkbaseRef",) or tag.startswith(tuple(f"{{{ns}}}" for ns in XINCLUDE)):
            found.append(finding("check.external-reference", href=href or el.get("href") or "?", line=el.sourceline))
        elif tag in (f"{{{LINK}}}roleRef", f"{{{LINK}}}arcroleRef") and not (href or "").startswith(base):
            found.append(finding("check.external-reference", href=href or "?", line=el.sourceline))
        found.extend(finding("check.external-reference", href=el.get(attr, "")[:200], line=el.sourceline)
                     for attr in (f"{{{XSI}}}schemaLocation", f"{{{XSI}}}noNamespaceSchemaLocation") if el.get(attr))
        if kind == "inline" and tag.startswith(f"{{{XHTML}}}") and etree.QName(tag).localname != "a":
            for attr in ("src", "href", "data", "poster", "srcset", "background"):
                value = (el.get(attr) or "").strip()
                if value and _URL.match(value) and not value.lower().startswith(("data:", "#")):
                    found.append(finding("check.external-resource", href=value[:200], line=el.sourceline))
    entry = allowed[0]
    if not schema_refs:
        found.append(finding("check.entry-point", href="—", expected=entry))
    for href, line in schema_refs:
        if href in allowed:
            continue
        if _URL.match(href) or href.startswith(("/", "..")) or "/" in href:
            found.append(finding("check.external-reference", href=href, line=line))
        else:
            found.append(finding("check.entry-point", href=href, expected=entry, line=line))
    if len(schema_refs) > 1:
        found.append(finding("check.entry-point", href=", ".join(h for h, _ in schema_refs), expected=entry))
    return found
