"""Inline XBRL 1.1 report (XHTML): every fact tagged once, laid out by taxonomy section.

Numbers are displayed the Chinese way (thousand separators, ``ixt:num-dot-decimal``), with ``scale``
where a figure is shown in 万元 or per 万元; dates in zh-CN as 2026年4月20日 (``ixt:date-year-month-day``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lxml import etree

from disclosure.model import Filing
from disclosure.taxonomy.definition import Definition, definition
from disclosure.taxonomy.xml import LINK, XLINK, XML_LANG, e
from disclosure.xbrl.facts import Fact
from disclosure.xbrl.instance import Contexts, entry_point, lexical, nsmap

XHTML = "http://www.w3.org/1999/xhtml"
IX = "http://www.xbrl.org/2013/inlineXBRL"
IXT = "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12"
H = f"{{{XHTML}}}"

WORDS = {
    "zh-CN": {"period": "期间", "value": "数值", "item": "项目", "yes": "是", "no": "否", "unit": "单位",
              "title": "温室气体排放信息披露（XBRL）"},
    "en": {"period": "Period", "value": "Value", "item": "Item", "yes": "Yes", "no": "No", "unit": "Unit",
           "title": "GHG emissions disclosure (XBRL)"},
}
UNIT_TEXT = {
    "zh-CN": {"tCO2e": "吨二氧化碳当量", "tce": "吨标准煤", "GJ": "吉焦", "CNY": "万元", "pure": "%",
              "tCO2e/CNY": "吨二氧化碳当量/万元"},
    "en": {"tCO2e": "tCO2e", "tce": "tce", "GJ": "GJ", "CNY": "CNY 10,000", "pure": "%",
           "tCO2e/CNY": "tCO2e per CNY 10,000"},
}
STYLE = """body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em;}
table{border-collapse:collapse;margin:0.5em 0 1.5em 0;}td,th{border:1px solid #999;padding:0.2em 0.5em;}
td.n{text-align:right;white-space:nowrap;}h1{font-size:1.5em;}h2{font-size:1.2em;margin-top:1.5em;}"""


def display_number(value: Decimal, decimals: int, scale: int) -> tuple[str, bool]:
    """The displayed text (thousand separators) and whether the value is negative."""
    shown = abs(value).scaleb(-scale)
    places = max(decimals + scale, 0)
    return f"{shown:,.{places}f}", value < 0


def _unit_text(f: Fact, lang: str) -> str:
    if f.unit is None:
        return ""
    if f.unit == "pure":
        return "%" if f.scale == -2 else ""
    if f.unit == "tCO2e" and f.scale == 4:
        return "万吨二氧化碳当量" if lang == "zh-CN" else "10k tCO2e"
    known = UNIT_TEXT[lang].get(f.unit)
    if known:
        return known
    return f.unit.replace("tCO2e", UNIT_TEXT[lang]["tCO2e"])


def _period(f: Fact, lang: str) -> str:
    start, end = f.period
    if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31 and start.year == end.year:
        return f"{start.year}年度" if lang == "zh-CN" else f"FY{start.year}"
    return f"{start.isoformat()} – {end.isoformat()}"


def _assign(d: Definition, facts: list[Fact]) -> dict[str, list[Fact]]:
    """Each fact to the first section whose concepts and axes fit it."""
    sections: dict[str, list[Fact]] = {r.key: [] for r in d.roles}
    members = {role.key: role.concepts for role in d.roles}
    for f in facts:
        axes = {a for a, _ in f.explicit} | {a for a, _ in f.typed}
        for role in d.roles:
            role_axes = set(role.table["axes"]) if role.table else set()
            defaulted = all(not d.axes[a].typed for a in role_axes - axes)
            if f.concept in members[role.key] and axes <= role_axes and defaulted:
                sections[role.key].append(f)
                break
        else:
            raise ValueError(f"fact {f.concept} {sorted(axes)} fits no section")
    return sections


class _Writer:
    def __init__(self, d: Definition, ctx: Contexts, lang: str, hidden: etree._Element) -> None:
        self.d = d
        self.ctx = ctx
        self.lang = lang
        self.hidden = hidden
        self.n = 0

    def tag(self, parent: etree._Element, f: Fact) -> None:
        self.n += 1
        name = f"{self.d.prefix}:{f.concept}"
        attrs = {"name": name, "contextRef": self.ctx.context(f), "id": f"f{self.n}"}
        if f.enum:
            # The value is a list of member URIs: the fact sits in ix:hidden and the reader sees the members'
            # labels, linked to it by -ix-hidden (as ESEF's -esef-ix-hidden) so viewers highlight it.
            e(self.hidden, f"{{{IX}}}nonNumeric", attrs, lexical(f))
            sep = "、" if self.lang == "zh-CN" else ", "
            e(parent, f"{H}span", {"style": f"-ix-hidden:{attrs['id']}"},
              sep.join(self.label(m) for m in f.enum))
            return
        if f.unit is not None:
            assert isinstance(f.value, Decimal) and f.decimals is not None
            text, negative = display_number(f.value, f.decimals, f.scale)
            attrs.update({"unitRef": self.ctx.units[f.unit], "decimals": str(f.decimals),
                          "format": "ixt:num-dot-decimal"})
            if f.scale:
                attrs["scale"] = str(f.scale)
            if negative:
                attrs["sign"] = "-"
                parent.text = (parent.text or "") + "-"
            e(parent, f"{{{IX}}}nonFraction", attrs, text)
            return
        if isinstance(f.value, bool):
            attrs["format"] = "ixt:fixed-true" if f.value else "ixt:fixed-false"
            e(parent, f"{{{IX}}}nonNumeric", attrs, WORDS[self.lang]["yes" if f.value else "no"])
            return
        if isinstance(f.value, date) and self.lang == "zh-CN":
            attrs["format"] = "ixt:date-year-month-day"
            v = f.value
            e(parent, f"{{{IX}}}nonNumeric", attrs, f"{v.year}年{v.month}月{v.day}日")
            return
        if f.html:
            attrs["escape"] = "true"
            el = e(parent, f"{{{IX}}}nonNumeric", attrs)
            fragment = etree.fromstring(f'<div xmlns="{XHTML}">{f.value}</div>')
            el.append(fragment)
            return
        if f.lang and f.lang != self.lang:
            attrs[XML_LANG] = f.lang
        e(parent, f"{{{IX}}}nonNumeric", attrs, lexical(f.value))

    def label(self, concept: str) -> str:
        return self.d.concept(concept).label[self.lang]

    def member_label(self, f: Fact) -> str:
        parts = [self.label(m) for _, m in f.explicit] + [v for _, v in f.typed]
        return " / ".join(parts)


def inline(filing: Filing, facts: list[Fact], lang: str) -> bytes:
    """The Inline XBRL document."""
    d = definition()
    words = WORDS[lang]
    ns: dict[str | None, str] = {None: XHTML, "ix": IX, "ixt": IXT}
    ns.update({k: v for k, v in nsmap(d).items() if k is not None})
    html = etree.Element(f"{H}html", nsmap=ns)
    html.set(XML_LANG, lang)
    head = e(html, f"{H}head")
    e(head, f"{H}meta", {"http-equiv": "Content-Type", "content": "text/html; charset=UTF-8"})
    title = f"{filing.entity.name.get(lang)} {filing.report.fiscal_year} {words['title']}"
    e(head, f"{H}title", text=title)
    e(head, f"{H}style", {"type": "text/css"}, STYLE)
    body = e(html, f"{H}body")
    hidden = e(body, f"{H}div", {"style": "display:none"})
    header = e(hidden, f"{{{IX}}}header")
    hidden_facts = e(header, f"{{{IX}}}hidden")
    refs = e(header, f"{{{IX}}}references")
    e(refs, f"{{{LINK}}}schemaRef", {f"{{{XLINK}}}type": "simple", f"{{{XLINK}}}href": entry_point(filing)})
    resources = e(header, f"{{{IX}}}resources")
    ctx = Contexts(facts)
    ctx.write(resources, filing, d)
    e(body, f"{H}h1", text=title)
    w = _Writer(d, ctx, lang, hidden_facts)
    sections = _assign(d, facts)
    for role in d.roles:
        found = sections[role.key]
        if not found:
            continue
        label = role.label[lang].split("] ", 1)[-1]
        e(body, f"{H}h2", {"id": f"s{role.id}"}, label)
        text_facts = [f for f in found if f.html]
        for f in text_facts:
            e(body, f"{H}h3", text=w.label(f.concept))
            w.tag(e(body, f"{H}div"), f)
        rows = [f for f in found if not f.html]
        if not rows:
            continue
        table = e(body, f"{H}table")
        head_row = e(e(table, f"{H}thead"), f"{H}tr")
        for text in (words["item"], words["period"], words["value"], words["unit"]):
            e(head_row, f"{H}th", text=text)
        tbody = e(table, f"{H}tbody")
        for f in rows:
            tr = e(tbody, f"{H}tr")
            member = w.member_label(f)
            e(tr, f"{H}td", text=w.label(f.concept) + (f"（{member}）" if member and lang == "zh-CN" else
                                                        f" ({member})" if member else ""))
            e(tr, f"{H}td", text=_period(f, lang))
            w.tag(e(tr, f"{H}td", {"class": "n" if f.unit else "t"}), f)
            e(tr, f"{H}td", text=_unit_text(f, lang))
    if len(hidden_facts) == 0:
        header.remove(hidden_facts)  # ix:hidden must not be empty
    etree.indent(html, space=" ")
    body_bytes: bytes = etree.tostring(html, encoding="UTF-8")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body_bytes

