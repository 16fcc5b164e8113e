"""The one place that finds shipped files: data, templates and taxonomies (importlib.resources)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

import yaml


def data_file(name: str) -> Traversable:
    """A file under ``disclosure/data``."""
    return files("disclosure.data").joinpath(name)


def templates() -> Traversable:
    """The report templates folder (top-level ``templates/`` in the source tree)."""
    return files("disclosure.templates")


def taxonomies() -> Traversable:
    """The taxonomy package sources (top-level ``taxonomies/`` in the source tree)."""
    return files("disclosure.taxonomies")


def schema_file() -> Traversable:
    """The committed JSON Schema of the filing."""
    return files("disclosure").joinpath("schema", "filing.schema.json")


@cache
def load_data_yaml(name: str) -> Any:
    """Parse a YAML data file shipped in ``disclosure/data`` (cached; treat as read-only)."""
    return yaml.load(data_file(name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
