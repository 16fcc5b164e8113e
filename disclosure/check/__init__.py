"""The regulator's side: ``disclosure check`` validates submitted XBRL filings, one or thousands,
offline and safely. Pipeline: discover → intake (safety) → Arelle + our checks (worker processes) →
findings → text / JSON / CSV / report folder."""

from __future__ import annotations

from disclosure.check import output
from disclosure.check.batch import Options, discover, run
from disclosure.check.filing import check_file
from disclosure.check.findings import FilingResult, Finding
from disclosure.check.intake import Limits

__all__ = ["FilingResult", "Finding", "Limits", "Options", "check_file", "discover", "output", "run"]
