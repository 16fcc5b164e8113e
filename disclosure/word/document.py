"""The Word writer: a list of blocks (headings, paragraphs, tables, images, a TOC) onto the styled
reference document, saved deterministically (fixed zip and core-property timestamps)."""

from __future__ import annotations

import copy
import io
import re
import zipfile
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from disclosure.word import columns, punctuation, wrap
from disclosure.word.columns import PT_PER_CM, TEXT_WIDTH_PT, Layout
from disclosure.word.figures import ShownParts
from disclosure.word.metrics import wide


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    bookmark: str = ""
    """A bookmark around the heading, for PAGEREF fields (the index's page numbers)."""


@dataclass(frozen=True)
class Para:
    """A paragraph; ``**bold**`` spans are bold. ``style`` is a paragraph style of the reference."""

    text: str
    style: str = ""
    hold: Hold | None = None


@dataclass(frozen=True)
class Hold:
    """The last ``lines`` paragraphs of a block each kept whole on one page and with one another; with
    ``onward``, the block's last paragraph kept with the next block too (:mod:`disclosure.word.paging` sets
    it on a chapter's last paragraphs so that its last page never holds just a line or two)."""

    paragraphs: int
    onward: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    hold: Hold | None = None


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``numeric`` columns are right-aligned; ``emphasis`` rows are bold."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()
    emphasis: frozenset[int] = frozenset()
    note: str = ""
    pagerefs: tuple[tuple[int, int, str], ...] = ()
    """(row, column, bookmark): the cell is a PAGEREF field to the bookmark; its text is the cached page."""
    keep: frozenset[int] = frozenset()
    """Columns whose short texts (up to ``KEEP_CM``) stay on one line (the index's section names)."""
    keys: tuple[str, ...] = ()
    """An identifier per row (e.g. the checklist item of an index row), never printed."""
    hold: Hold | None = None
    """Kept whole (and, ``onward``, with what follows): :mod:`disclosure.word.paging` sets it on a table at
    a chapter's tail so that the chapter's last page never holds just that table."""


@dataclass(frozen=True)
class Image:
    caption: str
    png: bytes
    width_cm: float = 15.0


@dataclass(frozen=True)
class Toc:
    title: str
    entries: tuple[tuple[int, str], ...] = ()
    """(level, heading text) shown until the field is updated (Word updates it on opening)."""
    pages: tuple[int, ...] = ()
    """Page of each entry, when known (from a LibreOffice rendering); otherwise no numbers."""


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Para | Bullets | Table | Image | Toc | PageBreak


@dataclass(frozen=True)
class Meta:
    """Document-level properties: header text, core properties, the fixed timestamp."""

    title: str
    author: str
    subject: str
    keywords: str
    language: str
    header: str
    footer: str
    """Footer text before the page number, e.g. '第 {PAGE} 页' pattern handled by the writer."""
    timestamp: datetime
    category: str = ""
    comments: str = ""
    extra: dict[str, str] = field(default_factory=dict)


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _runs(paragraph: Paragraph, text: str) -> None:
    pos = 0
    for match in _BOLD.finditer(text):
        if match.start() > pos:
            paragraph.add_run(text[pos:match.start()])
        paragraph.add_run(match.group(1)).bold = True
        pos = match.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def _field(paragraph: Paragraph, instruction: str, shown: str = "", *, dirty: bool = False) -> None:
    """A complex field (begin, instruction, separate, cached result, end)."""
    def char(kind: str) -> None:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        if dirty and kind == "begin":
            el.set(qn("w:dirty"), "true")
        paragraph.add_run()._r.append(el)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    char("separate")
    paragraph.add_run(shown)
    char("end")


