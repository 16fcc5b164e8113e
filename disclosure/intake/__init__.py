"""Intake: everything that reads a filing (YAML with locations, CSV/XLSX side tables, starters) and
checks it against the schema. Nothing here raises for bad input; problems are findings."""

from disclosure.intake.loader import Loaded, load
from disclosure.intake.structure import check_structure

__all__ = ["Loaded", "check_structure", "load"]
