"""Write the cn-ghg taxonomy package files (schemas and linkbases) from its definition, with lxml.

``files()`` returns every file of the package as bytes by its path inside the package folder; the
output is deterministic (same definition, same bytes). The committed copy under
``taxonomies/cn-ghg-2025/`` is kept equal to it by a test.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lxml import etree

from disclosure.taxonomy.definition import TYPES, Concept, Definition, Role, definition, flatten, tree
from disclosure.taxonomy.formula import formula_linkbase
from disclosure.taxonomy.xml import (
    DTR,
    DTR_XSD,
    LINK,
    LINK_XSD,
    NS,
    XBRLDT,
    XBRLDT_XSD,
    XBRLI,
    XBRLI_XSD,
    XLINK,
    XS,
    arc,
    e,
    linkbase,
    loc,
    serialise,
)

STD_LABEL = "http://www.xbrl.org/2003/role/label"
TERSE = "http://www.xbrl.org/2003/role/terseLabel"
DOC = "http://www.xbrl.org/2003/role/documentation"
LABEL_ARC = "http://www.xbrl.org/2003/arcrole/concept-label"
REF_ARC = "http://www.xbrl.org/2003/arcrole/concept-reference"
PARENT_CHILD = "http://www.xbrl.org/2003/arcrole/parent-child"
SUMMATION = "https://xbrl.org/2023/arcrole/summation-item"
DIM = "http://xbrl.org/int/dim/arcrole/"
REF_ROLES = {"M": "http://www.xbrl.org/2003/role/mandatoryDisclosureRef",
             "E": "http://www.xbrl.org/2003/role/recommendedDisclosureRef"}
STD_ROLE = "http://www.xbrl.org/2003/role/link"
REF_NS = "http://www.xbrl.org/2006/ref"
EXCHANGE_SOURCES = ("sse14", "szse17", "bse11")
"""References to the exchange guidelines carry the checklist item and its obligation level."""


def files(d: Definition | None = None) -> dict[str, bytes]:
    """Every file of the taxonomy package, by its path inside the package's top-level folder."""
    d = d or definition()
    base = d.date
    p = d.prefix
    out = {
        "META-INF/taxonomyPackage.xml": _package_metadata(d),
        "META-INF/catalog.xml": _catalog(d),
        f"{base}/{p}-cor.xsd": _core_schema(d),
        f"{base}/{p}-all.xsd": _entry_schema(d),
        f"{base}/{p}-lab-zh.xml": _labels(d, "zh-CN"),
        f"{base}/{p}-lab-en.xml": _labels(d, "en"),
        f"{base}/{p}-ref.xml": _references(d),
        f"{base}/{p}-pre.xml": _presentation(d),
        f"{base}/{p}-def.xml": _definition_linkbase(d),
        f"{base}/{p}-cal.xml": _calculation(d),
        f"{base}/{p}-for.xml": serialise(formula_linkbase(d)),
    }
    return dict(sorted(out.items()))


def _href(d: Definition, name: str) -> str:
    return f"{d.prefix}-cor.xsd#{d.prefix}_{name}"


# --- package metadata -------------------------------------------------------------------------

TP = "http://xbrl.org/2016/taxonomy-package"
CAT = "urn:oasis:names:tc:entity:xmlns:xml:catalog"


def _package_metadata(d: Definition) -> bytes:
    m = d.meta
    root = etree.Element(f"{{{TP}}}taxonomyPackage", nsmap={"tp": TP})
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "zh-CN")
    e(root, f"{{{TP}}}identifier", text=f"{m['published']}{d.date}")
    for tag, key in (("name", "name"), ("description", "description")):
        for lang in ("zh-CN", "en"):
            e(root, f"{{{TP}}}{tag}", {"{http://www.w3.org/XML/1998/namespace}lang": lang}, m[key][lang])
    e(root, f"{{{TP}}}version", text=str(m["version"]))
    e(root, f"{{{TP}}}license", {"href": "https://www.apache.org/licenses/LICENSE-2.0", "name": m["license"]})
    e(root, f"{{{TP}}}publisher", {"{http://www.w3.org/XML/1998/namespace}lang": "en"}, m["publisher"])
    e(root, f"{{{TP}}}publisherURL", text=m["publisher_url"])
    e(root, f"{{{TP}}}publisherCountry", text="CN")
    e(root, f"{{{TP}}}publicationDate", text=d.date)
    eps = e(root, f"{{{TP}}}entryPoints")
    ep = e(eps, f"{{{TP}}}entryPoint")
    e(ep, f"{{{TP}}}name", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"},
      "完整入口（全部要素、链接库与公式）")
    e(ep, f"{{{TP}}}name", {"{http://www.w3.org/XML/1998/namespace}lang": "en"},
      "Full entry point (all elements, linkbases and formulas)")
    e(ep, f"{{{TP}}}entryPointDocument", {"href": d.entry_point})
    e(ep, f"{{{TP}}}languages").extend([_lang_el("zh-CN"), _lang_el("en")])
    return serialise(root)


