"""The XBRL instance and the Inline XBRL report carry the same facts: compared fact by fact, as Arelle
reads them, so the build validates once, the iXBRL report (what is submitted) in full, and holds the
instance to it.

A fact is compared by every aspect and property that makes it: concept, entity, period, explicit and
typed dimensions (in the segment or the scenario), unit, decimals or precision, nil, language (for
string facts), and its value — a number as a number (``1.0000`` in the instance is ``1`` read from the
report's ``1.00``), a text block as its words (the report lays its HTML out over lines, the instance
writes it compact), any other value exactly.

The instance is not validated by Arelle again: it is loaded (which checks its elements against the
taxonomy's XML Schemas: values, attributes, order), and what a validation would add is vouched for by
the validated report (:func:`unvouched`). Every context and unit of the instance, used or not, must be
one of the report's (by content: entity, period, the dimensions or other content of segment and
scenario, the measures); its DTS references (and any other ``link:`` element, such as a footnote link)
the report's; its ids unique; its duplicate facts consistent. With its facts the report's, fact by
fact, every XBRL 2.1, dimensional, unit and formula rule that holds for the report holds for it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from lxml import etree, html

STRING_TYPES = frozenset({"string", "normalizedString", "token", "language"})
"""XSD base types whose facts carry a language (OIM: not enumerations, numbers, dates, booleans)."""

Key = tuple[Any, ...]


Fault = tuple[str, str, int | None]
"""A document's own fault found while reading it: (message code, text, line)."""


@dataclass(frozen=True)
class Facts:
    """The facts of one loaded report: how many of each, and where each first stands (for messages); and
    what vouches for the rest of the document: its contexts, units and DTS references (key -> (id, line)),
    and, for an instance read as such, its own faults."""

    counts: Counter[Key]
    lines: dict[Key, int | None]
    contexts: dict[Key, tuple[str, int | None]] = field(default_factory=dict)
    units: dict[Key, tuple[str, int | None]] = field(default_factory=dict)
    references: dict[Key, tuple[str, int | None]] = field(default_factory=dict)
    faults: tuple[Fault, ...] = ()


def read(model: Any) -> Facts:
    """The facts of an Arelle model (``arelle.load``'s ``inspect`` callback), with its contexts, units and
    DTS references."""
    counts: Counter[Key] = Counter()
    lines: dict[Key, int | None] = {}
    for fact in model.facts:
        key = fact_key(fact)
        counts[key] += 1
        lines.setdefault(key, getattr(fact, "sourceline", None))
    contexts = {context_key(c): (str(c.id), c.sourceline) for c in model.contexts.values()}
    units = {unit_key(u): (str(u.id), u.sourceline) for u in model.units.values()}
    references = {_reference_key(r): (r.get(HREF) or "", r.sourceline) for r in _references(model)}
    return Facts(counts, lines, contexts, units, references)


def read_instance(model: Any) -> Facts:
    """:func:`read` of an instance that Arelle loaded without validating it, with its own faults: what
    a validation would find that neither the XML Schemas nor a comparison with the report can."""
    found = read(model)
    return Facts(found.counts, found.lines, found.contexts, found.units, found.references, tuple(_faults(model)))


LINK = "http://www.xbrl.org/2003/linkbase"
HREF = "{http://www.w3.org/1999/xlink}href"


def _references(model: Any) -> list[Any]:
    """The DTS references of the loaded document: an instance's ``link:*`` children (schemaRef,
    linkbaseRef, roleRef, arcroleRef, and footnoteLink too), an Inline XBRL report's ``ix:references``."""
    root = model.modelDocument.xmlRootElement
    if root.tag == f"{{{XBRLI}}}xbrl":
        holders = [root]
    else:
        holders = [e for e in root.iter(etree.Element) if e.tag.rsplit("}", 1)[-1] == "references"
                   and e.tag.startswith(IX)]
    return [r for h in holders for r in h.iterchildren(etree.Element) if r.tag.startswith(f"{{{LINK}}}")]


