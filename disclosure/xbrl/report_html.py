"""The report's blocks as XHTML: cover, table of contents (links), chapters, tables with captions and
notes, figures (embedded PNG), the disclosure index (section links instead of page numbers), styled for
screen and for print (A4, a page break before each chapter). Facts are tagged where
:mod:`disclosure.xbrl.placing` found them.

Only XHTML 1.1 elements (what the Inline XBRL schema allows): no HTML5 sectioning elements."""

from __future__ import annotations

import base64

from lxml import etree

from disclosure.taxonomy.xml import XML_LANG, e
from disclosure.word.document import Block, Bullets, Heading, Image, PageBreak, Para, Table, Toc, column_widths, dense
from disclosure.xbrl.inline import H, Tagger
from disclosure.xbrl.placing import Placement, Slot, plain

STYLE = """
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun","Noto Sans CJK SC",serif;font-size:11pt;
line-height:1.6;color:#1a1a1a;max-width:48em;margin:2em auto;padding:0 1.5em;}
h1,h2,h3{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;color:#0b3d5c;
line-height:1.3;}
h1{font-size:1.6em;margin:2.2em 0 0.8em 0;border-bottom:2px solid #0b3d5c;padding-bottom:0.2em;}
h2{font-size:1.25em;margin:1.6em 0 0.6em 0;}h3{font-size:1.05em;margin:1.2em 0 0.4em 0;}
p{margin:0.5em 0;text-align:justify;}ul{margin:0.4em 0 0.8em 0;padding-left:1.6em;}
.cover{text-align:center;padding:6em 0 4em 0;}.cover .title{font-size:2em;font-weight:bold;color:#0b3d5c;
margin-bottom:1.2em;text-align:center;}.cover .subtitle{font-size:1.4em;text-align:center;}
.cover .line{text-align:center;color:#444;}
.toc .toc-title{font-size:1.4em;font-weight:bold;text-align:center;}.toc ul{list-style:none;padding-left:0;}
.toc li.l2{padding-left:2em;}.toc a{color:#1a1a1a;text-decoration:none;}.toc a:hover{text-decoration:underline;}
table{border-collapse:collapse;width:100%;margin:0.6em 0 0.4em 0;font-size:9pt;table-layout:fixed;}
table.dense{font-size:7.5pt;}
caption{font-weight:bold;text-align:center;padding:0.3em;caption-side:top;}
th{background:#dde7ee;border:1px solid #8aa1b1;padding:0.25em 0.4em;text-align:center;}
td{border:1px solid #8aa1b1;padding:0.25em 0.4em;vertical-align:top;}td.n{text-align:right;white-space:nowrap;}
tr.em td{font-weight:bold;}p.note{font-size:9pt;color:#444;margin-top:0;}
.figure{text-align:center;margin:1em 0;}.figure img{max-width:100%;}.figure p{text-align:center;font-size:9pt;
font-weight:bold;}
a{color:#0b5c8c;}
@media print{
@page{size:A4;margin:2.5cm 2cm 2.2cm 2cm;}
body{max-width:none;margin:0;padding:0;font-size:10.5pt;}
h1{page-break-before:always;}.cover{padding-top:8cm;}.toc{page-break-after:always;}
.pagebreak{page-break-after:always;}h1,h2,h3,caption{page-break-after:avoid;}
tr,.figure{page-break-inside:avoid;}thead{display:table-header-group;}a{color:inherit;text-decoration:none;}
}
"""

COVER = {"Title": "title", "Subtitle": "subtitle", "Cover Line": "line"}


def _ident(bookmark: str) -> str:
    return bookmark.removeprefix("_Ref_")


def _cjk(text: str) -> int:
    return sum(1 for ch in text if ord(ch) >= 0x2E80)


def _latin(text: str) -> int:
    return sum(1 for ch in text if ch.isascii() and ch.isalpha())


def other_language(text: str, lang: str) -> str | None:
    """``en`` for an English text in a Chinese report (and ``zh-CN`` for a Chinese one in an English
    report), so xml:lang is right on the element that holds it."""
    if lang == "zh-CN" and _latin(text) >= 3 and not _cjk(text):
        return "en"
    if lang == "en" and _cjk(text) > _latin(text):
        return "zh-CN"
    return None


def _append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


