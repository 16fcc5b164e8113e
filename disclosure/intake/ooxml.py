"""An OOXML package (the ZIP container of an .xlsx) opened defensively: parts as bytes or parsed XML.

Before anything is parsed the container is checked (ZIP structure, encryption, member count, declared
and actual inflated sizes, the same part twice); every XML part is refused if it is not UTF-8 or
declares a DTD or entities (XXE, "billion laughs", quadratic blow-up), then parsed by lxml with
entities, DTDs and the network off and libxml2's size limits on. Any problem raises
:class:`XlsxError` naming the part. The checker's intake (``disclosure.check.intake``) applies the
same ideas to XBRL filings.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import Any

from lxml import etree

from disclosure.limits import MAX_XLSX_INFLATED, MAX_XLSX_MEMBERS, MAX_XML_PART_BYTES

_REL_OFFICE = "/officeDocument"
_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._\-]+)[\"']")


class XlsxError(Exception):
    """Why a workbook cannot be read: a finding code, the part, and the cell if there is one."""

    def __init__(self, code: str, part: str, detail: str, cell: str | None = None) -> None:
        super().__init__(f"{part}: {detail}")
        self.code = code
        self.part = part
        self.detail = detail
        self.cell = cell


def local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def attr(el: etree._Element, name: str) -> str | None:
    """An attribute by local name, whatever its namespace (transitional and strict OOXML differ)."""
    value = el.get(name)
    if value is not None:
        return str(value)
    for key, val in el.attrib.items():
        if local(key) == name:
            return str(val)
    return None


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_comments=True, remove_pis=True)


def _guard(part: str, data: bytes) -> None:
    """Refuse what the parser must never see: other encodings than UTF-8, DTDs and entities."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] in (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00"):
        raise XlsxError("input.xlsx-unsafe", part, "UTF-16/32 encoded part (only UTF-8 is read)")
    declared = _ENCODING.match(data.removeprefix(b"\xef\xbb\xbf"))
    if declared is not None and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        raise XlsxError("input.xlsx-unsafe", part, f"encoding {declared.group(1).decode('ascii')} (only UTF-8 is read)")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data or b"<!doctype" in data:
        raise XlsxError("input.xlsx-unsafe", part, "a DTD or entity declaration (refused: XXE and entity expansion)")


class Package:
    """The parts of an OOXML package; raises :class:`XlsxError` on the first problem."""

    def __init__(self, data: bytes) -> None:
        self.inflated = 0
        self.zip = self._open(data)
        self.names = {info.filename: info for info in self.zip.infolist()}

    # --- container ----------------------------------------------------------------------------
    def _open(self, data: bytes) -> zipfile.ZipFile:
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise XlsxError("input.xlsx-unreadable", "-", "an OLE2 file: a password-protected workbook or an old .xls; "
                            "save it as .xlsx without a password")
        if data[:4] not in (b"PK\x03\x04", b"PK\x05\x06"):
            raise XlsxError("input.xlsx-unreadable", "-", "not a ZIP container (an .xlsx file is one)")
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, KeyError,
                NotImplementedError, UnicodeDecodeError) as err:
            raise XlsxError("input.xlsx-unreadable", "-", f"broken ZIP container: {err}") from err
        if len(members) > MAX_XLSX_MEMBERS:
            raise XlsxError("input.xlsx-too-large", "-", f"{len(members)} members (at most {MAX_XLSX_MEMBERS})")
        names = [m.filename for m in members]
        if len(set(names)) != len(names):
            raise XlsxError("input.xlsx-unsafe", "-", "the same part appears twice in the ZIP container")
        declared = sum(m.file_size for m in members)
        if declared > MAX_XLSX_INFLATED:
            raise XlsxError("input.xlsx-too-large", "-",
                            f"{declared} bytes uncompressed (at most {MAX_XLSX_INFLATED})")
        return archive

    def part_bytes(self, part: str) -> bytes:
        """A member's bytes, read in chunks and never past its declared size or the limits."""
        info = self.names.get(part)
        if info is None:
            raise XlsxError("input.xlsx-part", part, "missing part")
        if info.flag_bits & 0x1:
            raise XlsxError("input.xlsx-unreadable", part, "encrypted ZIP member")
        cap = min(info.file_size, MAX_XML_PART_BYTES)
        chunks: list[bytes] = []
        size = 0
        try:
            with self.zip.open(info) as handle:
                while chunk := handle.read(1 << 20):
                    size += len(chunk)
                    self.inflated += len(chunk)
                    if size > cap or self.inflated > MAX_XLSX_INFLATED:
                        raise XlsxError("input.xlsx-too-large", part,
                                        f"inflates beyond its declared size or the limit ({cap} bytes)")
                    chunks.append(chunk)
        except XlsxError:
            raise
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, ValueError,
                zipfile.LargeZipFile) as err:
            raise XlsxError("input.xlsx-unreadable", part, f"cannot be inflated: {err}") from err
        data = b"".join(chunks)
        _guard(part, data)
        return data

    def tree(self, part: str) -> etree._Element:
        data = self.part_bytes(part)
        try:
            return etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as err:
            raise XlsxError("input.xlsx-part", part, f"malformed XML: {err.msg or err}") from err

    def relationships(self, part: str) -> list[tuple[str, str, str]]:
        """(Id, Type, target part) of the relationships of ``part``; external targets left out."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if rels not in self.names:
            return []
        out: list[tuple[str, str, str]] = []
        for el in self.tree(rels):
            if local(el.tag) != "Relationship" or (el.get("TargetMode") or "").lower() == "external":
                continue
            rid, rtype, target = el.get("Id"), el.get("Type"), el.get("Target")
            if not rid or not rtype or not target:
                raise XlsxError("input.xlsx-part", rels, "a relationship without Id, Type or Target")
            target = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            out.append((rid, rtype, posixpath.normpath(target)))
        return out

    def related(self, part: str, suffix: str) -> str | None:
        for _, rtype, target in self.relationships(part):
            if rtype.endswith(suffix):
                return target
        return None

    def office_document(self) -> str:
        if "[Content_Types].xml" not in self.names:
            raise XlsxError("input.xlsx-part", "[Content_Types].xml", "missing part")
        self.tree("[Content_Types].xml")  # must at least be well-formed, safe XML
        root_rels = self.relationships("")
        found = [t for _, rtype, t in root_rels if rtype.endswith(_REL_OFFICE)]
        if not found:
            raise XlsxError("input.xlsx-part", "_rels/.rels", "no officeDocument relationship (not a workbook)")
        return found[0]
