"""Write the cn-ghg taxonomy package files (schemas, linkbases, metadata) from its definition, with lxml.

``files()`` returns every file of the package as bytes by its path inside the package folder; the
output is deterministic (same definition, same bytes). The committed copy under
``taxonomies/<folder>/`` is kept equal to it by a test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from lxml import etree

from disclosure.taxonomy import linkbases
from disclosure.taxonomy.definition import TYPES, Concept, Definition, definition
from disclosure.taxonomy.formula import formula_linkbase
from disclosure.taxonomy.registry import unit_registry
from disclosure.taxonomy.xml import (
    DTR,
    DTR_XSD,
    ENUM2,
    ENUM2_XSD,
    LINK,
    LINK_XSD,
    NS,
    XBRLDT,
    XBRLDT_XSD,
    XBRLI,
    XBRLI_XSD,
    XLINK,
    XML_LANG,
    XS,
    e,
    serialise,
)

TP = "http://xbrl.org/2016/taxonomy-package"
CAT = "urn:oasis:names:tc:entity:xmlns:xml:catalog"
LINKBASE_ARC = "http://www.w3.org/1999/xlink/properties/linkbase"
CUSTOM_TYPES = ("coalEquivalentItemType", "ghgEmissionsPerProductItemType", "productionQuantityItemType",
                "coalEquivalentPerMonetaryItemType", "coalEquivalentPerProductItemType", "carbonPricePerTonneItemType")
"""Our numeric item types (restrictions of xbrli:decimalItemType); their units: docs/taxonomy.md."""


def files(d: Definition | None = None) -> dict[str, bytes]:
    """Every file of the taxonomy package, by its path inside the package's top-level folder."""
    d = d or definition()
    base, p = d.date, d.prefix
    out = {
        "META-INF/taxonomyPackage.xml": _package_metadata(d),
        "META-INF/catalog.xml": _catalog(d),
        f"{base}/{p}-cor.xsd": _core_schema(d),
        f"{base}/{p}-lab-zh.xml": linkbases.labels(d, "zh-CN"),
        f"{base}/{p}-lab-en.xml": linkbases.labels(d, "en"),
        f"{base}/{p}-gla.xml": linkbases.role_labels(d),
        f"{base}/{p}-ref.xml": linkbases.references(d, None),
        f"{base}/{p}-pre.xml": linkbases.presentation(d),
        f"{base}/{p}-def.xml": linkbases.definitions(d),
        f"{base}/{p}-cal.xml": linkbases.calculation(d),
        f"{base}/{p}-for.xml": serialise(formula_linkbase(d, None)),
        f"{base}/{p}-units.xml": unit_registry(d),
    }
    for key, entry in d.entry_points.items():
        out[f"{base}/{p}-{key}.xsd"] = _entry_schema(d, key)
        if key != "all":
            out[f"{base}/{p}-ref-{key}.xml"] = linkbases.references(d, entry.sources)
            out[f"{base}/{p}-for-{key}.xml"] = serialise(formula_linkbase(d, key))
    return dict(sorted(out.items()))


# --- package metadata -------------------------------------------------------------------------

