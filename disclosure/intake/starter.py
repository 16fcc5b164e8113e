"""``disclosure init``: a starter filing for a sector, as commented YAML or as the workbook template.

A starter is realistic but its placeholders (示例/EXAMPLE texts, the sample 统一社会信用代码) are
errors (``rule.placeholder.*``): an untouched starter never builds a report."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from disclosure.errors import DisclosureError
from disclosure.intake.yamlread import read_yaml
from disclosure.issues import Issue, Location, PathPart
from disclosure.resources import data_file

SECTORS = ("power", "aluminium", "cement", "steel", "chemicals", "ferroalloy", "generic")


def starter_text(sector: str) -> str:
    """The starter filing for ``sector`` (commented YAML)."""
    if sector not in SECTORS:
        raise DisclosureError("init.sector", f"unknown sector {sector!r}", f"Use one of {SECTORS}.")
    base = data_file("starters/base.yaml").read_text(encoding="utf-8")
    facilities = data_file(f"starters/{sector}.yaml").read_text(encoding="utf-8")
    return base.replace("{facilities}\n", facilities)


def starter_data(sector: str) -> dict[str, Any]:
    """The starter filing for ``sector`` as plain data (as the YAML reader gives it)."""
    locations: dict[tuple[PathPart, ...], Location] = {}
    issues: list[Issue] = []
    data = read_yaml(starter_text(sector), f"starters/{sector}.yaml", locations, issues)
    if issues or not isinstance(data, dict):  # pragma: no cover - the starters are tested
        raise DisclosureError("init.starter", f"the {sector} starter does not read: {issues[:1]}")
    return data


def write_starter(directory: Path, sector: str, force: bool = False, fmt: str = "yaml") -> list[Path]:
    """Write ``filing.yaml`` or ``filing.xlsx`` into ``directory`` (atomically; refuses to overwrite
    unless forced)."""
    target = directory / ("filing.xlsx" if fmt == "xlsx" else "filing.yaml")
    if target.exists() and not force:
        raise DisclosureError("init.exists", f"{target} already exists", "Use --force to overwrite.")
    if fmt == "xlsx":
        from disclosure.intake.template import write_workbook

        content = write_workbook(starter_data(sector), example=True)
    else:
        content = starter_text(sector).encode("utf-8")
    directory.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".tmp")
    tmp.write_bytes(content)
    os.replace(tmp, target)
    return [target]
