"""The XBRL instance and the Inline XBRL report carry the same facts: compared fact by fact, as Arelle
reads them, so the build validates the taxonomy's formulas and calculations once (on the iXBRL report,
which is what is submitted) and the instance for XBRL 2.1, dimensions, units and duplicates only.

A fact is compared by every aspect and property that makes it: concept, entity, period, explicit and
typed dimensions, unit, decimals or precision, nil, language (for string facts), and its value — a
number as a number (``1.0000`` in the instance is ``1`` read from the report's ``1.00``), a text block
as its words (the report lays its HTML out over lines, the instance writes it compact), any other
value exactly.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from lxml import html

STRING_TYPES = frozenset({"string", "normalizedString", "token", "language"})
"""XSD base types whose facts carry a language (OIM: not enumerations, numbers, dates, booleans)."""

Key = tuple[Any, ...]


@dataclass(frozen=True)
class Facts:
    """The facts of one loaded report: how many of each, and where each first stands (for messages)."""

    counts: Counter[Key]
    lines: dict[Key, int | None]


def read(model: Any) -> Facts:
    """The facts of an Arelle model (``arelle.load``'s ``inspect`` callback)."""
    counts: Counter[Key] = Counter()
    lines: dict[Key, int | None] = {}
    for fact in model.facts:
        key = fact_key(fact)
        counts[key] += 1
        lines.setdefault(key, getattr(fact, "sourceline", None))
    return Facts(counts, lines)


def fact_key(fact: Any) -> Key:
    """Everything that makes ``fact`` the fact it is, comparable across documents."""
    concept = fact.concept
    context = fact.context
    if context is None:
        where: Key = ("no context",)
    else:
        if context.isForeverPeriod:
            period: Key = ("forever",)
        elif context.isInstantPeriod:
            period = ("instant", str(context.instantDatetime))
        else:
            period = ("duration", str(context.startDatetime), str(context.endDatetime))
        dims = tuple(sorted((dim.clarkNotation, _member(value)) for dim, value in context.qnameDims.items()))
        where = (context.entityIdentifier, period, dims)
    unit: Key | None = None
    if fact.unit is not None:
        multiply, divide = fact.unit.measures
        unit = (tuple(sorted(q.clarkNotation for q in multiply)), tuple(sorted(q.clarkNotation for q in divide)))
    base = concept.baseXsdType if concept is not None else None
    lang = fact.xmlLang if base in STRING_TYPES and not concept.isEnumeration else None
    return (fact.qname.clarkNotation, where, unit, fact.decimals, fact.precision, lang, bool(fact.isNil),
            None if fact.isNil else _value(fact))


def _member(value: Any) -> str:
    if value.isExplicit:
        return f"explicit {value.memberQname.clarkNotation if value.memberQname is not None else None}"
    typed = value.typedMember
    return f"typed {typed.stringValue.strip() if typed is not None else None}"


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


def describe(key: Key) -> str:
    """A difference for a person: concept, dimensions, value."""
    concept = str(key[0]).rsplit("}", 1)[-1]
    where = key[1]
    dims = ", ".join(f"{d.rsplit('}', 1)[-1]}={m.split(' ', 1)[1].rsplit('}', 1)[-1]}"
                     for d, m in where[2]) if len(where) == 3 else ""
    value = key[-1]
    shown = str(value) if len(str(value)) <= 60 else str(value)[:57] + "…"
    return f"{concept}{f' [{dims}]' if dims else ''} = {shown} (decimals {key[3]}, unit {_unit(key[2])})"


def _unit(unit: Key | None) -> str:
    if unit is None:
        return "-"
    name = "*".join(q.rsplit("}", 1)[-1] for q in unit[0])
    return f"{name}/{'*'.join(q.rsplit('}', 1)[-1] for q in unit[1])}" if unit[1] else name
