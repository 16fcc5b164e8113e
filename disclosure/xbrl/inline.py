"""Inline XBRL 1.1: the annual GHG disclosure report itself as XHTML, every fact tagged once.

The document is the Word report's blocks (:func:`disclosure.word.blocks`) laid out as XHTML
(:mod:`disclosure.xbrl.report_html`): the same cover, chapters, tables, figures and index, so what the
board approved is what the regulator reads. Where the report prints a fact, the printed text is tagged
(:mod:`disclosure.xbrl.placing` decides where); a fact the report does not print sits in ``ix:hidden``,
so the document carries exactly the facts of the XBRL instance.

Numbers are displayed the Chinese way (thousand separators, ``ixt:num-dot-decimal``), with ``scale``
where a figure is shown in 万元 or 万吨; dates as 2026年4月20日 (``ixt:date-year-month-day``) or
20 April 2026 (``ixt:date-day-monthname-year-en``); coded values as their members' labels, linked to the
hidden enumeration fact by ``-ix-hidden``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from lxml import etree

from disclosure.model import Filing
from disclosure.taxonomy.definition import Definition, definition
from disclosure.taxonomy.xml import LINK, XLINK, XML_LANG, e
from disclosure.xbrl.facts import Fact
from disclosure.xbrl.instance import Contexts, entry_point, lexical, nsmap

if TYPE_CHECKING:
    from disclosure.word.document import Block

XHTML = "http://www.w3.org/1999/xhtml"
IX = "http://www.xbrl.org/2013/inlineXBRL"
IXT = "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12"
H = f"{{{XHTML}}}"

WORDS = {"zh-CN": {"yes": "是", "no": "否"}, "en": {"yes": "Yes", "no": "No"}}


def display_number(value: Decimal, decimals: int, scale: int) -> tuple[str, bool]:
    """The displayed text (thousand separators) and whether the value is negative."""
    shown = abs(value).scaleb(-scale)
    places = max(decimals + scale, 0)
    return f"{shown:,.{places}f}", value < 0


def date_display(value: date, lang: str) -> str:
    """A date as the report prints it (2026年4月16日; 16 April 2026)."""
    if lang == "zh-CN":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {value.strftime('%B')} {value.year}"


class Tagger:
    """Makes the ix elements of facts: shown in the report's text, or hidden."""

    def __init__(self, d: Definition, ctx: Contexts, lang: str, hidden: etree._Element) -> None:
        self.d = d
        self.ctx = ctx
        self.lang = lang
        self.hidden = hidden
        self.n = 0
        self.ids: dict[Fact, str] = {}

    def _attrs(self, f: Fact) -> dict[str, str]:
        self.n += 1
        self.ids[f] = f"f{self.n}"
        return {"name": f"{self.d.prefix}:{f.concept}", "contextRef": self.ctx.context(f), "id": f"f{self.n}"}

    def number(self, parent: etree._Element, f: Fact) -> etree._Element:
        """``ix:nonFraction`` with the displayed number (its minus sign, if any, is the caller's text)."""
        assert isinstance(f.value, Decimal) and f.decimals is not None and f.unit is not None
        text, negative = display_number(f.value, f.decimals, f.scale)
        attrs = self._attrs(f)
        attrs.update({"unitRef": self.ctx.units[f.unit], "decimals": str(f.decimals), "format": "ixt:num-dot-decimal"})
        if f.scale:
            attrs["scale"] = str(f.scale)
        if negative:
            attrs["sign"] = "-"
        return e(parent, f"{{{IX}}}nonFraction", attrs, text)

    def text(self, parent: etree._Element, f: Fact, shown: str) -> etree._Element:
        """``ix:nonNumeric`` around printed text: a string (its own language when it differs) or a date."""
        attrs = self._attrs(f)
        if isinstance(f.value, date):
            attrs["format"] = "ixt:date-year-month-day" if self.lang == "zh-CN" else "ixt:date-day-monthname-year-en"
        elif f.html:
            attrs["escape"] = "true"
        if f.lang and not isinstance(f.value, date):  # stated: Arelle does not inherit it into facts
            attrs[XML_LANG] = f.lang
        return e(parent, f"{{{IX}}}nonNumeric", attrs, shown)

    def flag(self, parent: etree._Element, f: Fact, shown: str) -> etree._Element:
        """A boolean printed as 是/否 (Yes/No): ``ixt:fixed-true`` / ``ixt:fixed-false``."""
        attrs = self._attrs(f)
        attrs["format"] = "ixt:fixed-true" if f.value else "ixt:fixed-false"
        return e(parent, f"{{{IX}}}nonNumeric", attrs, shown)

    def block(self, parent: etree._Element, f: Fact) -> etree._Element:
        """An empty escaped ``ix:nonNumeric`` (a text block) for the caller to fill with the printed blocks."""
        attrs = self._attrs(f)
        attrs["escape"] = "true"
        if f.lang:
            attrs[XML_LANG] = f.lang
        return e(parent, f"{{{IX}}}nonNumeric", attrs)

    def hide(self, f: Fact) -> str:
        """The fact in ``ix:hidden``; returns its id (for ``-ix-hidden`` on what shows it)."""
        if f.unit is not None:
            self.number(self.hidden, f)
            return self.ids[f]
        attrs = self._attrs(f)
        if f.enum:
            e(self.hidden, f"{{{IX}}}nonNumeric", attrs, lexical(f))
        elif isinstance(f.value, bool):
            self.n -= 1
            self.flag(self.hidden, f, WORDS[self.lang]["yes" if f.value else "no"])
        elif isinstance(f.value, date):
            self.n -= 1
            self.text(self.hidden, f, date_display(f.value, self.lang))
        elif f.html:
            attrs["escape"] = "true"
            if f.lang:
                attrs[XML_LANG] = f.lang
            el = e(self.hidden, f"{{{IX}}}nonNumeric", attrs)
            el.append(etree.fromstring(f'<div xmlns="{XHTML}">{f.value}</div>'))
        else:  # Arelle does not inherit xml:lang into ix:hidden: a string states its language
            if f.lang:
                attrs[XML_LANG] = f.lang
            e(self.hidden, f"{{{IX}}}nonNumeric", attrs, lexical(f.value))
        return self.ids[f]