def _bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """A bookmark named ``name`` around the paragraph's text."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    p = paragraph._p
    first_run = p.find(qn("w:r"))
    if first_run is not None:
        first_run.addprevious(start)
    else:
        p.append(start)
    p.append(end)


def _shade(cell_xml: object, fill: str) -> None:
    tc_pr = cell_xml.get_or_add_tcPr()  # type: ignore[attr-defined]
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


INTRO_LINES = 3
"""A paragraph of at most this many lines right before a table or figure introduces it and is kept with it."""
WHOLE_ROWS = 12
"""A table of at most this many rows is kept on one page (its rows kept with the next)."""
WHOLE_PT = 300.0
"""... and is at most this tall (a taller one would leave half a page empty before it)."""
LINE_SPACING = 1.25
"""Table lines are about this many times the type size apart (the table styles' single spacing)."""
BODY_PT = 12.0
"""The body text size (小四)."""
BODY_FAMILY = "Noto Serif CJK SC"
TEXT_WIDTH_CM = TEXT_WIDTH_PT / PT_PER_CM
"""A4 width less the reference document's margins."""


@lru_cache(maxsize=256)  # the writer asks twice per table (widths, height); a build writes a report twice
def layout(block: Table) -> Layout:
    """The table's type size and column widths, fitted to its content (:mod:`disclosure.word.columns`)."""
    return columns.layout(block.headers, block.rows, block.numeric, block.emphasis, block.keep)


def row_heights(block: Table) -> list[float]:
    """Each row's height in points as laid out (as tall as its cell of most lines), the header first."""
    fitted = layout(block)
    out = []
    for r, row in enumerate((block.headers, *block.rows)):
        most = max((len(wrap.lines(text, width - fitted.padding, fitted.size, columns.FAMILY, r == 0))
                    for text, width in zip(row, fitted.widths, strict=False)), default=1)
        out.append(most * fitted.size * LINE_SPACING + 2)
    return out


def short(block: Table) -> bool:
    """Whether the table is short enough to be kept on one page."""
    return len(block.rows) <= WHOLE_ROWS and table_height(block) <= WHOLE_PT


def table_height(block: Table) -> float:
    """The table's height in points as laid out."""
    return sum(row_heights(block))


SPLIT_PT = 120.0
"""A row taller than this (about ten lines) may break across pages."""


NBSP = "\u00a0"
SECTION_SEP = " › "
JOINED_CHARS = 30
"""A part of a Latin section name (5 Metrics and targets › Restatements) of at most this many characters is
kept on one line; a longer one wraps between its words (4 Impact, risk and / opportunity management)."""


def joined(block: Table) -> Table:
    """The table with the Latin texts of its ``keep`` columns (the index's sections) breaking only between
    a chapter and its section (5 Metrics and targets › / Restatements), never inside either: the words of
    each part joined by no-break spaces and the column no longer held to one line, so it does not take
    the width of its longest ``chapter › section`` from the requirement and source columns. Chinese
    texts, which break between any two characters, stay held on one line."""
    latin = [c for c in block.keep
             if all(not any(wide(ch) for ch in row[c]) for row in block.rows if c < len(row))]
    if not latin:
        return block

    def join(text: str) -> str:
        parts = text.split(SECTION_SEP)
        if len(parts) == 1 and len(text) > JOINED_CHARS:
            return text  # a reason for an omission, not a section
        return (NBSP + SECTION_SEP.lstrip()).join(  # › ends a line
            part.replace(" ", NBSP) if len(part) <= JOINED_CHARS else part for part in parts)

    rows = tuple(tuple(join(cell) if c in latin else cell for c, cell in enumerate(row)) for row in block.rows)
    return replace(block, rows=rows, keep=block.keep - frozenset(latin))


def intro(text: str) -> bool:
    """Whether a paragraph is short enough to be a lead-in kept with the table or figure after it."""
    return len(wrap.lines(text.replace("**", ""), TEXT_WIDTH_PT, BODY_PT, BODY_FAMILY)) <= INTRO_LINES


def column_widths(block: Table) -> list[float]:
    """Column widths (cm) filling the text width, at the size the table is set."""
    return list(layout(block).widths_cm)


def dense(block: Table) -> bool:
    """Whether the table is set below 9 pt (too many columns for the page at 9 pt)."""
    return layout(block).size < 9


class _Styles:
    """Paragraphs added with a style looked up once per name (python-docx looks a style name up through
    every style of the document, converting each one's attributes, on every ``add_paragraph``)."""

    def __init__(self, doc: object) -> None:
        self.doc = doc
        self.ids: dict[str, str] = {}

    def style_id(self, style: str) -> str:
        if style not in self.ids:
            self.ids[style] = self.doc.styles[style].style_id  # type: ignore[attr-defined]
        return self.ids[style]

    def add(self, style: str = "", text: str = "") -> Paragraph:
        p: Paragraph = self.doc.add_paragraph(text)  # type: ignore[attr-defined]
        if style:
            p._p.style = self.style_id(style)
        return p


class _CellParagraphs:
    """A table's cell paragraphs (style, right indent, one run of text at the table's size, bold, alignment).

    The first paragraph of each kind is made through python-docx; the others of that kind are copies of
    it with their own text (python-docx's proxies and its schema-ordered insertions were most of a
    report's table writing). A text with tabs or line breaks, or none, is always made through python-docx
    (it writes those as ``w:tab`` / ``w:br`` elements or no ``w:t``)."""

    def __init__(self, size: Pt | None) -> None:
        self.size = size
        self.made: dict[tuple[str, float | None, bool, bool], CT_P] = {}

    def fill(self, cell: _Cell, text: str, style: str, indent: float | None, bold: bool, right: bool) -> None:
        kind = (style, indent, bold, right)
        made = self.made.get(kind)
        plain = bool(text) and not _RUN_BREAKS.search(text)
        if made is not None and plain:
            p_el = copy.deepcopy(made)
            t = p_el.find(_T)
            assert t is not None  # a plain text's run has one w:t
            t.text = text
            if len(text.strip()) < len(text):
                t.set(_SPACE, "preserve")
            elif _SPACE in t.attrib:
                del t.attrib[_SPACE]
            old = cell._tc.find(_P)
            cell._tc.replace(old, p_el)
            return
        p = cell.paragraphs[0]
        if indent is not None:
            p.paragraph_format.right_indent = Pt(indent)
        p._p.style = style
        run = p.add_run(text)
        if self.size is not None:
            run.font.size = self.size
        if bold:
            run.bold = True
        if right:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if plain and made is None:
            self.made[kind] = copy.deepcopy(p._p)


_RUN_BREAKS = re.compile(r"[\t\n\r]")
_T = qn("w:r") + "/" + qn("w:t")
_P = qn("w:p")
_SPACE = qn("xml:space")


def _table(doc: object, block: Table, styled: _Styles) -> DocxTable:
    table: DocxTable = doc.add_table(rows=1 + len(block.rows), cols=len(block.headers))  # type: ignore[attr-defined]
    table._tbl.tblStyle_val = styled.style_id("Disclosure Table")  # python-docx's setter: a lookup per table
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    fitted = layout(block)
    widths = fitted.widths_cm
    if fitted.padding != columns.PADDING_PT:  # a very wide table: narrower cell margins than the style's
        margins = OxmlElement("w:tblCellMar")
        for edge in ("left", "right"):
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:w"), str(round(fitted.padding / 2 * 20)))
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        pr = table._tbl.tblPr
        look = pr.find(qn("w:tblLook"))  # the schema's order: tblCellMar before tblLook
        if look is not None:
            look.addprevious(margins)
        else:
            pr.append(margins)
    size = None if fitted.size == columns.SIZES[0] else Pt(fitted.size)
    # The cell grid once (python-docx rebuilds the whole grid for every row.cells / column.cells: quadratic).
    grid = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
    for i, (col, width) in enumerate(zip(table.columns, widths, strict=True)):
        col.width = Cm(width)
        for cells in grid:
            cells[i].width = Cm(width)
    header = table.rows[0]
    # Style ids once: assigning a style by name or object looks through every style of the document, per cell.
    header_style = styled.style_id("Table Header")
    text_style = styled.style_id("Table Text")
    tr_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    indents = {(r, i): cut for r, i, cut in fitted.indents}
    paragraphs = _CellParagraphs(size)
    for i, text in enumerate(block.headers):
        cell = grid[0][i]
        _shade(cell._tc, "1F4E79")
        paragraphs.fill(cell, text, header_style, indents.get((0, i)), False, i in block.numeric)
    refs = {(r, c): mark for r, c, mark in block.pagerefs}
    # A row breaks across pages only when it is tall (a long description): a short one never does (no
    # orphan fragment under a repeated header), a tall one unbroken would leave half a page blank before it.
    for tr, height in zip(table._tbl.tr_lst, row_heights(block), strict=True):
        if height <= SPLIT_PT:
            tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for r, row in enumerate(block.rows, start=1):
        for i, text in enumerate(row):
            cell = grid[r][i]
            if (r - 1, i) in refs:
                p = cell.paragraphs[0]
                if (r, i) in indents:
                    p.paragraph_format.right_indent = Pt(indents[(r, i)])
                p._p.style = text_style
                _field(p, f"PAGEREF {refs[(r - 1, i)]} \\h", text)
                if size is not None:
                    for field_run in p.runs:
                        field_run.font.size = size
                if i in block.numeric:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                paragraphs.fill(cell, wrap.nobreak(text), text_style, indents.get((r, i)), (r - 1) in block.emphasis,
                                i in block.numeric)
        if (r - 1) in block.emphasis:
            for cell in grid[r]:
                _shade(cell._tc, "DEEAF6")
    return table


def _clear_body(doc: object) -> None:
    body = doc.element.body  # type: ignore[attr-defined]
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _header_footer(doc: object, meta: Meta) -> None:
    section = doc.sections[0]  # type: ignore[attr-defined]
    section.different_first_page_header_footer = True  # the cover has none
    head = section.header.paragraphs[0]
    head.text = ""
    head.style = "Header"
    head.add_run(meta.header)
    foot = section.footer.paragraphs[0]
    foot.text = ""
    foot.style = "Footer"
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _, after = meta.footer.partition("{PAGE}")
    if before:
        foot.add_run(before)
    _field(foot, "PAGE", "1")
    if after:
        foot.add_run(after)


def _core(doc: object, meta: Meta) -> None:
    cp = doc.core_properties  # type: ignore[attr-defined]
    cp.title = meta.title
    cp.author = meta.author
    cp.last_modified_by = meta.author
    cp.subject = meta.subject
    cp.keywords = meta.keywords
    cp.language = meta.language
    cp.category = meta.category
    cp.comments = meta.comments
    cp.created = meta.timestamp
    cp.modified = meta.timestamp
    cp.last_printed = meta.timestamp
    cp.revision = 1


def _update_fields_on_open(doc: object) -> None:
    settings = doc.settings.element  # type: ignore[attr-defined]
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    el = OxmlElement("w:updateFields")
    el.set(qn("w:val"), "true")
    settings.append(el)


def write(blocks: list[Block], meta: Meta, reference: bytes) -> bytes:
    """The .docx for ``blocks`` on the ``reference`` document's styles and page set-up."""
    doc = Document(io.BytesIO(reference))
    styled = _Styles(doc)
    _clear_body(doc)
    _header_footer(doc, meta)
    _core(doc, meta)
    _update_fields_on_open(doc)
    marks = 0
    for n, block in enumerate(blocks):
        after = blocks[n + 1] if n + 1 < len(blocks) else None
        if isinstance(block, Heading):
            heading = styled.add(f"Heading {block.level}" if block.level else "Title", block.text)
            if block.bookmark:
                marks += 1
                _bookmark(heading, block.bookmark, marks)
        elif isinstance(block, Para):
            p = styled.add(block.style)
            _runs(p, block.text)
            _hold([p], block.hold)
            if isinstance(after, Table | Image) and intro(block.text):
                p.paragraph_format.keep_with_next = True  # a table's or figure's lead-in stays with it
        elif isinstance(block, Bullets):
            items = []
            for item in block.items:
                items.append(styled.add("List Bullet"))
                _runs(items[-1], item)
            _hold(items, block.hold)
        elif isinstance(block, Table):
            block = joined(block)
            styled.add("Caption", block.caption)
            table = _table(doc, block, styled)
            rows = table._tbl.tr_lst
            # A short table stays on one page (no header and one row at a page's foot, nor a lone total row on
            # the next), as does a table paging holds; the note stays with the table's last row (no page holding
            # just the note). A long table gets no keep-with-next on its rows: LibreOffice reads one on its
            # header row as "keep the table with the next paragraph" and moves the whole table off the page its
            # caption is on; it never leaves a repeated header row alone at a page's foot itself.
            held = rows[:-1] if short(block) else rows[-block.hold.paragraphs - 1:-1] if block.hold else []
            onward = block.hold is not None and block.hold.onward
            for tr in [*held, rows[-1]] if block.note or onward else held:
                for tc in tr.tc_lst:
                    for p_el in tc.iterchildren(qn("w:p")):
                        p_el.get_or_add_pPr().get_or_add_keepNext()
            if block.note:
                note = styled.add("Table Note", block.note)
                if onward:
                    note.paragraph_format.keep_with_next = True
        elif isinstance(block, Image):
            p = styled.add("Figure")
            p.add_run().add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))
            styled.add("Caption", block.caption)
        elif isinstance(block, Toc):
            styled.add("TOC Heading", block.title)
            p = doc.add_paragraph()
            _field(p, r'TOC \o "1-2" \h \z \u', "", dirty=True)
            # The cached result: the entries as they will read; Word refreshes page numbers on opening.
            field_end = p._p[-1]
            p._p.remove(field_end)
            for i, (level, text) in enumerate(block.entries):
                entry = styled.add(f"TOC {level}")
                entry.add_run(text)
                if i < len(block.pages):
                    entry.add_run("\t" + str(block.pages[i]))
            closing = doc.add_paragraph()
            closing._p.append(field_end)
        elif isinstance(block, PageBreak):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    return deterministic(doc, meta.timestamp)


