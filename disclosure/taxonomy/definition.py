"""The cn-ghg taxonomy as data: read from ``taxonomies/cn-ghg.yaml`` (plus the fuel list, the factor
library's provinces and the report vocabulary for enumeration labels)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from disclosure.resources import load_data_yaml, taxonomies

TYPES = {
    "ghg": ("dtr-types:ghgEmissionsItemType", "tCO2e"),
    "tce": ("cn-ghg:coalEquivalentItemType", "tce"),
    "gj": ("dtr-types:energyItemType", "GJ"),
    "intensity-revenue": ("dtr-types:ghgEmissionsPerMonetaryItemType", "tCO2e/CNY"),
    "intensity-product": ("cn-ghg:ghgEmissionsPerProductItemType", "tCO2e/product"),
    "quantity": ("cn-ghg:productionQuantityItemType", "product"),
    "energy-intensity-revenue": ("cn-ghg:coalEquivalentPerMonetaryItemType", "tce/CNY"),
    "energy-intensity-product": ("cn-ghg:coalEquivalentPerProductItemType", "tce/product"),
    "carbon-price": ("cn-ghg:carbonPricePerTonneItemType", "CNY/tCO2e"),
    "decimal": ("xbrli:decimalItemType", "any"),
    "monetary": ("xbrli:monetaryItemType", "CNY"),
    "percent": ("dtr-types:percentItemType", "pure"),
    "integer": ("xbrli:nonNegativeIntegerItemType", "pure"),
    "string": ("xbrli:stringItemType", ""),
    "text": ("dtr-types:textBlockItemType", ""),
    "boolean": ("xbrli:booleanItemType", ""),
    "date": ("xbrli:dateItemType", ""),
    "gyear": ("xbrli:gYearItemType", ""),
    "enum": ("enum2:enumerationItemType", ""),
    "enum-set": ("enum2:enumerationSetItemType", ""),
    "abstract": ("xbrli:stringItemType", ""),
    "axis": ("xbrli:stringItemType", ""),
    "table": ("xbrli:stringItemType", ""),
    "lineitems": ("xbrli:stringItemType", ""),
    "domain": ("dtr-types:domainItemType", ""),
    "member": ("dtr-types:domainItemType", ""),
    "typed-domain": ("xs:token", ""),
}
"""Our concept kinds: (XML Schema type, unit policy)."""

NUMERIC = {"ghg", "tce", "gj", "intensity-revenue", "intensity-product", "quantity", "decimal", "monetary",
           "percent", "integer", "energy-intensity-revenue", "energy-intensity-product", "carbon-price"}
BALANCES = ("debit", "credit", "none")
"""A monetary concept's ``balance`` in the YAML (default credit); ``none`` leaves xbrli:balance out, for
amounts whose nature depends on a dimension or on the risk (assets or revenue, cost or benefit)."""
ABSTRACT = {"abstract", "axis", "table", "lineitems", "domain", "member"}
EXCHANGES = ("sse14", "szse17", "bse11")
SEGMENT_TABLE = "EntitySegmentTable"
"""An empty hypercube on the segment, closed, in every section: no dimension may be put in the segment."""
"""Reference sources of the three exchange guidelines (``source: exchanges`` in the YAML)."""


@dataclass(frozen=True)
class Concept:
    name: str
    type: str
    label: dict[str, str]
    terse: dict[str, str] = field(default_factory=dict)
    total: dict[str, str] = field(default_factory=dict)
    doc: dict[str, str] = field(default_factory=dict)
    refs: tuple[dict[str, str], ...] = ()
    domain: str = ""
    """The Extensible Enumerations 2.0 domain of an enum or enum-set concept."""
    balance: str = ""
    """debit, credit or none for a monetary concept (``""``: credit)."""

    @property
    def numeric(self) -> bool:
        return self.type in NUMERIC

    @property
    def abstract(self) -> bool:
        return self.type in ABSTRACT

    @property
    def enumeration(self) -> bool:
        return self.type in ("enum", "enum-set")


@dataclass(frozen=True)
class Axis:
    name: str
    domain: str = ""
    members: tuple[Any, ...] = ()
    """Member names; a dict ``{parent: [children]}`` nests."""
    typed: str = ""
    pattern: str = ""
    """The typed domain's lexical pattern (typed axes)."""

    def top_members(self) -> list[str]:
        return [next(iter(m)) if isinstance(m, dict) else m for m in self.members]

    def parents(self) -> dict[str, list[str]]:
        """Members with sub-members: parent → its direct children (at any depth)."""
        out: dict[str, list[str]] = {}

        def walk(items: Iterable[Any]) -> None:
            for name, children in tree(items):
                if children:
                    out[name] = [child for child, _ in tree(children)]
                    walk(children)
        walk(self.members)
        return out