XBRLI = "http://www.xbrl.org/2003/instance"
IX = ("{http://www.xbrl.org/2013/inlineXBRL}", "{http://www.xbrl.org/2008/inlineXBRL}")


def _reference_key(element: Any) -> Key:
    return (element.tag, tuple(sorted((k, v) for k, v in element.attrib.items() if k != "id")))


def _faults(model: Any) -> list[Fault]:
    """Duplicate ids (XML 3.3.1), schema location hints, and duplicate facts whose values differ. (Tuples
    cannot occur: the taxonomy declares none, and the instance's DTS references must be the report's.)"""
    faults: list[Fault] = []
    seen: dict[str, int | None] = {}
    for element in model.modelDocument.xmlRootElement.iter(etree.Element):
        hints = [name for name in SCHEMA_HINTS if element.get(name) is not None]
        if hints:  # Arelle would load the schemas named: a DTS other than the report's
            faults.append(("disclosure:instanceInvalid", f"{_local(hints[0])} is not allowed: the DTS is the "
                           "report's", element.sourceline))
        ident = element.get("id")
        if ident is None:
            continue
        if ident in seen:
            faults.append(("disclosure:instanceInvalid", f"id {ident} is not unique (first on line {seen[ident]})",
                           element.sourceline))
        else:
            seen[ident] = element.sourceline
    values: dict[Key, tuple[str, int | None]] = {}
    for fact in model.facts:
        if fact.isNumeric:
            continue  # a number's value and decimals are part of its key: the report's duplicates passed
        key = fact_key(fact)[:-1]
        raw = "" if fact.isNil else fact.value
        first = values.setdefault(key, (raw, fact.sourceline))
        if first[0] != raw:
            faults.append(("disclosure:instanceInvalid", f"{fact.qname} is given twice with different values "
                           f"(first on line {first[1]})", fact.sourceline))
    return faults


XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
SCHEMA_HINTS = (f"{XSI}schemaLocation", f"{XSI}noNamespaceSchemaLocation")


def _local(name: str) -> str:
    return "xsi:" + name.rsplit("}", 1)[-1]


def fact_key(fact: Any) -> Key:
    """Everything that makes ``fact`` the fact it is, comparable across documents."""
    concept = fact.concept
    context = fact.context
    where: Key = ("no context",) if context is None else context_key(context)
    unit: Key | None = None if fact.unit is None else unit_key(fact.unit)
    base = concept.baseXsdType if concept is not None else None
    lang = fact.xmlLang if base in STRING_TYPES and not concept.isEnumeration else None
    return (fact.qname.clarkNotation, where, unit, fact.decimals, fact.precision, lang, bool(fact.isNil),
            None if fact.isNil else _value(fact))


def context_key(context: Any) -> Key:
    """A context by its content: entity, period, and the dimensions (or other content) of its segment and
    of its scenario, each in order."""
    if context.isForeverPeriod:
        period: Key = ("forever",)
    elif context.isInstantPeriod:
        period = ("instant", str(context.instantDatetime))
    else:
        period = ("duration", str(context.startDatetime), str(context.endDatetime))
    return (context.entityIdentifier, period, _container(context.segment), _container(context.scenario))


def _container(element: Any) -> Key | None:
    if element is None:
        return None
    return tuple(_content(child) for child in element.iterchildren(etree.Element))


EXPLICIT = "{http://xbrl.org/2006/xbrldi}explicitMember"
TYPED = "{http://xbrl.org/2006/xbrldi}typedMember"


def _content(element: Any) -> Key:
    if element.tag in (EXPLICIT, TYPED):
        dimension = element.dimensionQname
        return (dimension.clarkNotation if dimension is not None else None, _member(element))
    return ("other", _canonical(element))


def _canonical(element: Any) -> str:
    """An element as exclusive canonical XML (only the namespaces it uses), comments left out."""
    return str(etree.tostring(element, method="c14n", exclusive=True, with_comments=False).decode())


