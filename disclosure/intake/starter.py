"""``disclosure init``: a commented starter filing for a sector."""

from __future__ import annotations

import os
from pathlib import Path

from disclosure.errors import DisclosureError
from disclosure.resources import data_file

SECTORS = ("power", "aluminium", "cement", "generic")


def starter_text(sector: str) -> str:
    """The starter filing for ``sector`` (commented YAML)."""
    if sector not in SECTORS:
        raise DisclosureError("init.sector", f"unknown sector {sector!r}", f"Use one of {SECTORS}.")
    base = data_file("starters/base.yaml").read_text(encoding="utf-8")
    facilities = data_file(f"starters/{sector}.yaml").read_text(encoding="utf-8")
    return base.replace("{facilities}\n", facilities)


def write_starter(directory: Path, sector: str, force: bool = False) -> list[Path]:
    """Write ``filing.yaml`` into ``directory`` (atomically; refuses to overwrite unless forced)."""
    target = directory / "filing.yaml"
    if target.exists() and not force:
        raise DisclosureError("init.exists", f"{target} already exists", "Use --force to overwrite.")
    text = starter_text(sector)
    directory.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".yaml.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)
    return [target]