def inline(filing: Filing, facts: list[Fact], lang: str, blocks: Sequence[Block]) -> bytes:
    """The Inline XBRL report: ``blocks`` (the Word report's) as XHTML, ``facts`` tagged where they are
    printed and hidden where they are not."""
    from disclosure.xbrl import report_html
    from disclosure.xbrl.placing import place

    d = definition()
    ns: dict[str | None, str] = {None: XHTML, "ix": IX, "ixt": IXT}
    ns.update({k: v for k, v in nsmap(d).items() if k is not None})
    html = etree.Element(f"{H}html", nsmap=ns)
    html.set(XML_LANG, lang)
    head = e(html, f"{H}head")
    e(head, f"{H}meta", {"http-equiv": "Content-Type", "content": "text/html; charset=UTF-8"})
    e(head, f"{H}title", text=filing.report.title.get(lang))
    e(head, f"{H}style", {"type": "text/css"}, report_html.STYLE)
    body = e(html, f"{H}body")
    header_div = e(body, f"{H}div", {"style": "display:none"})
    header = e(header_div, f"{{{IX}}}header")
    hidden = e(header, f"{{{IX}}}hidden")
    refs = e(header, f"{{{IX}}}references")
    e(refs, f"{{{LINK}}}schemaRef", {f"{{{XLINK}}}type": "simple", f"{{{XLINK}}}href": entry_point(filing)})
    resources = e(header, f"{{{IX}}}resources")
    ctx = Contexts(facts)
    ctx.write(resources, filing, d)
    tagger = Tagger(d, ctx, lang, hidden)
    placement = place(list(blocks), facts, lang)
    # Hidden facts first (in fact order), so a label that shows an enumeration can point at its id.
    for f in facts:
        if f not in placement.shown:
            tagger.hide(f)
    report_html.write(body, list(blocks), placement, tagger, lang)
    if len(hidden) == 0:
        header.remove(hidden)  # ix:hidden must not be empty
    # Only the head and the hidden header are indented: whitespace in the report's text would print.
    etree.indent(head, space=" ", level=1)
    etree.indent(header_div, space=" ", level=2)
    html.text, head.tail = "\n", "\n"
    body_bytes: bytes = etree.tostring(html, encoding="UTF-8")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body_bytes