@dataclass(frozen=True)
class Enumeration:
    """An enumeration domain that is no axis: its members by the filing schema's code."""

    domain: str
    members: dict[str, str]


@dataclass(frozen=True)
class Role:
    id: str
    key: str
    label: dict[str, str]
    items: tuple[Any, ...] = ()
    table: dict[str, Any] | None = None
    calculation: bool = False
    enumerations: bool = False

    @property
    def concepts(self) -> set[str]:
        """The concepts the section presents: a table's line items, or every node of its tree."""
        return set(self.table["items"]) if self.table else set(flatten(self.items))

    @property
    def hypercube(self) -> str:
        """The section's hypercube: its table, or the empty one of a section without dimensions."""
        if self.table:
            return str(self.table["name"])
        if self.enumerations or not self.items:
            return ""
        root = next(iter(tree(self.items)))[0]
        return root.removesuffix("Abstract") + "Table"

    @property
    def lineitems(self) -> str:
        return self.hypercube.removesuffix("Table") + "LineItems" if self.hypercube else ""

    @property
    def line_items(self) -> list[str]:
        """The primary items of the hypercube, in order (abstracts left out)."""
        if self.table:
            return list(self.table["items"])
        return [n for n in flatten(self.items) if not n.endswith("Abstract")]

    @property
    def axes(self) -> list[str]:
        return list(self.table["axes"]) if self.table else []

    @property
    def domain_usable(self) -> bool:
        return bool(self.table is None or self.table.get("domain_usable", True))


@dataclass(frozen=True)
class EntryPoint:
    key: str
    name: dict[str, str]
    sources: tuple[str, ...]
    basis: str = ""
    """The basis-of-preparation member a filing through this entry point must name."""


@dataclass(frozen=True)
class Definition:
    meta: dict[str, Any]
    references: dict[str, dict[str, str]]
    mof_chapters: dict[str, str]
    units: dict[str, Any]
    entry_points: dict[str, EntryPoint]
    roles: tuple[Role, ...]
    axes: dict[str, Axis]
    enumerations: dict[str, Enumeration]
    concepts: dict[str, Concept]
    calculations: dict[str, list[str]]
    assertions: tuple[dict[str, Any], ...]

    @property
    def prefix(self) -> str:
        return str(self.meta["prefix"])

    @property
    def namespace(self) -> str:
        return str(self.meta["namespace"])

    @property
    def folder(self) -> str:
        return str(self.meta["folder"])

    @property
    def date(self) -> str:
        return str(self.meta["date"])

    @property
    def base_url(self) -> str:
        """Where the dated taxonomy is published (mapped to the package by its catalog)."""
        return f"{self.meta['published']}{self.date}/"

    def entry_point_url(self, key: str = "all") -> str:
        """The published URL of an entry point (``all``, ``sse``, ``szse``, ``bse``)."""
        if key not in self.entry_points:
            raise KeyError(f"no entry point {key!r}")
        return f"{self.base_url}{self.prefix}-{key}.xsd"

    @property
    def entry_point(self) -> str:
        """The full entry point's URL."""
        return self.entry_point_url("all")

    def entry_point_urls(self) -> dict[str, str]:
        return {key: self.entry_point_url(key) for key in self.entry_points}

    def role_uri(self, role: Role) -> str:
        return f"{self.meta['published']}role/{role.id}"

    def role(self, key: str) -> Role:
        return next(r for r in self.roles if r.key == key)

    def concept(self, name: str) -> Concept:
        return self.concepts[name]

    def member(self, axis: str, key: str) -> str:
        """The member of an explicit axis for a fuel or energy key (``natural_gas`` → ``NaturalGasMember``)."""
        name = camel(key) + "Member"
        if name not in self.concepts:
            raise KeyError(f"{axis}: no member {name}")
        return name

    def enum_member(self, domain: str, code: str) -> str:
        """The member of an enumeration domain for a filing-schema code (``operational-control`` →
        ``OperationalControlApproachMember``); KeyError when the code has none."""
        return self.enumerations[domain].members[str(code)]

    def enum_value(self, members: Iterable[str]) -> str:
        """The lexical value of an enumeration fact: expanded names as URIs, sorted, space-separated."""
        return " ".join(sorted({f"{self.namespace}#{m}" for m in members}))

    def domain_role(self, domain: str) -> Role:
        """The role whose domain-member tree of ``domain`` an enumeration refers to (enum2:linkrole)."""
        for role in self.roles:
            if role.table and role.domain_usable and any(self.axes[a].domain == domain for a in role.axes):
                return role
        if domain in self.enumerations:
            return next(r for r in self.roles if r.enumerations)
        raise KeyError(f"no role holds the domain {domain}")

    def domain_members(self, domain: str) -> list[Any]:
        """The members of a domain as a nested list (axes' domains and enumeration domains)."""
        for axis in self.axes.values():
            if axis.domain == domain:
                return list(axis.members)
        return list(self.enumerations[domain].members.values())

    def undimensioned(self, concept: str) -> bool:
        """Whether ``concept`` can be reported without dimensions (a total): it is a line item of a
        section without dimensions, or of a table whose axes all have a usable default."""
        for role in self.roles:
            if concept not in role.line_items:
                continue
            if not role.table:
                return True
            if role.domain_usable and all(not self.axes[a].typed for a in role.axes):
                return True
        return False


