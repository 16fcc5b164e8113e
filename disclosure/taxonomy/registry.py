"""Our units that the XBRL Unit Type Registry does not have (the tonne of standard coal equivalent),
written in the UTR's own format (``cn-ghg-units.xml`` in the package).

Tools that merge registries, or run Arelle with ``--utrUrl`` on a registry that includes these entries,
then check ``cn-ghg:coalEquivalentItemType`` facts exactly as the UTR checks its own types. Our
filings do not depend on it: the formula assertions VR-UNIT-* enforce the allowed unit of every
numeric type with plain Arelle.
"""

from __future__ import annotations

from lxml import etree

from disclosure.taxonomy.definition import Definition
from disclosure.taxonomy.xml import XSI, e, serialise

UTR = "http://www.xbrl.org/2009/utr"


def unit_registry(d: Definition) -> bytes:
    root = etree.Element(f"{{{UTR}}}utr", nsmap={None: UTR, "xsi": XSI})
    root.set("lastUpdated", d.date)
    root.set("version", "1.0")
    root.set(f"{{{XSI}}}schemaLocation", f"{UTR} https://www.xbrl.org/utr/utr.xsd")
    units = e(root, f"{{{UTR}}}units")
    for n, unit in enumerate(d.units["registry"], start=1):
        u = e(units, f"{{{UTR}}}unit", {"id": f"cn{n:05d}"})
        e(u, f"{{{UTR}}}unitId", text=unit["id"])
        e(u, f"{{{UTR}}}unitName", text=unit["name"]["en"])
        e(u, f"{{{UTR}}}nsUnit", text=d.namespace)
        e(u, f"{{{UTR}}}itemType", text=unit["item_type"])
        e(u, f"{{{UTR}}}nsItemType", text=d.namespace)
        e(u, f"{{{UTR}}}itemTypeDate", text=d.date)
        e(u, f"{{{UTR}}}symbol", text=unit["symbol"])
        e(u, f"{{{UTR}}}definition", text=f"{unit['definition']['en']} {unit['definition']['zh-CN']}")
        e(u, f"{{{UTR}}}baseStandard", text="Non-SI")
        e(u, f"{{{UTR}}}status", text="REC")
        e(u, f"{{{UTR}}}versionDate", text=d.date)
    return serialise(root)