def _package_metadata(d: Definition) -> bytes:
    m = d.meta
    root = etree.Element(f"{{{TP}}}taxonomyPackage", nsmap={"tp": TP})
    root.set(XML_LANG, "zh-CN")
    e(root, f"{{{TP}}}identifier", text=d.base_url.rstrip("/"))
    for tag, key in (("name", "name"), ("description", "description")):
        for lang in ("zh-CN", "en"):
            e(root, f"{{{TP}}}{tag}", {XML_LANG: lang}, m[key][lang])
    e(root, f"{{{TP}}}version", text=str(m["version"]))
    e(root, f"{{{TP}}}license", {"href": "https://www.apache.org/licenses/LICENSE-2.0", "name": m["license"]})
    e(root, f"{{{TP}}}publisher", {XML_LANG: "en"}, m["publisher"])
    e(root, f"{{{TP}}}publisherURL", text=m["publisher_url"])
    e(root, f"{{{TP}}}publisherCountry", text="CN")
    e(root, f"{{{TP}}}publicationDate", text=d.date)
    eps = e(root, f"{{{TP}}}entryPoints")
    for key, entry in d.entry_points.items():
        ep = e(eps, f"{{{TP}}}entryPoint")
        for lang in ("zh-CN", "en"):
            e(ep, f"{{{TP}}}name", {XML_LANG: lang}, entry.name[lang])
        e(ep, f"{{{TP}}}version", text=str(m["version"]))
        e(ep, f"{{{TP}}}entryPointDocument", {"href": d.entry_point_url(key)})
        languages = e(ep, f"{{{TP}}}languages")
        for lang in ("zh-CN", "en"):
            e(languages, f"{{{TP}}}language", text=lang)
    superseded = m.get("supersedes") or []
    if superseded:
        sup = e(root, f"{{{TP}}}supersededTaxonomyPackages")
        for identifier in superseded:
            e(sup, f"{{{TP}}}taxonomyPackageRef", text=identifier)
    return serialise(root)


def _catalog(d: Definition) -> bytes:
    """Only this version's dated folder is rewritten, so packages of several versions can be loaded
    side by side without overlapping rewrites."""
    root = etree.Element(f"{{{CAT}}}catalog", nsmap={None: CAT})
    e(root, f"{{{CAT}}}rewriteURI", {"uriStartString": d.base_url, "rewritePrefix": f"../{d.date}/"})
    return serialise(root)


# --- schemas ------------------------------------------------------------------------------------

def _schema_root(d: Definition, namespace: str) -> etree._Element:
    nsmap = {"xs": XS, "xbrli": XBRLI, "link": LINK, "xlink": XLINK, "xbrldt": XBRLDT, "dtr-types": DTR,
             "enum2": ENUM2, d.prefix: d.namespace}
    root = etree.Element(f"{{{XS}}}schema", nsmap=nsmap)
    root.set("targetNamespace", namespace)
    root.set("elementFormDefault", "qualified")
    root.set("attributeFormDefault", "unqualified")
    return root


def _linkbase_ref(appinfo: etree._Element, href: str, role: str | None) -> None:
    e(appinfo, f"{{{LINK}}}linkbaseRef", {
        f"{{{XLINK}}}type": "simple", f"{{{XLINK}}}href": href,
        **({f"{{{XLINK}}}role": f"http://www.xbrl.org/2003/role/{role}LinkbaseRef"} if role else {}),
        f"{{{XLINK}}}arcrole": LINKBASE_ARC})


def _core_schema(d: Definition) -> bytes:
    root = _schema_root(d, d.namespace)
    appinfo = e(e(root, f"{{{XS}}}annotation"), f"{{{XS}}}appinfo")
    for lb, role in ((f"{d.prefix}-lab-zh.xml", "label"), (f"{d.prefix}-lab-en.xml", "label"),
                     (f"{d.prefix}-gla.xml", None)):
        _linkbase_ref(appinfo, lb, role)
    for role_def in d.roles:
        rt = e(appinfo, f"{{{LINK}}}roleType", {"roleURI": d.role_uri(role_def), "id": f"role-{role_def.id}"})
        e(rt, f"{{{LINK}}}definition", text=role_def.label["en"])
        for used in ("presentationLink", "definitionLink", "calculationLink"):
            e(rt, f"{{{LINK}}}usedOn", text=f"link:{used}")
    for ns, where in ((XBRLI, XBRLI_XSD), (LINK, LINK_XSD), (XBRLDT, XBRLDT_XSD), (DTR, DTR_XSD),
                      (ENUM2, ENUM2_XSD)):
        e(root, f"{{{XS}}}import", {"namespace": ns, "schemaLocation": where})
    for name in CUSTOM_TYPES:
        ct = e(root, f"{{{XS}}}complexType", {"name": name})
        e(e(ct, f"{{{XS}}}simpleContent"), f"{{{XS}}}restriction", {"base": "xbrli:decimalItemType"})
    for axis in d.axes.values():
        if axis.typed:
            st = e(root, f"{{{XS}}}simpleType", {"name": _typed_type(axis.typed)})
            r = e(st, f"{{{XS}}}restriction", {"base": "xs:token"})
            e(r, f"{{{XS}}}pattern", {"value": axis.pattern})
    for name in ("ChecklistItem", "ObligationLevel"):
        e(root, f"{{{XS}}}element", {"name": name, "id": f"{d.prefix}_{name}", "type": "xs:string",
                                     "substitutionGroup": "link:part"})
    for c in d.concepts.values():
        root.append(_element(d, c))
    return serialise(root)


