"""The taxonomy package as a deterministic ZIP (XBRL Taxonomy Packages 1.0), from the committed files."""

from __future__ import annotations

import io
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


def package_bytes() -> bytes:
    """The taxonomy package ZIP: one top-level folder holding META-INF and the taxonomy."""
    top = definition().folder
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path, data in package_files().items():
            info = zipfile.ZipInfo(f"{top}/{path}", ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buffer.getvalue()


def write_package(path: Path) -> Path:
    """Write the package ZIP to ``path`` (atomically) and return it."""
    from disclosure.atomic import write_bytes

    write_bytes(path, package_bytes())
    return path
