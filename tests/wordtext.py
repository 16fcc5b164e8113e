"""A text dump of a .docx in body order (headings, paragraphs, bullets, tables, images), for golden
tests and for reading numbers back out of the Word report."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn

BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
READ = str.maketrans({"\u2011": "-", "\u2060": None, "\u200b": None, "\u00a0": " "})
"""Text as a reader reads it: a non-breaking hyphen is a hyphen, a word joiner or zero-width space nothing
(word/wrap.py: nobreak), a no-break space a space (the en index: document.joined)."""


def _text(el: object) -> str:
    return "".join(t.text or "" for t in el.iter(qn("w:t"))).translate(READ)  # type: ignore[attr-defined]


def dump(docx: bytes) -> str:
    doc = Document(io.BytesIO(docx))
    styles = {s.style_id: s.name for s in doc.styles}
    lines: list[str] = []
    for child in doc.element.body:
        if child.tag == qn("w:p"):
            ppr = child.find(qn("w:pPr"))
            style_el = ppr.find(qn("w:pStyle")) if ppr is not None else None
            style = styles.get(style_el.get(qn("w:val")), "") if style_el is not None else ""
            text = _text(child)
            if child.find(".//" + BLIP) is not None:
                lines.append("IMAGE")
            elif any(i.text and "TOC" in i.text for i in child.iter(qn("w:instrText"))):
                lines.append("TOC-FIELD")
            elif text.strip():
                kind = ("H" + style.split()[-1]) if style.startswith("Heading") else {
                    "Caption": "CAPTION", "List Bullet": "-", "Table Note": "NOTE", "Title": "TITLE",
                    "Subtitle": "SUBTITLE", "TOC 1": "TOC1", "TOC 2": "TOC2"}.get(style, "P")
                lines.append(f"{kind} {text}")
        elif child.tag == qn("w:tbl"):
            for row in child.iter(qn("w:tr")):
                cells = [_text(tc) for tc in row.iter(qn("w:tc"))]
                lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def tables(docx: bytes) -> dict[str, list[list[str]]]:
    """Each table's rows (header first) by the caption above it."""
    out: dict[str, list[list[str]]] = {}
    caption = ""
    doc = Document(io.BytesIO(docx))
    styles = {s.style_id: s.name for s in doc.styles}
    for child in doc.element.body:
        if child.tag == qn("w:p"):
            ppr = child.find(qn("w:pPr"))
            style_el = ppr.find(qn("w:pStyle")) if ppr is not None else None
            if style_el is not None and styles.get(style_el.get(qn("w:val"))) == "Caption":
                caption = _text(child)
        elif child.tag == qn("w:tbl"):
            out[caption] = [[_text(tc) for tc in row.iter(qn("w:tc"))] for row in child.iter(qn("w:tr"))]
    return out