def tree(items: Iterable[Any]) -> Iterator[tuple[str, list[Any]]]:
    """(name, children) for each node of a nested list (``{parent: [children]}`` nests)."""
    for item in items:
        if isinstance(item, dict):
            yield from item.items()
        else:
            yield item, []


def flatten(items: Iterable[Any]) -> Iterator[str]:
    """Every name of a nested list, depth first."""
    for name, children in tree(items):
        yield name
        yield from flatten(children)


def camel(key: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\-\s]+", key) if part)


def _strip(label: str) -> str:
    return re.sub(r"\s*\[[^\]]*\]$", "", re.sub(r"^\[\d+\]\s*", "", label))


@cache
def definition() -> Definition:
    """The taxonomy definition (read once)."""
    raw = yaml.load(taxonomies().joinpath("cn-ghg.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    concepts = {name: Concept(name=name, type=c["type"], label=c["label"], terse=c.get("terse", {}),
                              total=c.get("total", {}), doc=c.get("doc", {}), refs=tuple(c.get("refs", ())),
                              domain=c.get("domain", ""), balance=c.get("balance", ""))
                for name, c in raw["concepts"].items()}
    for c in concepts.values():
        if c.balance and (c.type != "monetary" or c.balance not in BALANCES):
            raise ValueError(f"{c.name}: balance {c.balance!r} (monetary concepts only: {', '.join(BALANCES)})")
    axes = _axes(raw, concepts)
    enumerations = _enumerations(raw, concepts)
    roles = tuple(Role(r["id"], r["key"], r["label"], tuple(r.get("items", ())), r.get("table"),
                       bool(r.get("calculation")), bool(r.get("enumerations"))) for r in raw["roles"])
    for role in roles:
        if role.hypercube:
            zh, en = _strip(role.label["zh-CN"]), _strip(role.label["en"])
            concepts.setdefault(role.hypercube, Concept(role.hypercube, "table",
                                                        {"zh-CN": f"{zh} [表]", "en": f"{en} [table]"}))
            concepts.setdefault(role.lineitems, Concept(role.lineitems, "lineitems",
                                                        {"zh-CN": f"{zh} [行项目]", "en": f"{en} [line items]"}))
    concepts[SEGMENT_TABLE] = Concept(
        SEGMENT_TABLE, "table", {"zh-CN": "主体分部维度（不允许）[表]",
                                 "en": "Entity segment dimensions (none allowed) [table]"},
        doc={"zh-CN": "封闭的空超立方体（contextElement 为 segment），用于各部分："
                      "上下文的 segment 中不得有维度，维度只能放在 scenario 中。",
             "en": "A closed empty hypercube on the segment, used in every section: no dimension may be put in a "
                   "context's segment; dimensions go in the scenario."})
    _document(concepts, axes, enumerations, roles)
    entry_points = {key: EntryPoint(key, e["name"], tuple(e["sources"]), e.get("basis", ""))
                    for key, e in raw["entry_points"].items()}
    return Definition(raw["taxonomy"], raw["references"], raw["mof_chapters"], raw["units"], entry_points, roles,
                      axes, enumerations, concepts, raw.get("calculations", {}), tuple(raw.get("assertions", ())))