class Writer:
    def __init__(self, placement: Placement, tagger: Tagger, lang: str) -> None:
        self.placement = placement
        self.tagger = tagger
        self.lang = lang

    def text(self, parent: etree._Element, slot: Slot, marked: str) -> None:
        """``marked`` (``**bold**`` spans) into ``parent``, facts tagged at their spans."""
        printed, bold = plain(marked)
        spans = sorted(self.placement.spans.get(slot, []), key=lambda s: s.start)
        cuts = sorted({0, len(printed), *(p for b in bold for p in b)})
        for a, b in zip(cuts, cuts[1:], strict=False):
            into = e(parent, f"{H}b") if any(b0 <= a and b <= b1 for b0, b1 in bold) else parent
            pos = a
            for s in spans:
                if a <= s.start and s.end <= b:
                    _append_text(into, printed[pos:s.start])
                    self._tag(into, s.fact, printed[s.start:s.end], s.hidden)
                    pos = s.end
            _append_text(into, printed[pos:b])
        lang = other_language(printed, self.lang)
        if lang:
            parent.set(XML_LANG, lang)

    def _tag(self, parent: etree._Element, fact: object, shown: str, hidden: bool) -> None:
        from disclosure.xbrl.facts import Fact

        assert isinstance(fact, Fact)
        if hidden:
            e(parent, f"{H}span", {"style": f"-ix-hidden:{self.tagger.ids[fact]}"}, shown)
        elif fact.unit is not None:
            self.tagger.number(parent, fact)
        elif isinstance(fact.value, bool):
            self.tagger.flag(parent, fact, shown)
        else:
            self.tagger.text(parent, fact, shown)

    def blocks(self, body: etree._Element, blocks: list[Block]) -> None:
        ids = [_ident(b.bookmark) for b in blocks if isinstance(b, Heading) and b.level <= 2 and b.bookmark]
        cover: etree._Element | None = None
        parent = body
        end_run = -1
        for i, b in enumerate(blocks):
            if i in self.placement.runs:
                end_run, fact = self.placement.runs[i]
                wrapper = e(body, f"{H}div", {"class": "textblock"})
                parent = self.tagger.block(wrapper, fact)
            if isinstance(b, Para) and b.style in COVER:
                if cover is None:
                    cover = e(body, f"{H}div", {"class": "cover"})
                self.text(e(cover, f"{H}p", {"class": COVER[b.style]}), (i,), b.text)
            else:
                cover = None
                self.block(parent, i, b, ids)
            if i == end_run:
                parent = body
        for el in body.iter():
            if el.tag in {f"{H}{t}" for t in ("p", "h1", "h2", "h3", "table", "div", "ul", "li", "tr")}:
                el.tail = (el.tail or "") + "\n" if not (el.tail or "").strip() else el.tail

    def block(self, parent: etree._Element, i: int, b: Block, ids: list[str]) -> None:
        if isinstance(b, Heading):
            attrs = {"id": _ident(b.bookmark)} if b.bookmark else {}
            e(parent, f"{H}h{min(b.level, 6)}", attrs, b.text)
        elif isinstance(b, Para):
            self.text(e(parent, f"{H}p", {"class": b.style.lower().replace(" ", "-")} if b.style else {}), (i,), b.text)
        elif isinstance(b, Bullets):
            ul = e(parent, f"{H}ul")
            for n, item in enumerate(b.items):
                self.text(e(ul, f"{H}li"), (i, n), item)
        elif isinstance(b, Table):
            self.table(parent, i, b)
        elif isinstance(b, Image):
            div = e(parent, f"{H}div", {"class": "figure"})
            source = "data:image/png;base64," + base64.b64encode(b.png).decode("ascii")
            e(div, f"{H}img", {"src": source, "alt": b.caption, "style": f"width:{b.width_cm:g}cm"})
            e(div, f"{H}p", text=b.caption)
        elif isinstance(b, Toc):
            self.toc(parent, b, ids)
        elif isinstance(b, PageBreak):
            e(parent, f"{H}div", {"class": "pagebreak"}, "")

    def toc(self, parent: etree._Element, b: Toc, ids: list[str]) -> None:
        div = e(parent, f"{H}div", {"class": "toc"})
        e(div, f"{H}p", {"class": "toc-title"}, b.title)
        ul = e(div, f"{H}ul")
        for (level, text), ident in zip(b.entries, ids, strict=False):
            e(e(ul, f"{H}li", {"class": f"l{level}"}), f"{H}a", {"href": f"#{ident}"}, text)

    def table(self, parent: etree._Element, i: int, b: Table) -> None:
        links = {(r, c): _ident(mark) for r, c, mark in b.pagerefs}
        dropped = {c for _, c in links}
        table = e(parent, f"{H}table", {"class": "dense"} if dense(b) else {})
        e(table, f"{H}caption", text=b.caption)
        kept = [(c, w) for c, w in enumerate(column_widths(b)) if c not in dropped]
        group = e(table, f"{H}colgroup")
        for _, width in kept:  # the Word report's widths: long words and numbers never break
            e(group, f"{H}col", {"style": f"width:{width * 100 / sum(w for _, w in kept):.1f}%"})
        head = e(e(table, f"{H}thead"), f"{H}tr")
        for c, text in enumerate(b.headers):
            if c not in dropped:
                e(head, f"{H}th", text=text)
        body = e(table, f"{H}tbody")
        for r, row in enumerate(b.rows):
            tr = e(body, f"{H}tr", {"class": "em"} if r in b.emphasis else {})
            for c, cell in enumerate(row):
                if c in dropped:
                    continue
                td = e(tr, f"{H}td", {"class": "n"} if c in b.numeric else {})
                target = links.get((r, c + 1))
                if target:  # the index: the place links to its section instead of a page number
                    td = e(td, f"{H}a", {"href": f"#{target}"})
                self.text(td, (i, r, c), cell)
        if b.note:
            e(parent, f"{H}p", {"class": "note"}, b.note)


def write(body: etree._Element, blocks: list[Block], placement: Placement, tagger: Tagger, lang: str) -> None:
    """The report's ``blocks`` into ``body``."""
    Writer(placement, tagger, lang).blocks(body, blocks)


__all__ = ["STYLE", "write"]
