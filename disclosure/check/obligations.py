"""The regulator's obligation list: which filer must disclose what, for which year.

``disclosure check --obligations FILE`` reads a CSV (UTF-8, with or without a byte-order mark) with a
header row and three columns: the 统一社会信用代码, the fiscal year, and the obligation class
(``mandatory`` or ``voluntary``; see ``disclosure.taxonomy.obligations.OBLIGATION_CLASSES``). Chinese
headers are accepted too (统一社会信用代码, 会计年度, 披露义务). The list, not the filing's
self-declared ``EntityIsMandatoryDiscloser``, then decides what is mandatory for each filing.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from disclosure.errors import DisclosureError
from disclosure.identifiers import uscc_problem
from disclosure.taxonomy.obligations import OBLIGATION_CLASSES

Obligations = dict[tuple[str, int], str]
"""(USCC, fiscal year) → obligation class."""

HEADERS = {"uscc": "uscc", "统一社会信用代码": "uscc", "fiscal_year": "year", "year": "year", "会计年度": "year",
           "obligation": "class", "obligation_class": "class", "class": "class", "披露义务": "class"}
MAX_BYTES = 50 * 1024 * 1024


def read_obligations(path: Path) -> Obligations:
    """Parse the obligation list; a ``DisclosureError`` (code ``check.obligations-file``) names the line
    and what is wrong with it."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise _error(path, 0, f"larger than {MAX_BYTES} bytes")
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise _error(path, 0, err.strerror or str(err)) from err
    except UnicodeDecodeError as err:
        raise _error(path, 0, "not UTF-8") from err
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise _error(path, 1, "empty")
    columns = {HEADERS.get(h.strip().lower(), HEADERS.get(h.strip(), "")): i for i, h in enumerate(rows[0])}
    missing = [c for c in ("uscc", "year", "class") if c not in columns]
    if missing:
        raise _error(path, 1, "the header must name the columns uscc, fiscal_year, obligation "
                              f"(or 统一社会信用代码, 会计年度, 披露义务); missing {', '.join(missing)}")
    out: Obligations = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        try:
            uscc, year, klass = (row[columns[c]].strip() for c in ("uscc", "year", "class"))
        except IndexError as err:
            raise _error(path, line, "too few columns") from err
        if uscc_problem(uscc) is not None:
            raise _error(path, line, f"{uscc!r} is not a valid unified social credit code")
        if not year.isdigit() or not 2000 <= int(year) <= 2100:
            raise _error(path, line, f"{year!r} is not a fiscal year")
        if klass not in OBLIGATION_CLASSES:
            raise _error(path, line, f"{klass!r} is not an obligation class ({', '.join(OBLIGATION_CLASSES)})")
        key = (uscc, int(year))
        if key in out and out[key] != klass:
            raise _error(path, line, f"{uscc} {year} is listed twice with different classes")
        out[key] = klass
    return out


def _error(path: Path, line: int, detail: str) -> DisclosureError:
    where = f"{path}:{line}" if line else str(path)
    return DisclosureError("check.obligations-file", f"{where}: {detail}",
                           "One row per filer and year: uscc,fiscal_year,obligation "
                           f"(obligation one of {', '.join(OBLIGATION_CLASSES)}).")