def _lang_el(lang: str) -> etree._Element:
    el = etree.Element(f"{{{TP}}}language")
    el.text = lang
    return el


def _catalog(d: Definition) -> bytes:
    root = etree.Element(f"{{{CAT}}}catalog", nsmap={None: CAT})
    e(root, f"{{{CAT}}}rewriteURI", {"uriStartString": d.meta["published"], "rewritePrefix": "../"})
    return serialise(root)


# --- schemas ------------------------------------------------------------------------------------

def _schema_root(d: Definition, namespace: str) -> etree._Element:
    nsmap = {"xs": XS, "xbrli": XBRLI, "link": LINK, "xlink": XLINK, "xbrldt": XBRLDT, "dtr-types": DTR,
             d.prefix: d.namespace}
    root = etree.Element(f"{{{XS}}}schema", nsmap=nsmap)
    root.set("targetNamespace", namespace)
    root.set("elementFormDefault", "qualified")
    root.set("attributeFormDefault", "unqualified")
    return root


def _core_schema(d: Definition) -> bytes:
    root = _schema_root(d, d.namespace)
    appinfo = e(e(root, f"{{{XS}}}annotation"), f"{{{XS}}}appinfo")
    linkbases = ((f"{d.prefix}-lab-zh.xml", "labelLinkbaseRef"), (f"{d.prefix}-lab-en.xml", "labelLinkbaseRef"),
                 (f"{d.prefix}-ref.xml", "referenceLinkbaseRef"))
    for lb, lb_role in linkbases:
        e(appinfo, f"{{{LINK}}}linkbaseRef", {
            f"{{{XLINK}}}type": "simple", f"{{{XLINK}}}href": lb,
            f"{{{XLINK}}}role": f"http://www.xbrl.org/2003/role/{lb_role}",
            f"{{{XLINK}}}arcrole": "http://www.w3.org/1999/xlink/properties/linkbase"})
    for role in d.roles:
        rt = e(appinfo, f"{{{LINK}}}roleType", {"roleURI": d.role_uri(role), "id": f"role-{role.id}"})
        e(rt, f"{{{LINK}}}definition", text=role.label["en"])
        for used in ("presentationLink", "definitionLink", "calculationLink"):
            e(rt, f"{{{LINK}}}usedOn", text=f"link:{used}")
    for ns, where in ((XBRLI, XBRLI_XSD), (LINK, LINK_XSD), (XBRLDT, XBRLDT_XSD), (DTR, DTR_XSD)):
        e(root, f"{{{XS}}}import", {"namespace": ns, "schemaLocation": where})
    for name, base in (("coalEquivalentItemType", "xbrli:decimalItemType"),
                       ("ghgEmissionsPerProductItemType", "xbrli:decimalItemType")):
        ct = e(root, f"{{{XS}}}complexType", {"name": name})
        sc = e(ct, f"{{{XS}}}simpleContent")
        r = e(sc, f"{{{XS}}}restriction", {"base": base})
        r.text = None
    for name in ("ChecklistItem", "ObligationLevel"):
        e(root, f"{{{XS}}}element", {"name": name, "id": f"{d.prefix}_{name}", "type": "xs:string",
                                     "substitutionGroup": "link:part"})
    for c in d.concepts.values():
        root.append(_element(d, c))
    return serialise(root)


def _element(d: Definition, c: Concept) -> etree._Element:
    attrs = {"name": c.name, "id": f"{d.prefix}_{c.name}"}
    if c.type == "typed-domain":
        attrs["type"] = "xs:token"
        return etree.Element(f"{{{XS}}}element", attrs)
    xtype = TYPES[c.type][0].replace("dtr-types24:", "dtr-types:")
    group = {"axis": "xbrldt:dimensionItem", "table": "xbrldt:hypercubeItem"}.get(c.type, "xbrli:item")
    attrs.update({"type": xtype, "substitutionGroup": group, "nillable": "true",
                  f"{{{XBRLI}}}periodType": "duration"})
    if c.abstract:
        attrs["abstract"] = "true"
    if c.type == "monetary":
        attrs[f"{{{XBRLI}}}balance"] = "credit"
    axis = d.axes.get(c.name)
    if axis is not None and axis.typed:
        attrs[f"{{{XBRLDT}}}typedDomainRef"] = f"#{d.prefix}_{axis.typed}"
    return etree.Element(f"{{{XS}}}element", attrs)


