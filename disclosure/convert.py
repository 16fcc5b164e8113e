"""``disclosure convert``: a filing as YAML ⇄ as the workbook ``filing.xlsx``, without loss.

Both directions go through the schema: the source is loaded (side tables spliced in, every value
located), checked against the schema (a structural finding stops the conversion: it would be carried
over as data), and the validated model is written. A Decimal keeps its exact digits, a date stays a
date, a text that looks like a number stays text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from disclosure.intake.loader import load, resolve_plain
from disclosure.intake.structure import check_structure, collapse_repeats
from disclosure.intake.template import write_workbook
from disclosure.issues import Issue, ValidationReport, sort_issues
from disclosure.model import Filing

HEADER = "# Converted by `disclosure convert` from {source}. Field documentation: `disclosure schema`.\n"


@dataclass
class Converted:
    """The converted file's bytes, or the findings that stopped the conversion."""

    content: bytes | None
    report: ValidationReport
    issues: list[Issue] = field(default_factory=list)


def read_model(path: Path, allow_outside: tuple[Path, ...] = ()) -> tuple[Filing | None, ValidationReport]:
    """The filing at ``path`` (YAML or XLSX) as a model, or the reading and schema findings."""
    loaded = load(path, allow_outside)
    issues = [i for i in loaded.issues if i.level.value == "error"]
    filing: Filing | None = None
    if loaded.data is not None and not issues:
        filing, structural = check_structure(loaded)
        issues += collapse_repeats(structural)
    return filing, ValidationReport(sort_issues(issues), {"file": str(path)})


def plain(filing: Filing) -> dict[str, Any]:
    """The filing as plain data: only what the source set, by alias, Decimals and dates kept."""
    return filing.model_dump(by_alias=True, exclude_unset=True)


def convert(source: Path, target: Path, allow_outside: tuple[Path, ...] = ()) -> Converted:
    """``source`` (filing.yaml or filing.xlsx) as the format of ``target``'s suffix."""
    filing, report = read_model(source, allow_outside)
    if filing is None:
        return Converted(None, report)
    if target.suffix.lower() in (".xlsx", ".xlsm"):
        return Converted(write_workbook(plain(filing)), report)
    return Converted(to_yaml(plain(filing), source.name).encode("utf-8"), report)


class _Dumper(yaml.SafeDumper):
    """Block style, Chinese as written, strings quoted whenever our YAML 1.2 reader would take them
    for anything but the same string."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = None if resolve_plain(value) == value and type(resolve_plain(value)) is str else '"'
    if "\n" in value:
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = str(value)
    tag = "tag:yaml.org,2002:int" if text.lstrip("-").isdigit() else "tag:yaml.org,2002:float"
    return dumper.represent_scalar(tag, text)


def _date(dumper: yaml.SafeDumper, value: date) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value.isoformat())


def _enum(dumper: yaml.SafeDumper, value: Enum) -> yaml.ScalarNode:
    return _str(dumper, str(value.value))


_Dumper.add_representer(str, _str)
_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(date, _date)
_Dumper.add_multi_representer(Enum, _enum)


def to_yaml(data: dict[str, Any], source: str = "filing.xlsx") -> str:
    """``data`` as the text of a filing.yaml (UTF-8, block style, keys in schema order)."""
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120,
                     default_flow_style=False)
    return HEADER.format(source=source) + body
