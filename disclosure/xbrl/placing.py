"""Where the report prints each fact: the places the Inline XBRL report tags.

The Word report's blocks are the text; a fact is tagged where the printed text *is* the fact:

- a number where a table cell carries it (:class:`disclosure.word.figures.Shown`: the fact's own
  rounded value), else where a sentence of the template printed it (:class:`ShownParts`, marked through
  the template by :mod:`disclosure.word.markup`), else where a distinctive number (five characters or
  more) stands alone in the text;
- a string, a date or an enumeration's labels where a whole cell, a whole paragraph, the text after a
  run-in label (``**统一社会信用代码**：…``) or, for a long value, a stretch of text equals it;
- a text block where a run of whole blocks, or a stretch of one paragraph, has exactly its text.

Each fact is tagged once, at its first place; a repeated display is plain text. What the report does
not print (or prints differently) is not placed: the caller puts it in ``ix:hidden``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from lxml import etree

from disclosure.taxonomy.definition import definition
from disclosure.word.document import Block, Bullets, Heading, Para, Table
from disclosure.word.figures import Shown, ShownParts
from disclosure.xbrl.facts import Fact
from disclosure.xbrl.inline import WORDS, XHTML, date_display, display_number

Slot = tuple[int, ...]
"""A printed text: (block,) for a paragraph, (block, item) for a bullet, (block, row, column) for a cell."""

BOLD = re.compile(r"\*\*(.+?)\*\*")
MIN_NUMBER = 5
"""A number found in running text is tagged only when this long (2,023,247 — not 8 or 10.0)."""
MIN_SUBSTRING = 6
"""A string found inside a longer text is tagged only when this long."""
LEAD = re.compile(r"\s*([\d,]+(?:\.\d+)?)(?:\s|$)")
"""A number at the start of a cell, followed by a unit or nothing (401,250 吨)."""
SENTENCE = re.compile(r"\s*[^。]+?(?:。|\.(?=\s|$))")
"""A sentence of a cell (Chinese or English), for values that are part of a cell's text."""
SLACK = 16
"""How far before its recorded offset a figure of a paragraph is looked for (bold marks and punctuation
normalised after the offset was taken shorten the text before it)."""
MIN_LABEL = 10
"""An enumeration's labels found inside a longer text are tagged only when this long (not 可持续发展报告
inside a guideline's title)."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    fact: Fact
    hidden: bool = False
    """An enumeration: the text shows its labels and points at the hidden fact (``-ix-hidden``)."""


@dataclass
class Placement:
    spans: dict[Slot, list[Span]] = field(default_factory=dict)
    runs: dict[int, tuple[int, Fact]] = field(default_factory=dict)
    """First block → (last block, text block fact) wrapping blocks first..last."""
    shown: set[Fact] = field(default_factory=set)
    """Facts tagged in the text (an enumeration shown by its labels stays hidden, and is not here)."""
    labelled: set[Fact] = field(default_factory=set)


def plain(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Text without ``**`` markers, and the bold ranges in it."""
    out, bold, pos = "", [], 0
    for m in BOLD.finditer(text):
        out += text[pos:m.start()]
        bold.append((len(out), len(out) + len(m.group(1))))
        out += m.group(1)
        pos = m.end()
    return out + text[pos:], bold


def slots(blocks: list[Block]) -> list[tuple[Slot, str]]:
    """Every printed text that may carry a fact, in reading order (cover and body; not headings)."""
    out: list[tuple[Slot, str]] = []
    for i, b in enumerate(blocks):
        if isinstance(b, Para):
            out.append(((i,), b.text))
        elif isinstance(b, Bullets):
            out.extend(((i, n), item) for n, item in enumerate(b.items))
        elif isinstance(b, Table):
            linked = {(r, c) for r, c, _ in b.pagerefs}
            out.extend(((i, r, c), cell) for r, row in enumerate(b.rows) for c, cell in enumerate(row)
                       if (r, c) not in linked)
    return out


def _squash(text: str) -> str:
    return "".join(text.split())


def block_text(b: Block) -> str:
    """The text a block prints (as the XHTML writer prints it), for matching text blocks."""
    if isinstance(b, Para):
        return plain(b.text)[0]
    if isinstance(b, Bullets):
        return "".join(plain(item)[0] for item in b.items)
    if isinstance(b, Table):
        cells = [b.caption, *b.headers, *(cell for row in b.rows for cell in row), b.note]
        return "".join(cells)
    if isinstance(b, Heading):  # a chapter's text block holds its subsections' headings
        return b.text
    return ""