def _entry_schema(d: Definition) -> bytes:
    root = _schema_root(d, f"{d.namespace}/all")
    appinfo = e(e(root, f"{{{XS}}}annotation"), f"{{{XS}}}appinfo")
    for kind, role in (("pre", "presentation"), ("def", "definition"), ("cal", "calculation"), ("for", None)):
        e(appinfo, f"{{{LINK}}}linkbaseRef", {
            f"{{{XLINK}}}type": "simple", f"{{{XLINK}}}href": f"{d.prefix}-{kind}.xml",
            **({f"{{{XLINK}}}role": f"http://www.xbrl.org/2003/role/{role}LinkbaseRef"} if role else {}),
            f"{{{XLINK}}}arcrole": "http://www.w3.org/1999/xlink/properties/linkbase"})
    e(root, f"{{{XS}}}import", {"namespace": d.namespace, "schemaLocation": f"{d.prefix}-cor.xsd"})
    return serialise(root)


# --- labels and references ----------------------------------------------------------------------

def _labels(d: Definition, lang: str) -> bytes:
    root = linkbase()
    link = e(root, f"{{{LINK}}}labelLink", {f"{{{XLINK}}}type": "extended", f"{{{XLINK}}}role": STD_ROLE})
    for c in d.concepts.values():
        loc(link, _href(d, c.name), c.name)
        for role, texts, suffix in ((STD_LABEL, c.label, "label"), (TERSE, c.terse, "terse"), (DOC, c.doc, "doc")):
            if lang not in texts:
                continue
            e(link, f"{{{LINK}}}label", {f"{{{XLINK}}}type": "resource", f"{{{XLINK}}}label": f"{c.name}_{suffix}",
                                         f"{{{XLINK}}}role": role, "{http://www.w3.org/XML/1998/namespace}lang": lang,
                                         "id": f"{c.name}_{suffix}_{lang}"}, texts[lang])
            arc(link, "labelArc", LABEL_ARC, c.name, f"{c.name}_{suffix}")
    return serialise(root)


def _references(d: Definition) -> bytes:
    root = linkbase(extra={"ref": REF_NS, d.prefix: d.namespace})
    schema_loc = root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", "")
    root.set("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation",
             f"{schema_loc} {REF_NS} http://www.xbrl.org/2006/ref-2006-02-27.xsd")
    link = e(root, f"{{{LINK}}}referenceLink", {f"{{{XLINK}}}type": "extended", f"{{{XLINK}}}role": STD_ROLE})
    for c in d.concepts.values():
        if not c.refs and not c.checklist:
            continue
        loc(link, _href(d, c.name), c.name)
        refs = list(c.refs) or [{"source": "sse14"}]
        for n, ref in enumerate(refs):
            label = f"{c.name}_ref{n}"
            res = e(link, f"{{{LINK}}}reference", {f"{{{XLINK}}}type": "resource", f"{{{XLINK}}}label": label,
                                                  f"{{{XLINK}}}role": REF_ROLES.get(c.level, "http://www.xbrl.org/2003/role/disclosureRef"),
                                                  "id": label})
            parts = dict(d.references[ref["source"]])
            parts.update({k: v for k, v in ref.items() if k != "source"})
            for part in ("Publisher", "Name", "Number", "IssueDate", "Chapter", "Article", "Section", "Paragraph",
                         "Subparagraph", "Clause"):
                if part in parts:
                    e(res, f"{{{REF_NS}}}{part}", text=str(parts[part]))
            if c.checklist and (n == 0 or ref["source"] in EXCHANGE_SOURCES):
                e(res, f"{{{d.namespace}}}ChecklistItem", text=c.checklist)
                if c.level:
                    e(res, f"{{{d.namespace}}}ObligationLevel", text=c.level)
            arc(link, "referenceArc", REF_ARC, c.name, label)
    return serialise(root)


# --- presentation, definition, calculation ------------------------------------------------------

def _role_refs(d: Definition, root: etree._Element, roles: Iterable[Role]) -> None:
    for role in roles:
        e(root, f"{{{LINK}}}roleRef", {"roleURI": d.role_uri(role), f"{{{XLINK}}}type": "simple",
                                       f"{{{XLINK}}}href": f"{d.prefix}-cor.xsd#role-{role.id}"})


