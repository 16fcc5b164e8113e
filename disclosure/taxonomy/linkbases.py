"""The label, generic label, reference, presentation, definition and calculation linkbases."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lxml import etree

from disclosure.taxonomy.definition import EXCHANGES, SEGMENT_TABLE, Definition, Role, flatten, tree
from disclosure.taxonomy.obligations import obligation
from disclosure.taxonomy.xml import (
    GEN,
    LINK,
    XBRLDT,
    XBRLDT_XSD,
    XLINK,
    XML_LANG,
    XSI,
    arc,
    e,
    linkbase,
    loc,
    serialise,
)

STD_LABEL = "http://www.xbrl.org/2003/role/label"
TERSE = "http://www.xbrl.org/2003/role/terseLabel"
TOTAL = "http://www.xbrl.org/2003/role/totalLabel"
DOC = "http://www.xbrl.org/2003/role/documentation"
LABEL_ARC = "http://www.xbrl.org/2003/arcrole/concept-label"
REF_ARC = "http://www.xbrl.org/2003/arcrole/concept-reference"
PARENT_CHILD = "http://www.xbrl.org/2003/arcrole/parent-child"
SUMMATION = "https://xbrl.org/2023/arcrole/summation-item"
DIM = "http://xbrl.org/int/dim/arcrole/"
REF_ROLES = {"M": "http://www.xbrl.org/2003/role/mandatoryDisclosureRef",
             "E": "http://www.xbrl.org/2003/role/recommendedDisclosureRef"}
DISCLOSURE_REF = "http://www.xbrl.org/2003/role/disclosureRef"
STD_ROLE = "http://www.xbrl.org/2003/role/link"
REF_NS = "http://www.xbrl.org/2006/ref"
REF_PARTS = ("Publisher", "Name", "Number", "IssueDate", "Chapter", "Article", "Section", "Paragraph", "Subparagraph",
             "Clause", "Note", "URI")
GENLAB = "http://xbrl.org/2008/label"
GEN_LABEL_ROLE = "http://www.xbrl.org/2008/role/label"
ELEMENT_LABEL = "http://xbrl.org/arcrole/2008/element-label"
GEN_LINK_ROLE = "http://www.xbrl.org/2008/role/link"


def _href(d: Definition, name: str) -> str:
    return f"{d.prefix}-cor.xsd#{d.prefix}_{name}"


# --- labels --------------------------------------------------------------------------------------

def labels(d: Definition, lang: str) -> bytes:
    root = linkbase()
    link = e(root, f"{{{LINK}}}labelLink", {f"{{{XLINK}}}type": "extended", f"{{{XLINK}}}role": STD_ROLE})
    for c in d.concepts.values():
        loc(link, _href(d, c.name), c.name)
        for role, texts, suffix in ((STD_LABEL, c.label, "label"), (TERSE, c.terse, "terse"),
                                    (TOTAL, c.total, "total"), (DOC, c.doc, "doc")):
            if lang not in texts:
                continue
            e(link, f"{{{LINK}}}label", {f"{{{XLINK}}}type": "resource", f"{{{XLINK}}}label": f"{c.name}_{suffix}",
                                         f"{{{XLINK}}}role": role, XML_LANG: lang,
                                         "id": f"{c.name}_{suffix}_{lang}"}, texts[lang])
            arc(link, "labelArc", LABEL_ARC, c.name, f"{c.name}_{suffix}")
    return serialise(root)


def role_labels(d: Definition) -> bytes:
    """Generic labels (zh-CN, en) of the roles, so viewers show the sections in the reader's language."""
    root = linkbase(extra={"gen": GEN, "label": GENLAB})
    root.set(f"{{{XSI}}}schemaLocation", " ".join([
        root.get(f"{{{XSI}}}schemaLocation", ""), f"{GEN} http://www.xbrl.org/2008/generic-link.xsd",
        f"{GENLAB} http://www.xbrl.org/2008/generic-label.xsd"]))
    e(root, f"{{{LINK}}}roleRef", {"roleURI": GEN_LINK_ROLE, f"{{{XLINK}}}type": "simple",
                                   f"{{{XLINK}}}href": "http://www.xbrl.org/2008/generic-link.xsd#standard-link-role"})
    e(root, f"{{{LINK}}}roleRef", {"roleURI": GEN_LABEL_ROLE, f"{{{XLINK}}}type": "simple",
                                   f"{{{XLINK}}}href": "http://www.xbrl.org/2008/generic-label.xsd#standard-label"})
    e(root, f"{{{LINK}}}arcroleRef", {"arcroleURI": ELEMENT_LABEL, f"{{{XLINK}}}type": "simple",
                                      f"{{{XLINK}}}href": "http://www.xbrl.org/2008/generic-label.xsd#element-label"})
    link = e(root, f"{{{GEN}}}link", {f"{{{XLINK}}}type": "extended", f"{{{XLINK}}}role": GEN_LINK_ROLE})
    for role in d.roles:
        name = f"role-{role.id}"
        loc(link, f"{d.prefix}-cor.xsd#{name}", name)
        for lang in ("zh-CN", "en"):
            label = f"{name}_{lang}"
            e(link, f"{{{GENLAB}}}label", {f"{{{XLINK}}}type": "resource", f"{{{XLINK}}}label": label,
                                           f"{{{XLINK}}}role": GEN_LABEL_ROLE, XML_LANG: lang}, role.label[lang])
            arc(link, "arc", ELEMENT_LABEL, name, label, ns=GEN)
    return serialise(root)


