"""Labels of the filing schema's coded values (``data/vocabulary.yaml``) in zh-CN and en, for reports."""

from __future__ import annotations

from enum import Enum

from disclosure.resources import load_data_yaml


def groups() -> dict[str, dict[str, dict[str, str]]]:
    """group → value → language → label."""
    data: dict[str, dict[str, dict[str, str]]] = load_data_yaml("vocabulary.yaml")
    return data


def label(group: str, value: str | Enum, lang: str) -> str:
    """The label of ``value`` in ``group``; the code itself when the vocabulary has none."""
    code = value.value if isinstance(value, Enum) else value
    entry = groups().get(group, {}).get(str(code))
    return entry[lang] if entry else str(code)
