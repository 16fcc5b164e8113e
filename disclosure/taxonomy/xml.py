"""Namespaces and small lxml helpers shared by the taxonomy and instance writers."""

from __future__ import annotations

from lxml import etree

XS = "http://www.w3.org/2001/XMLSchema"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XBRLI = "http://www.xbrl.org/2003/instance"
LINK = "http://www.xbrl.org/2003/linkbase"
XLINK = "http://www.w3.org/1999/xlink"
XBRLDT = "http://xbrl.org/2005/xbrldt"
XBRLDI = "http://xbrl.org/2006/xbrldi"
DTR = "http://www.xbrl.org/dtr/type/2024-01-31"
UTR = "http://www.xbrl.org/2009/utr"
ISO4217 = "http://www.xbrl.org/2003/iso4217"
XBRLI_XSD = "http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd"
LINK_XSD = "http://www.xbrl.org/2003/xbrl-linkbase-2003-12-31.xsd"
XBRLDT_XSD = "http://www.xbrl.org/2005/xbrldt-2005.xsd"
DTR_XSD = "https://www.xbrl.org/dtr/type/2024-01-31/types.xsd"
ENUM2 = "http://xbrl.org/2020/extensible-enumerations-2.0"
ENUM2_XSD = "https://www.xbrl.org/2020/extensible-enumerations-2.0.xsd"
GEN = "http://xbrl.org/2008/generic"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

NS = {"xs": XS, "xbrli": XBRLI, "link": LINK, "xlink": XLINK, "xbrldt": XBRLDT, "xbrldi": XBRLDI,
      "dtr-types": DTR, "utr": UTR, "iso4217": ISO4217}


def e(parent: etree._Element, tag: str, attrs: dict[str, str] | None = None, text: str | None = None) -> etree._Element:
    """Append a child element with attributes and text."""
    el = etree.SubElement(parent, tag, attrs or {})
    if text is not None:
        el.text = text
    return el


def linkbase(extra: dict[str, str] | None = None) -> etree._Element:
    nsmap = {"link": LINK, "xlink": XLINK, "xsi": XSI, "xbrldt": XBRLDT, **(extra or {})}
    root = etree.Element(f"{{{LINK}}}linkbase", nsmap=nsmap)
    root.set(f"{{{XSI}}}schemaLocation", f"{LINK} {LINK_XSD}")
    return root


def loc(link: etree._Element, href: str, label: str) -> None:
    e(link, f"{{{LINK}}}loc", {f"{{{XLINK}}}type": "locator", f"{{{XLINK}}}href": href, f"{{{XLINK}}}label": label})


def arc(link: etree._Element, tag: str, arcrole: str, frm: str, to: str, order: int | None = None,
        extra: dict[str, str] | None = None, ns: str = LINK) -> etree._Element:
    attrs = {f"{{{XLINK}}}type": "arc", f"{{{XLINK}}}arcrole": arcrole, f"{{{XLINK}}}from": frm,
             f"{{{XLINK}}}to": to}
    if order is not None:
        attrs["order"] = str(order)
    attrs.update(extra or {})
    return e(link, f"{{{ns}}}{tag}", attrs)


def serialise(root: etree._Element) -> bytes:
    etree.indent(root, space="  ")
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data