# --- references ----------------------------------------------------------------------------------

def _expanded(refs: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    out = []
    for ref in refs:
        sources = EXCHANGES if ref["source"] == "exchanges" else (ref["source"],)
        out += [{**ref, "source": source} for source in sources]
    return out


def references(d: Definition, sources: Iterable[str] | None) -> bytes:
    """References to the documents of ``sources`` (an exchange's guideline), or to every document that is
    no exchange guideline (``None``). Exchange references carry the checklist item and obligation level."""
    wanted = set(sources) if sources is not None else None
    root = linkbase(extra={"ref": REF_NS, d.prefix: d.namespace})
    root.set(f"{{{XSI}}}schemaLocation", " ".join([root.get(f"{{{XSI}}}schemaLocation", ""),
                                                  f"{REF_NS} http://www.xbrl.org/2006/ref-2006-02-27.xsd"]))
    link = e(root, f"{{{LINK}}}referenceLink", {f"{{{XLINK}}}type": "extended", f"{{{XLINK}}}role": STD_ROLE})
    for c in d.concepts.values():
        refs = [r for r in _expanded(c.refs)
                if (r["source"] in wanted if wanted is not None else r["source"] not in EXCHANGES)]
        if not refs:
            continue
        loc(link, _href(d, c.name), c.name)
        ob = obligation(c.name)
        for n, ref in enumerate(refs):
            label = f"{c.name}_{ref['source']}_{n}"
            exchange = ref["source"] in EXCHANGES
            role = REF_ROLES.get(ob.level, DISCLOSURE_REF) if exchange and ob else DISCLOSURE_REF
            res = e(link, f"{{{LINK}}}reference", {f"{{{XLINK}}}type": "resource", f"{{{XLINK}}}label": label,
                                                  f"{{{XLINK}}}role": role, "id": label})
            parts = dict(d.references[ref["source"]])
            parts.update({k: v for k, v in ref.items() if k != "source"})
            if ref["source"] == "mof" and "Chapter" in parts:
                parts["Chapter"] = d.mof_chapters.get(parts["Chapter"], parts["Chapter"])
            for part in REF_PARTS:
                if part in parts:
                    e(res, f"{{{REF_NS}}}{part}", text=str(parts[part]))
            if exchange and ob is not None:
                if ob.item:
                    e(res, f"{{{d.namespace}}}ChecklistItem", text=ob.item)
                e(res, f"{{{d.namespace}}}ObligationLevel", text=ob.level)
            arc(link, "referenceArc", REF_ARC, c.name, label)
    return serialise(root)


# --- presentation, definition, calculation ------------------------------------------------------

def _role_refs(d: Definition, root: etree._Element, roles: Iterable[Role]) -> None:
    for role in roles:
        e(root, f"{{{LINK}}}roleRef", {"roleURI": d.role_uri(role), f"{{{XLINK}}}type": "simple",
                                       f"{{{XLINK}}}href": f"{d.prefix}-cor.xsd#role-{role.id}"})


def presentation(d: Definition) -> bytes:
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
                extra = {"preferredLabel": TOTAL} if d.concepts[name].total else None
                arc(link, "presentationArc", PARENT_CHILD, parent, name, order=order, extra=extra)
            for n, (child, grand) in enumerate(tree(children), start=1):
                add(name, child, n, grand)

        if role.table:
            axes = [{axis: _axis_children(d, axis)} for axis in role.axes]
            add(None, role.hypercube, 1, [*axes, {role.lineitems: list(role.table["items"])}])
        elif role.enumerations:
            for n, domain in enumerate(d.enumerations, start=1):
                add(None, domain, n, d.domain_members(domain))
        else:
            for n, (name, children) in enumerate(tree(role.items), start=1):
                add(None, name, n, children)
    return serialise(root)


def _axis_children(d: Definition, axis_name: str) -> list[Any]:
    axis = d.axes[axis_name]
    if axis.typed:
        return []
    return [{axis.domain: list(axis.members)}]


def definitions(d: Definition) -> bytes:
    """Every line item in a closed hypercube (sections without dimensions in an empty one); the
    enumeration domains' member trees; one default (the domain) per explicit axis."""
    root = linkbase()
    roles = [r for r in d.roles if r.hypercube or r.enumerations]
    _role_refs(d, root, roles)
    for name in ("all", "hypercube-dimension", "dimension-domain", "domain-member", "dimension-default"):
        e(root, f"{{{LINK}}}arcroleRef", {"arcroleURI": DIM + name, f"{{{XLINK}}}type": "simple",
                                          f"{{{XLINK}}}href": f"{XBRLDT_XSD}#{name}"})
    for role in roles:
        link = e(root, f"{{{LINK}}}definitionLink", {f"{{{XLINK}}}type": "extended",
                                                    f"{{{XLINK}}}role": d.role_uri(role)})
        if role.enumerations:
            names = {n for domain in d.enumerations for n in (domain, *flatten(d.domain_members(domain)))}
            for name in sorted(names):
                loc(link, _href(d, name), name)
            for domain in d.enumerations:
                _members(link, domain, d.domain_members(domain))
            continue
        names = {role.hypercube, role.lineitems, SEGMENT_TABLE, *role.line_items}
        for axis_name in role.axes:
            axis = d.axes[axis_name]
            names.add(axis_name)
            if not axis.typed:
                names.add(axis.domain)
                names.update(flatten(axis.members))
        for name in sorted(names):
            loc(link, _href(d, name), name)
        arc(link, "definitionArc", DIM + "all", role.lineitems, role.hypercube, order=1,
            extra={f"{{{XBRLDT}}}closed": "true", f"{{{XBRLDT}}}contextElement": "scenario"})
        arc(link, "definitionArc", DIM + "all", role.lineitems, SEGMENT_TABLE, order=2,
            extra={f"{{{XBRLDT}}}closed": "true", f"{{{XBRLDT}}}contextElement": "segment"})
        for n, axis_name in enumerate(role.axes, start=1):
            arc(link, "definitionArc", DIM + "hypercube-dimension", role.hypercube, axis_name, order=n)
            axis = d.axes[axis_name]
            if not axis.typed:
                usable = {} if role.domain_usable else {f"{{{XBRLDT}}}usable": "false"}
                arc(link, "definitionArc", DIM + "dimension-domain", axis_name, axis.domain, order=1, extra=usable)
                _members(link, axis.domain, list(axis.members))
        for n, item in enumerate(role.line_items, start=1):
            arc(link, "definitionArc", DIM + "domain-member", role.lineitems, item, order=n)
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


def calculation(d: Definition) -> bytes:
    root = linkbase()
    roles = [r for r in d.roles if r.calculation]
    _role_refs(d, root, roles)
    e(root, f"{{{LINK}}}arcroleRef", {"arcroleURI": SUMMATION, f"{{{XLINK}}}type": "simple",
                                      f"{{{XLINK}}}href": "https://www.xbrl.org/2023/calculation-1.1.xsd#summation-item"})
    for role in roles:
        link = e(root, f"{{{LINK}}}calculationLink", {f"{{{XLINK}}}type": "extended",
                                                     f"{{{XLINK}}}role": d.role_uri(role)})
        # A calculation goes in the roles that present its total and every part.
        calcs = {total: parts for total, parts in d.calculations.items() if {total, *parts} <= role.concepts}
        names = sorted({n for total, parts in calcs.items() for n in (total, *parts)})
        for name in names:
            loc(link, _href(d, name), name)
        for total, parts in calcs.items():
            for n, part in enumerate(parts, start=1):
                arc(link, "calculationArc", SUMMATION, total, part, order=n, extra={"weight": "1"})
    return serialise(root)