def fragment_text(html: str) -> str:
    return "".join(etree.fromstring(f'<div xmlns="{XHTML}">{html}</div>').itertext())


class _Placer:
    """Indexes of the printed texts, so placing stays linear in the report's size (a group's tables have
    a row per facility)."""

    def __init__(self, blocks: list[Block], lang: str) -> None:
        self.blocks = blocks
        self.lang = lang
        self.texts: dict[Slot, tuple[str, list[tuple[int, int]]]] = {s: plain(t) for s, t in slots(blocks)}
        self.order = {slot: n for n, slot in enumerate(self.texts)}
        self.running = [slot for slot in self.texts if len(slot) < 3]
        """Paragraphs and bullets (a bounded number: the template's), searched for values inside them."""
        self.whole: dict[str, list[Slot]] = {}
        self.after: dict[str, list[tuple[Slot, int]]] = {}
        self.bold: dict[str, list[tuple[Slot, int]]] = {}
        self.lead: dict[str, list[Slot]] = {}
        self.sentences: dict[str, list[tuple[Slot, int]]] = {}
        self.cells: dict[Slot, list[Slot]] = {}
        for slot, (printed, bold) in self.texts.items():
            self.whole.setdefault(printed.strip(), []).append(slot)
            head, sep, rest = printed.partition("：" if "：" in printed else ": ")
            if sep and rest.strip():
                value = rest.strip().rstrip("。.")
                self.after.setdefault(value, []).append((slot, len(head) + len(sep) + rest.find(value)))
            for b0, b1 in bold:
                self.bold.setdefault(printed[b0:b1], []).append((slot, b0))
            if len(slot) == 3:
                self.cells.setdefault(slot[:2], []).append(slot)
                for m in SENTENCE.finditer(printed):  # a value that is the cell's last sentences: 未披露：…。<value>
                    self.sentences.setdefault(m.group(0).strip(), []).append((slot, m.start() + len(m.group(0))
                                                                              - len(m.group(0).lstrip())))
                number = LEAD.match(printed)
                if number:
                    self.lead.setdefault(number.group(1), []).append(slot)
        self.result = Placement()
        self.rows: dict[tuple[object, object], list[Slot]] = {}
        """Members (dimensions) of a placed fact → the table rows it was placed in."""

    def free(self, slot: Slot, start: int, end: int) -> bool:
        """No tag there yet, and the stretch lies within one bold or plain run."""
        if any(s.start < end and start < s.end for s in self.result.spans.get(slot, [])):
            return False
        bold = self.texts[slot][1]
        return all(not (b0 < end and start < b1) or (b0 <= start and end <= b1) for b0, b1 in bold)

    def add(self, slot: Slot, start: int, end: int, f: Fact, hidden: bool = False) -> None:
        self.result.spans.setdefault(slot, []).append(Span(start, end, f, hidden))
        if len(slot) == 3 and (f.explicit or f.typed):
            rows = self.rows.setdefault((f.explicit, f.typed), [])
            if slot[:2] not in rows:
                rows.append(slot[:2])
        (self.result.labelled if hidden else self.result.shown).add(f)

    def first(self, f: Fact, length: int, candidates: list[tuple[Slot, int]], hidden: bool = False) -> bool:
        """Place ``f`` at the first free candidate in reading order."""
        for slot, start in sorted(candidates, key=lambda c: (self.order[c[0]], c[1])):
            if start >= 0 and self.free(slot, start, start + length):
                self.add(slot, start, start + length, f, hidden)
                return True
        return False

    def numbers(self, facts: set[Fact]) -> None:
        texts = slots(self.blocks)  # a table's figure first: a sentence repeating it stays plain text
        for slot, cell in [s for s in texts if len(s[0]) == 3] + [s for s in texts if len(s[0]) < 3]:
            parts = ((0, cell.fact),) if isinstance(cell, Shown) else cell.parts if isinstance(cell, ShownParts) \
                else ()
            for offset, f in parts:
                if f not in facts or f in self.result.shown or f.enum or f.html:
                    continue
                if f.unit is None:  # a string or a date printed as part of a cell: 机构，编号（日期）
                    text = self.display(f)
                else:
                    assert isinstance(f.value, Decimal) and f.decimals is not None
                    text = display_number(f.value, f.decimals, f.scale)[0]
                printed = self.texts[slot][0]  # without ** marks: the figure a little before its offset
                near = max(0, offset - SLACK)
                start = printed.find(text, near)
                if start < 0:
                    start = printed.find(text)
                if start >= 0 and self.free(slot, start, start + len(text)):
                    self.add(slot, start, start + len(text), f)

    def loose_numbers(self, facts: list[Fact]) -> None:
        for f in facts:
            if f.unit is None or f in self.result.shown:
                continue
            assert isinstance(f.value, Decimal) and f.decimals is not None
            text, negative = display_number(f.value, f.decimals, f.scale)
            if negative or len(text) < MIN_NUMBER:
                continue
            pattern = re.compile(rf"(?<![\d.,]){re.escape(text)}(?![\d]|[.,]\d)")
            candidates = [(slot, 0) for slot in self.lead.get(text, [])]  # a cell that starts with it: 401,250 吨
            for slot in self.running:
                m = pattern.search(self.texts[slot][0])
                if m:
                    candidates.append((slot, m.start()))
            self.first(f, len(text), candidates)

    def text_blocks(self, facts: list[Fact]) -> None:
        squashed = [_squash(block_text(b)) for b in self.blocks]
        taken: set[int] = set()
        for f in facts:
            if not f.html:
                continue
            want = _squash(fragment_text(str(f.value)))
            if not want:
                continue
            if not self._run(f, want, squashed, taken):
                self._stretch(f, fragment_text(str(f.value)).strip())

    def _run(self, f: Fact, want: str, squashed: list[str], taken: set[int]) -> bool:
        for i in range(len(self.blocks)):
            acc = ""
            for j in range(i, len(self.blocks)):
                if not squashed[j] or j in taken:
                    break
                acc += squashed[j]
                if acc == want:
                    self.result.runs[i] = (j, f)
                    taken.update(range(i, j + 1))
                    self.result.shown.add(f)
                    return True
                if not want.startswith(acc):
                    break
        return False

    def _stretch(self, f: Fact, want: str) -> None:
        if len(want) >= MIN_SUBSTRING:
            self.first(f, len(want), [(slot, self.texts[slot][0].find(want)) for slot in self.running])

    def others(self, facts: list[Fact]) -> None:
        for f in facts:
            if f.unit is not None or f.html or f in self.result.shown:
                continue
            text = self.display(f)
            if text:
                self._find(f, text)

    def display(self, f: Fact) -> str:
        if f.enum:
            d = definition()
            labels = [d.concept(m).label[self.lang] for m in f.enum]
            return ("、" if self.lang == "zh-CN" else ", ").join(labels)
        if isinstance(f.value, bool):
            return WORDS[self.lang]["yes" if f.value else "no"]
        if isinstance(f.value, date):
            return date_display(f.value, self.lang)
        return str(f.value).strip()

    def _find(self, f: Fact, text: str) -> None:
        """The first place that prints ``text`` as ``f``. A short or all-digit value (2023, 青海, 是) is
        ambiguous: it is placed only after its run-in label or as a bold phrase, or, for a fact of a member
        (a facility, a target), in a table row that already shows a fact of the same member. A long value
        may also be a stretch of a paragraph (an enumeration's labels only when long enough)."""
        hidden = bool(f.enum)
        short = len(text) < MIN_SUBSTRING or text.isdigit() or isinstance(f.value, bool)
        dims = (f.explicit, f.typed)
        candidates: list[tuple[Slot, int]] = []
        if not short:
            candidates += [(slot, self.texts[slot][0].find(text)) for slot in self.whole.get(text, [])]
        elif any(dims):
            candidates += [(slot, self.texts[slot][0].find(text)) for row in self.rows.get(dims, [])
                           for slot in self.cells[row] if self.texts[slot][0].strip() == text]
        candidates += [c for c in self.after.get(text, []) if not any(dims) or len(c[0]) != 3]
        if not any(dims):  # a run-in bold phrase that is the value: 按**运营控制法**确定
            candidates += self.bold.get(text, [])
        if not short and len(text) >= (MIN_LABEL if hidden else MIN_SUBSTRING):
            candidates += [(slot, self.texts[slot][0].find(text)) for slot in self.running]
            if not hidden:  # not a label inside a cell (the index's requirements name report types)
                first = SENTENCE.match(text)
                candidates += [(slot, start) for slot, start in self.sentences.get(first.group(0).strip() if first
                                                                                    else "", [])
                               if self.texts[slot][0].startswith(text, start)]
        self.first(f, len(text), candidates, hidden)


def place(blocks: list[Block], facts: list[Fact], lang: str) -> Placement:
    """Where each of ``facts`` is printed in ``blocks`` (a fact printed nowhere is not in the result)."""
    placer = _Placer(blocks, lang)
    placer.numbers(set(facts))
    placer.text_blocks(facts)
    placer.others(facts)
    placer.loose_numbers(facts)
    return placer.result


__all__ = ["Placement", "Span", "place", "plain", "slots"]
