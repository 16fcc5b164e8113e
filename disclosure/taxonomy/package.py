"""The taxonomy package as a deterministic ZIP (XBRL Taxonomy Packages 1.0), from the committed files."""

from __future__ import annotations

import io
import re
import zipfile
from importlib.resources.abc import Traversable
from pathlib import Path

from disclosure.resources import taxonomies
from disclosure.taxonomy.definition import definition

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Fixed member timestamps: the same sources give the same bytes."""


def package_files() -> dict[str, bytes]:
    """The committed files of the package folder, by path inside it."""
    folder = taxonomies().joinpath(definition().folder)
    out: dict[str, bytes] = {}

    def walk(node: Traversable, prefix: str) -> None:
        for child in node.iterdir():
            path = f"{prefix}{child.name}"
            if child.is_dir():
                walk(child, path + "/")
            else:
                out[path] = child.read_bytes()

    walk(folder, "")
    return dict(sorted(out.items()))


VALIDATION_OMITS = re.compile(r"-(lab-zh|lab-en|gla|pre|ref|ref-[a-z]+)\.xml$")
"""Linkbases that cannot change whether a filing is valid: labels, role labels, references, presentation."""


def package_bytes(*, validation_view: bool = False) -> bytes:
    """The taxonomy package ZIP: one top-level folder holding META-INF and the taxonomy.

    ``validation_view`` leaves out the label, reference and presentation linkbases (and the
    linkbaseRefs to them): the same schema, dimensions, calculations and formulas, a fifth less for
    Arelle to load for every filing the regulator's checker reads. The verdicts are the same; the
    tests and benchmarks/bench_check.py compare them with the full package."""
    top = definition().folder
    files = package_files()
    if validation_view:
        files = {path: _without_omitted_refs(data) if path.endswith(".xsd") else data
                 for path, data in files.items() if not VALIDATION_OMITS.search(path)}
    # The validation view is read for every filing a batch checks: stored, it need not be inflated.
    method = zipfile.ZIP_STORED if validation_view else zipfile.ZIP_DEFLATED
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as zf:
        for path, data in files.items():
            info = zipfile.ZipInfo(f"{top}/{path}", ZIP_TIME)
            info.compress_type = method
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buffer.getvalue()


def _without_omitted_refs(schema: bytes) -> bytes:
    from lxml import etree

    root = etree.fromstring(schema)
    href = "{http://www.w3.org/1999/xlink}href"
    for ref in root.iter("{http://www.xbrl.org/2003/linkbase}linkbaseRef"):
        if VALIDATION_OMITS.search(ref.get(href, "")):
            parent = ref.getparent()
            assert parent is not None
            parent.remove(ref)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return out


def write_package(path: Path) -> Path:
    """Write the package ZIP to ``path`` (atomically) and return it."""
    from disclosure.atomic import write_bytes

    write_bytes(path, package_bytes())
    return path