def _typed_type(element: str) -> str:
    return element[:1].lower() + element[1:] + "Type"


def _element(d: Definition, c: Concept) -> etree._Element:
    attrs = {"name": c.name, "id": f"{d.prefix}_{c.name}"}
    if c.type == "typed-domain":
        attrs["type"] = f"{d.prefix}:{_typed_type(c.name)}"
        return etree.Element(f"{{{XS}}}element", attrs)
    group = {"axis": "xbrldt:dimensionItem", "table": "xbrldt:hypercubeItem"}.get(c.type, "xbrli:item")
    attrs.update({"type": TYPES[c.type][0], "substitutionGroup": group, "nillable": "true",
                  f"{{{XBRLI}}}periodType": "duration"})
    if c.abstract:
        attrs["abstract"] = "true"
    if c.type == "monetary" and c.balance != "none":
        attrs[f"{{{XBRLI}}}balance"] = c.balance or "credit"
    if c.enumeration:
        attrs[f"{{{ENUM2}}}domain"] = f"{d.prefix}:{c.domain}"
        attrs[f"{{{ENUM2}}}linkrole"] = d.role_uri(d.domain_role(c.domain))
        attrs[f"{{{ENUM2}}}headUsable"] = "false"
    axis = d.axes.get(c.name)
    if axis is not None and axis.typed:
        attrs[f"{{{XBRLDT}}}typedDomainRef"] = f"#{d.prefix}_{axis.typed}"
    return etree.Element(f"{{{XS}}}element", attrs)


def _entry_schema(d: Definition, key: str) -> bytes:
    """An entry point: the core schema plus its linkbases. Exchange entry points carry their guideline's
    references and their own filing rules besides the common ones."""
    root = _schema_root(d, f"{d.namespace}/{key}")
    appinfo = e(e(root, f"{{{XS}}}annotation"), f"{{{XS}}}appinfo")
    p = d.prefix
    refs = [f"{p}-ref.xml"] + [f"{p}-ref-{k}.xml" for k in d.entry_points if k != "all" and key in ("all", k)]
    for href in refs:
        _linkbase_ref(appinfo, href, "reference")
    for kind, role in (("pre", "presentation"), ("def", "definition"), ("cal", "calculation"), ("for", None)):
        _linkbase_ref(appinfo, f"{p}-{kind}.xml", role)
    if key != "all":
        _linkbase_ref(appinfo, f"{p}-for-{key}.xml", None)
    e(root, f"{{{XS}}}import", {"namespace": d.namespace, "schemaLocation": f"{p}-cor.xsd"})
    return serialise(root)


def write_sources(root: Path) -> list[Path]:
    """Rewrite the committed package folder under ``root`` (the repository's ``taxonomies/``)."""
    folder = root / definition().folder
    shutil.rmtree(folder, ignore_errors=True)
    written = []
    for name, data in files().items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":  # python -m disclosure.taxonomy.generate [taxonomies/]
    import sys

    for path in write_sources(Path(sys.argv[1] if len(sys.argv) > 1 else "taxonomies")):
        sys.stdout.write(f"{path}\n")


__all__ = ["files", "write_sources", "NS"]