def unit_key(unit: Any) -> Key:
    multiply, divide = unit.measures
    return (tuple(sorted(q.clarkNotation for q in multiply)), tuple(sorted(q.clarkNotation for q in divide)))


def _member(value: Any) -> str:
    if value.isExplicit:
        return f"explicit {value.memberQname.clarkNotation if value.memberQname is not None else None}"
    typed = value.typedMember
    if typed is None:
        return "typed None"
    if len(typed) or typed.attrib:  # a complex typed value: compared as canonical XML
        return f"typed {_canonical(typed)}"
    return f"typed {typed.stringValue.strip()}"


def _value(fact: Any) -> Any:
    if fact.isNumeric:
        return fact.xValue  # a Decimal (or float for a double concept): equal as numbers
    value = fact.value
    if fact.concept is not None and fact.concept.isTextBlock:
        return words(value)
    return value


def words(markup: str) -> str:
    """A text block's text without its markup and white space."""
    if not markup.strip():
        return ""
    return re.sub(r"\s+", "", html.fragment_fromstring(markup, create_parent="div").text_content())


def differences(instance: Facts, inline: Facts) -> list[tuple[str, Key, int | None]]:
    """Facts of one document that the other lacks: ("instance only" | "report only", key, line)."""
    only_instance = instance.counts - inline.counts
    only_inline = inline.counts - instance.counts
    return ([("instance only", k, instance.lines.get(k)) for k in sorted(only_instance, key=repr)]
            + [("report only", k, inline.lines.get(k)) for k in sorted(only_inline, key=repr)])


def unvouched(instance: Facts, inline: Facts) -> list[Fault]:
    """What the validated report does not vouch for in an instance Arelle only loaded: contexts and units
    that are not the report's, DTS references that differ, and the instance's own faults."""
    found: list[Fault] = []
    for kind, mine, theirs in (("context", instance.contexts, inline.contexts), ("unit", instance.units, inline.units)):
        found += [("disclosure:instanceNotInReport", f"{kind} {ident} is none of the report's {kind}s "
                   f"({_where(key) if kind == 'context' else _unit(key)})", line)
                  for key, (ident, line) in mine.items() if key not in theirs]
    found += [("disclosure:instanceNotInReport", f"{_name(key, href)} is not among the report's DTS references", line)
              for key, (href, line) in instance.references.items() if key not in inline.references]
    found += [("disclosure:instanceNotInReport", f"the report's {_name(key, href)} is not in the instance", None)
              for key, (href, _line) in inline.references.items() if key not in instance.references]
    return found + list(instance.faults)


def _name(reference: Key, href: str) -> str:
    return "link:" + str(reference[0]).rsplit("}", 1)[-1] + (f" {href}" if href else "")


def _dimensions(where: Key) -> str:
    if len(where) != 4:
        return ""
    return ", ".join(f"{'' if d == 'other' else d.rsplit('}', 1)[-1]}={m.split(' ', 1)[-1].rsplit('}', 1)[-1]}"
                     for container in where[2:] if container for d, m in container)


def _where(where: Key) -> str:
    dims = _dimensions(where)
    period = "/".join(str(p) for p in where[1][1:]) if len(where) == 4 else ""
    return f"{period}{f' [{dims}]' if dims else ''}"


def describe(key: Key) -> str:
    """A difference for a person: concept, dimensions, value."""
    concept = str(key[0]).rsplit("}", 1)[-1]
    dims = _dimensions(key[1])
    value = key[-1]
    shown = str(value) if len(str(value)) <= 60 else str(value)[:57] + "…"
    return f"{concept}{f' [{dims}]' if dims else ''} = {shown} (decimals {key[3]}, unit {_unit(key[2])})"


def _unit(unit: Key | None) -> str:
    if unit is None:
        return "-"
    name = "*".join(q.rsplit("}", 1)[-1] for q in unit[0])
    return f"{name}/{'*'.join(q.rsplit('}', 1)[-1] for q in unit[1])}" if unit[1] else name