def typeset(block: Block, lang: str) -> Block:
    """The block as both renderers print it (the Word report and the Inline XBRL report write the same
    text): a zh-CN report with Chinese punctuation, an en report citing Chinese rules by Art. / Ch. numbers
    in its tables. A text the step leaves unchanged stays the same object (a printed fact keeps its fact)."""
    if lang == "zh-CN":
        return _chinese_punctuation(block)
    if isinstance(block, Table):
        return replace(block, rows=tuple(tuple(_same(cell, punctuation.english_clauses(cell)) for cell in row)
                                         for row in block.rows))
    return block


def _same(old: str, new: str) -> str:
    """``new``, or ``old`` itself when equal; a text that prints facts keeps them (punctuation does not touch
    digits, and the placer looks for each figure from about where it was)."""
    if new == old:
        return old
    if isinstance(old, ShownParts):
        kept = ShownParts(new)
        kept.parts = old.parts
        return kept
    return new


def _hold(paragraphs: list[Paragraph], hold: Hold | None) -> None:
    """Keep the last ``hold.paragraphs`` paragraphs whole and together (and with what follows, ``onward``)."""
    if hold is None:
        return
    held = paragraphs[-hold.paragraphs:]
    for n, p in enumerate(held, 1):
        p.paragraph_format.keep_together = True
        if n < len(held) or hold.onward:
            p.paragraph_format.keep_with_next = True


