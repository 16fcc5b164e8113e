"""The styled reference document (``templates/report/reference.docx``): A4 page, CJK fonts with
fall-backs, heading, table, caption and TOC styles. Every report is written onto it.

Regenerate with ``python -m disclosure.word.reference``; a test keeps the committed file equal to
what this module makes. A company may replace the file with its own template keeping the style names.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips
from docx.styles.style import BaseStyle
from lxml import etree

from disclosure.word.document import deterministic

SANS = "Noto Sans CJK SC"
"""Headings and tables: 思源黑体 (Noto Sans CJK SC, Debian fonts-noto-cjk); Word falls back to 微软雅黑."""
SERIF = "Noto Serif CJK SC"
"""Body text: 思源宋体 (Noto Serif CJK SC); Word falls back to 宋体."""
FALLBACK = {SANS: ("微软雅黑", "swiss"), SERIF: ("宋体", "roman")}
NAVY = RGBColor(0x1F, 0x4E, 0x79)
BLUE = RGBColor(0x2E, 0x75, 0xB6)
FIXED = datetime(2025, 12, 31, tzinfo=UTC)


def _fonts(style: BaseStyle, family: str) -> None:
    """Set every script's font explicitly (and drop the theme font references that would win)."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), family)


def _style(doc: object, name: str, kind: WD_STYLE_TYPE, base: str | None = None) -> BaseStyle:
    styles = doc.styles  # type: ignore[attr-defined]
    try:
        style: BaseStyle = styles[name]
    except KeyError:
        style = styles.add_style(name, kind)
        if base:
            style.base_style = styles[base]  # type: ignore[attr-defined]
    return style


def _paragraph(doc: object, name: str, *, family: str = SERIF, size: float = 10.5, bold: bool = False,
               color: RGBColor | None = None, before: float = 0, after: float = 6, align: int | None = None,
               keep_next: bool = False, base: str | None = "Normal", page_break: bool = False) -> BaseStyle:
    style = _style(doc, name, WD_STYLE_TYPE.PARAGRAPH, base)
    _fonts(style, family)
    font = style.font  # type: ignore[attr-defined]
    font.size = Pt(size)
    font.bold = bold
    font.italic = False
    font.color.rgb = color or RGBColor(0, 0, 0)
    fmt = style.paragraph_format  # type: ignore[attr-defined]
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.keep_with_next = keep_next
    fmt.page_break_before = page_break
    if align is not None:
        fmt.alignment = align
    return style


def _table_style(doc: object) -> None:
    style = _style(doc, "Disclosure Table", WD_STYLE_TYPE.TABLE, "Table Grid")
    tbl_pr = style.element.find(qn("w:tblPr"))
    if tbl_pr is None:
        tbl_pr = OxmlElement("w:tblPr")
        style.element.append(tbl_pr)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "8EAADB")
        borders.append(el)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("left", "85"), ("right", "85")):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), width)
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.append(margins)


def _font_table(doc: object) -> None:
    """Declare our fonts with Chinese fall-backs (altName, GB2312 charset) for machines without them."""
    part = next(p for p in doc.part.package.iter_parts()  # type: ignore[attr-defined]
                if str(p.partname) == "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    for family, (alt, kind) in FALLBACK.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), family)
        for tag, value in (("altName", alt), ("charset", "86"), ("family", kind), ("pitch", "variable")):
            etree.SubElement(font, qn(f"w:{tag}")).set(qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _defaults(doc: object) -> None:
    """Document defaults: Chinese as the East Asian language, our fonts instead of the theme's."""
    styles_el = doc.styles.element  # type: ignore[attr-defined]
    rpr = styles_el.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), SERIF)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def reference() -> bytes:
    """The reference document's bytes (deterministic)."""
    doc = Document()
    _defaults(doc)
    _font_table(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)  # A4
    section.top_margin = section.bottom_margin = Cm(2.54)
    section.left_margin = section.right_margin = Twips(1361)  # 2.4 cm
    section.header_distance = section.footer_distance = Cm(1.5)

    # Body: 宋体-class serif 小四 (12 pt), justified (两端对齐), as Chinese reports are set.
    normal = _paragraph(doc, "Normal", base=None, size=12, before=4, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.MULTIPLE  # type: ignore[attr-defined]
    normal.paragraph_format.line_spacing = 1.3  # type: ignore[attr-defined]
    _paragraph(doc, "Title", family=SANS, size=26, bold=True, color=NAVY, before=120, after=24,
               align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, "Subtitle", family=SANS, size=15, color=BLUE, after=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, "Cover Line", family=SANS, size=12, after=6, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, "Heading 1", family=SANS, size=16, bold=True, color=NAVY, before=0, after=12,
               keep_next=True, page_break=True)
    _paragraph(doc, "Heading 2", family=SANS, size=13, bold=True, color=BLUE, before=14, after=6, keep_next=True)
    _paragraph(doc, "Heading 3", family=SANS, size=11, bold=True, color=NAVY, before=10, after=4, keep_next=True)
    _paragraph(doc, "Caption", family=SANS, size=10.5, bold=True, color=NAVY, before=8, after=4, keep_next=True)
    # Tables: 五号 (10.5 pt); a table with many columns is set smaller cell by cell (word/columns.py).
    _paragraph(doc, "Table Header", family=SANS, size=10.5, bold=True, color=RGBColor(0xFF, 0xFF, 0xFF), after=0,
               align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(doc, "Table Text", family=SANS, size=10.5, after=0, align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(doc, "Table Note", family=SANS, size=9, color=RGBColor(0x59, 0x59, 0x59), before=2, after=10,
               align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(doc, "Figure", align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=0, keep_next=True)
    _paragraph(doc, "TOC Heading", family=SANS, size=16, bold=True, color=NAVY, after=12)
    toc1 = _paragraph(doc, "TOC 1", family=SANS, size=11, bold=True, before=6, after=2)
    toc2 = _paragraph(doc, "TOC 2", family=SANS, size=10, after=2)
    toc2.paragraph_format.left_indent = Cm(0.8)  # type: ignore[attr-defined]
    for toc in (toc1, toc2):  # page numbers flush right after a dotted leader
        toc.paragraph_format.tab_stops.add_tab_stop(  # type: ignore[attr-defined]
            Twips(11906 - 2 * 1361), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    _paragraph(doc, "Header", family=SANS, size=8.5, color=RGBColor(0x59, 0x59, 0x59), after=0)
    _paragraph(doc, "Footer", family=SANS, size=8.5, color=RGBColor(0x59, 0x59, 0x59), after=0)
    _paragraph(doc, "List Bullet", after=3)
    _table_style(doc)
    doc.core_properties.title = "disclosure report template"
    doc.core_properties.author = "disclosure"
    doc.core_properties.last_modified_by = "disclosure"
    doc.core_properties.created = doc.core_properties.modified = doc.core_properties.last_printed = FIXED
    doc.core_properties.revision = 1
    doc.core_properties.comments = ""
    return deterministic(doc, FIXED)


def main() -> None:
    from disclosure.resources import templates

    target = Path(str(templates().joinpath("report", "reference.docx")))
    target.write_bytes(reference())
    sys.stdout.write(f"{target}\n")


if __name__ == "__main__":
    main()


__all__ = ["FALLBACK", "SANS", "SERIF", "reference"]