def _axes(raw: dict[str, Any], concepts: dict[str, Concept]) -> dict[str, Axis]:
    axes: dict[str, Axis] = {}
    for name, a in raw["axes"].items():
        members = list(a.get("members", ()))
        if a.get("members_from_fuels"):
            fuels = load_data_yaml("factors/fuels.yaml")["fuels"]
            fuel_members = []
            for key, fuel in fuels.items():
                member = camel(key) + "Member"
                concepts[member] = Concept(member, "member", {"zh-CN": fuel["zh-CN"], "en": fuel["en"]})
                fuel_members.append(member)
            members = fuel_members + members
        axes[name] = Axis(name, a.get("domain", ""), tuple(members), a.get("typed", ""), a.get("pattern", ""))
    return axes


def _enumerations(raw: dict[str, Any], concepts: dict[str, Concept]) -> dict[str, Enumeration]:
    from disclosure.vocabulary import groups

    vocabulary = groups()
    out: dict[str, Enumeration] = {}
    for domain, spec in raw["enumerations"].items():
        members: dict[str, str] = {}
        labels: dict[str, dict[str, str]] = dict(spec.get("labels", {}))
        if spec.get("regions"):
            from disclosure.factors import library

            for key, info in library().regions.items():
                if info.get("level") == spec["regions"]:
                    members[key] = camel(key) + "Member"
                    labels[key] = {"zh-CN": info["zh-CN"], "en": info["en"]}
        else:
            members = {str(code): name for code, name in spec["members"].items()}
            group = vocabulary.get(spec.get("vocabulary", ""), {})
            labels = {code: labels.get(code) or group[code] for code in members}
        for code, name in members.items():
            concepts[name] = Concept(name, "member", {"zh-CN": labels[code]["zh-CN"], "en": labels[code]["en"]})
        out[domain] = Enumeration(domain, members)
    return out


_DOCS = {
    "abstract": ("“{zh}”部分各要素的分组标题，不报告事实。",
                 "Heading that groups the elements of '{en}'; no facts are reported on it."),
    "table": ("“{zh}”的超立方体（封闭）：其行项目只能以所列维度报告。",
              "The (closed) hypercube of '{en}': its line items are reported only with the dimensions listed."),
    "lineitems": ("“{zh}”的行项目。", "The line items of '{en}'."),
    "domain": ("“{zh}”的全部成员；作为维度默认成员时表示合计。",
               "All members of '{en}'; as the dimension default it stands for the total."),
    "member": ("{parent}：{zh}。", "{parent}: {en}."),
}


def _document(concepts: dict[str, Concept], axes: dict[str, Axis], enumerations: dict[str, Enumeration],
              roles: tuple[Role, ...]) -> None:
    """Documentation labels for structural concepts that have none written in the YAML."""
    parent: dict[str, str] = {}
    for axis in axes.values():
        for member in flatten(axis.members):
            parent.setdefault(member, axis.domain)
    for enum in enumerations.values():
        for member in enum.members.values():
            parent.setdefault(member, enum.domain)
    for name, c in list(concepts.items()):
        if c.doc or c.type not in _DOCS:
            continue
        zh_t, en_t = _DOCS[c.type]
        owner = concepts.get(parent.get(name, ""))
        values = {"zh": _strip(c.label["zh-CN"]), "en": _strip(c.label["en"])}
        doc = {"zh-CN": zh_t.format(parent=_strip(owner.label["zh-CN"]) if owner else "", **values),
               "en": en_t.format(parent=_strip(owner.label["en"]) if owner else "", **values)}
        concepts[name] = Concept(c.name, c.type, c.label, c.terse, c.total, doc, c.refs, c.domain, c.balance)
