"""Page references: bookmarks on the report's headings, the disclosure index's page cells as PAGEREF
fields to them, and the page numbers read off a first LibreOffice rendering written into the table of
contents and those cells (Word and LibreOffice recompute the fields; the cached numbers are what a
reader sees before that)."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import Any

from disclosure.word.columns import TEXT_WIDTH_PT
from disclosure.word.disclosures import SECTION_MARK
from disclosure.word.document import Block, Bullets, Heading, Hold, Para, Table, Toc, row_heights, short, table_height
from disclosure.word.figures import DASH
from disclosure.word.metrics import width

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


THIN_LINES = 8
"""A page with fewer lines than this (besides its running header and folio), about a quarter of the text
area, is almost empty."""
LEAST_FILL = 0.25
"""... or whose content fills less than a quarter of the text area."""
GROUP_LINES = 12
"""A chapter's tail is held back to at least this many (estimated) lines, so the page it moves onto is no
longer almost empty."""
BODY_PT = 12.0
"""The body text size (小四), for estimating how many lines a paragraph takes."""
LINE_PT = BODY_PT * 1.3
"""A body line's height (the body's 1.3 line spacing)."""
BULLET_INDENT_PT = 21.0


def thin(page: str) -> bool:
    """Whether a page's text (pdftotext) has fewer than ``THIN_LINES`` lines besides header and folio."""
    lines = [x for x in page.splitlines() if len(x.strip()) > 1]  # not a bullet sign on a line of its own
    if lines and re.fullmatch(r"\s*(第\s*\d+\s*页|Page \d+)\s*", lines[-1]):
        lines = lines[:-1]
    return len(lines[1:]) < THIN_LINES


def held(parsed: list[Block], pages: list[str], numbers: list[int],
         fills: list[float] | None = None) -> tuple[list[Block], list[int]]:
    """The blocks with the last paragraphs, lists and tables of every chapter whose last page would be almost
    empty (in a first rendering: ``pages``, the level-1/2 headings on ``numbers``) kept whole and together,
    so that they move onto that page as a group of at least ``GROUP_LINES`` lines; and the headings' pages
    with those in the group or right before it (a heading is kept with what follows) on that page. A page is
    almost empty when it has fewer than ``THIN_LINES`` lines or, with ``fills`` (each page's share of the
    text area filled), fills less than ``LEAST_FILL``."""
    out = list(parsed)
    numbers = list(numbers)
    ordinal: dict[int, int] = {}  # block index → position of the level-1/2 heading in ``numbers``
    for i, b in enumerate(parsed):
        if isinstance(b, Heading) and b.level <= 2:
            ordinal[i] = len(ordinal)
    for i, k in ordinal.items():
        page = numbers[k] if k < len(numbers) else 0
        chapter = isinstance(parsed[i], Heading) and getattr(parsed[i], "level", 0) == 1
        short = fills is not None and page - 2 < len(fills) and fills[page - 2] < LEAST_FILL
        if chapter and 2 < page <= len(pages) + 1 and (thin(pages[page - 2]) or short):
            first = _hold_tail(out, i)
            while first is not None and first > 0 and isinstance(out[first - 1], Heading):
                first -= 1  # a heading right before the group goes with it
            for j in range(first if first is not None else i, i):
                if j in ordinal and ordinal[j] < len(numbers):
                    numbers[ordinal[j]] = page - 1
    return out, numbers


def _hold_tail(blocks: list[Block], heading: int) -> int | None:
    """Hold the paragraphs, lists and tables before ``blocks[heading]`` (and the section headings between
    them) back to at least ``GROUP_LINES`` estimated lines; the index of the first block held whole (what
    comes before it moves along if it is a heading)."""
    lines = 0
    onward = False
    whole: int | None = None
    for j in range(heading - 1, -1, -1):
        b = blocks[j]
        if isinstance(b, Heading) and b.level >= 2:
            lines += 2  # kept with what follows by its style
            continue
        if isinstance(b, Table):
            if not short(b):  # a long table runs on over pages: its last rows are held together
                rows = 0
                for height in reversed(row_heights(b)[1:]):
                    rows += 1
                    lines += math.ceil(height / LINE_PT)
                    if lines >= GROUP_LINES:
                        break
                blocks[j] = replace(b, hold=Hold(rows, onward))
                return None
            lines += math.ceil(table_height(b) / LINE_PT) + 2  # and its caption
            blocks[j] = replace(b, hold=Hold(1, onward))
            whole, onward = j, True
            if lines >= GROUP_LINES:
                return whole
            continue
        if isinstance(b, Para) and not b.style:
            texts, indent = [b.text], 0.0
        elif isinstance(b, Bullets) and b.items:
            texts, indent = list(b.items), BULLET_INDENT_PT
        else:
            return whole
        count = 0
        for text in reversed(texts):
            count += 1
            lines += _lines(text, TEXT_WIDTH_PT - indent)
            if lines >= GROUP_LINES:
                break
        blocks[j] = replace(b, hold=Hold(count, onward))
        if count < len(texts):
            return None
        whole = j
        if lines >= GROUP_LINES:
            return whole
        onward = True
    return whole


def _lines(text: str, room: float) -> int:
    return max(1, math.ceil(width(text.replace("**", ""), BODY_PT, "Noto Serif CJK SC") / room))


__all__ = ["BOOKMARK", "bookmarked", "held", "thin", "with_pages"]
