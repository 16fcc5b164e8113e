"""Page references: bookmarks on the report's headings, the disclosure index's page cells as PAGEREF
fields to them, and the page numbers read off a first LibreOffice rendering written into the table of
contents and those cells (Word and LibreOffice recompute the fields; the cached numbers are what a
reader sees before that)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from disclosure.word.disclosures import SECTION_MARK
from disclosure.word.document import Block, Heading, Table, Toc
from disclosure.word.figures import DASH

BOOKMARK = "_Ref_sec{:03d}"
"""Hidden bookmark names (Word hides names starting with an underscore), one per level-1/2 heading."""


def bookmarked(parsed: list[Block], texts: dict[str, Any]) -> list[Block]:
    """Every level-1 and level-2 heading bookmarked in order; index cells referring to a section
    (``§metrics.energy_use``) pointed at its heading's bookmark. A cell whose section the report does
    not have keeps a dash and no field (tests/test_publication.py fails on it)."""
    out: list[Block] = []
    where: dict[tuple[str, str], str] = {}
    top = ""
    count = 0
    for b in parsed:
        if isinstance(b, Heading) and b.level <= 2:
            name = BOOKMARK.format(count)
            count += 1
            if b.level == 1:
                top = b.text
                where.setdefault((top, ""), name)
            else:
                where.setdefault((top, b.text), name)
            b = replace(b, bookmark=name)
        out.append(b)
    resolved: list[Block] = []
    for b in out:
        if isinstance(b, Table) and b.pagerefs:
            refs = []
            for row, col, target in b.pagerefs:
                mark = _section(target, texts, where) if target.startswith(SECTION_MARK) else target
                if mark is not None:
                    refs.append((row, col, mark))
            b = replace(b, pagerefs=tuple(refs))
        resolved.append(b)
    return resolved


def _section(target: str, texts: dict[str, Any], where: dict[tuple[str, str], str]) -> str | None:
    top, _, sub = target[len(SECTION_MARK):].partition(".")
    title = texts["sections"].get(top, "")
    if sub and (title, texts["subsections"].get(sub, "")) in where:
        return where[(title, texts["subsections"][sub])]
    return where.get((title, ""))


def with_pages(parsed: list[Block], numbers: list[int]) -> list[Block]:
    """The table of contents and the page cells with the pages of the level-1/2 headings (in order)."""
    pages = {BOOKMARK.format(i): n for i, n in enumerate(numbers)}
    out: list[Block] = []
    for b in parsed:
        if isinstance(b, Toc):
            b = replace(b, pages=tuple(numbers))
        elif isinstance(b, Table) and b.pagerefs:
            rows = [list(r) for r in b.rows]
            for row, col, mark in b.pagerefs:
                rows[row][col] = str(pages[mark]) if mark in pages else DASH
            b = replace(b, rows=tuple(tuple(r) for r in rows))
        out.append(b)
    return out


__all__ = ["BOOKMARK", "bookmarked", "with_pages"]
