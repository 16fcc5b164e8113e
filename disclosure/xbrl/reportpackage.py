"""XBRL Report Packages 1.0: what ``build`` writes for submission and ``check`` reads first-class.

``report.xbri`` holds the Inline XBRL report, ``report.xbr`` the XBRL instance: one zip each, with one
top-level folder (named after the entity and year) holding ``META-INF/reportPackage.json`` and
``reports/``. Deterministic: fixed member order and timestamps.
"""

from __future__ import annotations

import io
import json
import zipfile

from disclosure.model import Filing

XBRI = "https://xbrl.org/report-package/2023/xbri"
XBR = "https://xbrl.org/report-package/2023/xbr"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def folder(filing: Filing) -> str:
    """The package's top-level folder: the entity's 统一社会信用代码 and the fiscal year."""
    return f"{filing.entity.uscc}-{filing.report.fiscal_year}"


def report_package(top: str, report: str, data: bytes) -> bytes:
    """A report package holding one report document ``report`` (``.html`` → .xbri, else .xbr)."""
    kind = XBRI if report.endswith((".html", ".xhtml", ".htm")) else XBR
    members = {f"{top}/META-INF/reportPackage.json":
               json.dumps({"documentInfo": {"documentType": kind}}, indent=2).encode("utf-8") + b"\n",
               f"{top}/reports/{report}": data}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, body)
    return buffer.getvalue()