def _presentation(d: Definition) -> bytes:
    root = linkbase()
    _role_refs(d, root, d.roles)
    for role in d.roles:
        link = e(root, f"{{{LINK}}}presentationLink", {f"{{{XLINK}}}type": "extended",
                                                      f"{{{XLINK}}}role": d.role_uri(role)})
        seen: set[str] = set()

        def add(parent: str | None, name: str, order: int, children: list[Any], link: Any = link,
                seen: set[str] = seen) -> None:
            if name not in seen:
                loc(link, _href(d, name), name)
                seen.add(name)
            if parent is not None:
                arc(link, "presentationArc", PARENT_CHILD, parent, name, order=order)
            for n, (child, grand) in enumerate(tree(children), start=1):
                add(name, child, n, grand)

        if role.table:
            table = role.table
            lineitems = table["name"].removesuffix("Table") + "LineItems"
            axes = [{axis: _axis_children(d, axis)} for axis in table["axes"]]
            add(None, table["name"], 1, [*axes, {lineitems: list(table["items"])}])
        else:
            for n, (name, children) in enumerate(tree(role.items), start=1):
                add(None, name, n, children)
    return serialise(root)


def _axis_children(d: Definition, axis_name: str) -> list[Any]:
    axis = d.axes[axis_name]
    if axis.typed:
        return []
    return [{axis.domain: list(axis.members)}]


def _definition_linkbase(d: Definition) -> bytes:
    root = linkbase()
    tables = [r for r in d.roles if r.table]
    _role_refs(d, root, tables)
    for name in ("all", "hypercube-dimension", "dimension-domain", "domain-member", "dimension-default"):
        e(root, f"{{{LINK}}}arcroleRef", {"arcroleURI": DIM + name, f"{{{XLINK}}}type": "simple",
                                          f"{{{XLINK}}}href": f"{XBRLDT_XSD}#{name}"})
    for role in tables:
        assert role.table is not None
        table = role.table
        link = e(root, f"{{{LINK}}}definitionLink", {f"{{{XLINK}}}type": "extended",
                                                    f"{{{XLINK}}}role": d.role_uri(role)})
        lineitems = table["name"].removesuffix("Table") + "LineItems"
        names = {table["name"], lineitems, *table["items"]}
        for axis_name in table["axes"]:
            axis = d.axes[axis_name]
            names.add(axis_name)
            if not axis.typed:
                names.add(axis.domain)
                names.update(flatten(axis.members))
        for name in sorted(names):
            loc(link, _href(d, name), name)
        arc(link, "definitionArc", DIM + "all", lineitems, table["name"], order=1,
            extra={f"{{{XBRLDT}}}closed": "true", f"{{{XBRLDT}}}contextElement": "scenario"})
        for n, axis_name in enumerate(table["axes"], start=1):
            arc(link, "definitionArc", DIM + "hypercube-dimension", table["name"], axis_name, order=n)
            axis = d.axes[axis_name]
            if not axis.typed:
                arc(link, "definitionArc", DIM + "dimension-domain", axis_name, axis.domain, order=1)
                _members(link, axis.domain, list(axis.members))
        for n, item in enumerate(table["items"], start=1):
            arc(link, "definitionArc", DIM + "domain-member", lineitems, item, order=n)
    defaults = e(root, f"{{{LINK}}}definitionLink", {f"{{{XLINK}}}type": "extended", f"{{{XLINK}}}role": STD_ROLE})
    for axis in d.axes.values():
        if axis.typed:
            continue
        loc(defaults, _href(d, axis.name), axis.name)
        loc(defaults, _href(d, axis.domain), axis.domain)
        arc(defaults, "definitionArc", DIM + "dimension-default", axis.name, axis.domain, order=1)
    return serialise(root)


def _members(link: etree._Element, parent: str, members: list[Any]) -> None:
    for n, (name, children) in enumerate(tree(members), start=1):
        arc(link, "definitionArc", DIM + "domain-member", parent, name, order=n)
        _members(link, name, children)


def _calculation(d: Definition) -> bytes:
    root = linkbase()
    roles = [r for r in d.roles if r.calculation]
    _role_refs(d, root, roles)
    e(root, f"{{{LINK}}}arcroleRef", {"arcroleURI": SUMMATION, f"{{{XLINK}}}type": "simple",
                                      f"{{{XLINK}}}href": "https://www.xbrl.org/2023/calculation-1.1.xsd#summation-item"})
    for role in roles:
        link = e(root, f"{{{LINK}}}calculationLink", {f"{{{XLINK}}}type": "extended",
                                                     f"{{{XLINK}}}role": d.role_uri(role)})
        names = sorted({n for total, parts in d.calculations.items() for n in (total, *parts)})
        for name in names:
            loc(link, _href(d, name), name)
        for total, parts in d.calculations.items():
            for n, part in enumerate(parts, start=1):
                arc(link, "calculationArc", SUMMATION, total, part, order=n, extra={"weight": "1"})
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
