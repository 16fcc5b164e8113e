"""Group data collection: ``plan`` one workbook per entity of the boundary, ``merge`` the returned
workbooks (each validated on its own, signed off) into the group filing, with a status table and a
trail that names the workbook, cell and signer of every figure. Reuses intake (the workbook layout,
writer and safe reader) and validate; adds no reading of its own."""

from __future__ import annotations

from pathlib import Path

from disclosure.atomic import write_bytes
from disclosure.collect.merge import Merged, Returned, merge
from disclosure.collect.plan import PLAN, Planned, plan
from disclosure.collect.status import rows, signed_trail, status_csv, status_html, status_xlsx, summary
from disclosure.convert import plain
from disclosure.findings_xlsx import findings_workbook
from disclosure.intake.template import write_workbook
from disclosure.output import figures_dict, to_json

__all__ = ["PLAN", "Merged", "Planned", "Returned", "merge", "plan", "write_merged"]


def write_merged(merged: Merged, out: Path, filing: bool = True) -> list[Path]:
    """Write the status table (CSV, XLSX, HTML) and every finding as a workbook; when the merge is
    complete, also the group filing (``filing.xlsx``), its figures and the signed trail."""
    table = rows(merged)
    facts = summary(merged, table)
    title = f"温室气体数据报送情况 GHG data collection status — {merged.plan.get('fiscal_year', '')}"
    files = {"status.csv": status_csv(table), "status.xlsx": status_xlsx(table, facts),
             "status.html": status_html(table, facts, title),
             "findings.xlsx": findings_workbook(merged.report, out)}
    if merged.complete and merged.figures is not None and merged.filing is not None:
        files["figures.json"] = to_json(figures_dict(merged.figures))
        files["trail.json"] = signed_trail(merged)
        if filing:
            files["filing.xlsx"] = write_workbook(plain(merged.filing))
    written = []
    for name, content in files.items():
        write_bytes(out / name, content)
        written.append(out / name)
    return written