def _chinese_punctuation(block: Block) -> Block:
    """The block's texts with full-width punctuation and 《》 where they touch Chinese text
    (:mod:`disclosure.word.punctuation`); numbers, codes and Latin text unchanged; headings as written
    (the template's, and the table of contents matches them)."""
    def fix(text: str) -> str:
        return _same(text, punctuation.normalise(text))

    if isinstance(block, Para):
        return replace(block, text=fix(block.text))
    if isinstance(block, Bullets):
        return replace(block, items=tuple(fix(item) for item in block.items))
    if isinstance(block, Image):
        return replace(block, caption=fix(block.caption))
    if isinstance(block, Table):
        refs = {(r, c) for r, c, _ in block.pagerefs}
        rows = tuple(tuple(cell if c in block.numeric or (r, c) in refs else fix(cell) for c, cell in enumerate(row))
                     for r, row in enumerate(block.rows))
        return replace(block, caption=fix(block.caption), headers=tuple(fix(h) for h in block.headers), rows=rows,
                       note=fix(block.note))
    return block


def deterministic(doc: object, timestamp: datetime) -> bytes:
    """Save ``doc`` with every zip entry at ``timestamp`` and in a fixed order, without a thumbnail."""
    package = doc.part.package  # type: ignore[attr-defined]
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rid]
    raw = io.BytesIO()
    doc.save(raw)  # type: ignore[attr-defined]
    stamp = (max(timestamp.year, 1980), timestamp.month, timestamp.day, timestamp.hour, timestamp.minute,
             timestamp.second)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


__all__ = ["Block", "Bullets", "Heading", "Hold", "Image", "Meta", "PageBreak", "Para", "Table", "Toc", "deterministic",
           "write"]
