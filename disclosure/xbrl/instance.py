"""XBRL 2.1 instance (``.xbrl``) from facts; contexts and units shared with the Inline XBRL writer."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from lxml import etree

from disclosure.model import Filing
from disclosure.taxonomy.definition import Definition, definition
from disclosure.taxonomy.xml import ISO4217, LINK, UTR, XBRLDI, XBRLI, XLINK, XML_LANG, XSI, e, serialise
from disclosure.xbrl.facts import PRODUCT_UNITS, Fact

ContextKey = tuple[tuple[date, date], tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]

BASE_UNITS = {"tCO2e": "utr:tCO2e", "tce": "{prefix}:tce", "GJ": "utr:GJ", "CNY": "iso4217:CNY", "pure": "xbrli:pure"}


def measure(unit: str, prefix: str) -> str:
    if unit in BASE_UNITS:
        return BASE_UNITS[unit].format(prefix=prefix)
    if unit in PRODUCT_UNITS:
        return PRODUCT_UNITS[unit]
    return f"{prefix}:" + re.sub(r"[^A-Za-z0-9_]", "_", unit)


def unit_id(key: str) -> str:
    return "u_" + re.sub(r"[^A-Za-z0-9_]", "_", key.replace("/", "_per_"))


def lexical(value: object) -> str:
    if isinstance(value, Fact):
        return definition().enum_value(value.enum) if value.enum else lexical(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class Contexts:
    """Context and unit ids in order of first use (deterministic)."""

    def __init__(self, facts: list[Fact]) -> None:
        self.contexts: dict[ContextKey, str] = {}
        self.units: dict[str, str] = {}
        for f in facts:
            if f.context_key not in self.contexts:
                self.contexts[f.context_key] = f"c{len(self.contexts) + 1}"
            if f.unit is not None and f.unit not in self.units:
                self.units[f.unit] = unit_id(f.unit)

    def context(self, f: Fact) -> str:
        return self.contexts[f.context_key]

    def write(self, parent: etree._Element, filing: Filing, d: Definition) -> None:
        ns = d.namespace
        for key, cid in self.contexts.items():
            (start, end), explicit, typed = key
            ctx = e(parent, f"{{{XBRLI}}}context", {"id": cid})
            ent = e(ctx, f"{{{XBRLI}}}entity")
            e(ent, f"{{{XBRLI}}}identifier", {"scheme": d.meta["scheme_uscc"]}, filing.entity.uscc)
            period = e(ctx, f"{{{XBRLI}}}period")
            e(period, f"{{{XBRLI}}}startDate", text=start.isoformat())
            e(period, f"{{{XBRLI}}}endDate", text=end.isoformat())
            if explicit or typed:
                scen = e(ctx, f"{{{XBRLI}}}scenario")
                for axis, member in sorted(explicit):
                    e(scen, f"{{{XBRLDI}}}explicitMember", {"dimension": f"{d.prefix}:{axis}"}, f"{d.prefix}:{member}")
                for axis, value in sorted(typed):
                    tm = e(scen, f"{{{XBRLDI}}}typedMember", {"dimension": f"{d.prefix}:{axis}"})
                    e(tm, f"{{{ns}}}{d.axes[axis].typed}", text=value)
        for unit_key, uid in self.units.items():
            unit = e(parent, f"{{{XBRLI}}}unit", {"id": uid})
            if "/" in unit_key:
                num, den = unit_key.split("/", 1)
                div = e(unit, f"{{{XBRLI}}}divide")
                e(e(div, f"{{{XBRLI}}}unitNumerator"), f"{{{XBRLI}}}measure", text=measure(num, d.prefix))
                e(e(div, f"{{{XBRLI}}}unitDenominator"), f"{{{XBRLI}}}measure", text=measure(den, d.prefix))
            else:
                e(unit, f"{{{XBRLI}}}measure", text=measure(unit_key, d.prefix))


EXCHANGE_ENTRY_POINTS = {"sse-no14": "sse", "szse-no17": "szse", "bse-no11": "bse"}


def entry_point(filing: Filing) -> str:
    """The entry point a filing is submitted through: its exchange's, by its basis of preparation (the
    full one when it names none, or more than one)."""
    keys = {EXCHANGE_ENTRY_POINTS[b.value] for b in filing.report.bases if b.value in EXCHANGE_ENTRY_POINTS}
    return definition().entry_point_url(keys.pop() if len(keys) == 1 else "all")


def nsmap(d: Definition) -> dict[str | None, str]:
    return {"xbrli": XBRLI, "link": LINK, "xlink": XLINK, "xbrldi": XBRLDI, "iso4217": ISO4217, "utr": UTR,
            "xsi": XSI, d.prefix: d.namespace}


def instance(filing: Filing, facts: list[Fact], lang: str) -> bytes:
    """The XBRL 2.1 instance document."""
    d = definition()
    root = etree.Element(f"{{{XBRLI}}}xbrl", nsmap=nsmap(d))
    root.set(XML_LANG, lang)
    e(root, f"{{{LINK}}}schemaRef", {f"{{{XLINK}}}type": "simple", f"{{{XLINK}}}href": entry_point(filing)})
    ctx = Contexts(facts)
    ctx.write(root, filing, d)
    for n, f in enumerate(facts, start=1):
        attrs = {"contextRef": ctx.context(f), "id": f"f{n}"}
        if f.unit is not None:
            attrs["unitRef"] = ctx.units[f.unit]
            attrs["decimals"] = str(f.decimals)
        if f.lang and f.lang != lang:
            attrs[XML_LANG] = f.lang
        e(root, f"{{{d.namespace}}}{f.concept}", attrs, lexical(f))
    return serialise(root)
