"""The cn-ghg taxonomy as data: read from ``taxonomies/cn-ghg.yaml`` (plus the fuel list)."""

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
    "intensity-revenue": ("dtr-types24:ghgEmissionsPerMonetaryItemType", "tCO2e/CNY"),
    "intensity-product": ("cn-ghg:ghgEmissionsPerProductItemType", "tCO2e/product"),
    "quantity": ("xbrli:decimalItemType", "product"),
    "decimal": ("xbrli:decimalItemType", "any"),
    "monetary": ("xbrli:monetaryItemType", "CNY"),
    "percent": ("dtr-types:percentItemType", "pure"),
    "integer": ("xbrli:nonNegativeIntegerItemType", "pure"),
    "string": ("xbrli:stringItemType", ""),
    "text": ("dtr-types:textBlockItemType", ""),
    "boolean": ("xbrli:booleanItemType", ""),
    "date": ("xbrli:dateItemType", ""),
    "gyear": ("xbrli:gYearItemType", ""),
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
           "percent", "integer"}
ABSTRACT = {"abstract", "axis", "table", "lineitems", "domain", "member"}


@dataclass(frozen=True)
class Concept:
    name: str
    type: str
    label: dict[str, str]
    terse: dict[str, str] = field(default_factory=dict)
    doc: dict[str, str] = field(default_factory=dict)
    refs: tuple[dict[str, str], ...] = ()
    checklist: str = ""
    level: str = ""

    @property
    def numeric(self) -> bool:
        return self.type in NUMERIC

    @property
    def abstract(self) -> bool:
        return self.type in ABSTRACT


@dataclass(frozen=True)
class Axis:
    name: str
    domain: str = ""
    members: tuple[Any, ...] = ()
    """Member names; a dict ``{parent: [children]}`` nests."""
    typed: str = ""

    def top_members(self) -> list[str]:
        return [next(iter(m)) if isinstance(m, dict) else m for m in self.members]


@dataclass(frozen=True)
class Role:
    id: str
    key: str
    label: dict[str, str]
    items: tuple[Any, ...] = ()
    table: dict[str, Any] | None = None
    calculation: bool = False

    @property
    def concepts(self) -> set[str]:
        """The concepts the section presents: a table's line items, or every node of its tree."""
        return set(self.table["items"]) if self.table else set(flatten(self.items))


@dataclass(frozen=True)
class Definition:
    meta: dict[str, Any]
    references: dict[str, dict[str, str]]
    roles: tuple[Role, ...]
    axes: dict[str, Axis]
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
    def entry_point(self) -> str:
        """The published URL of the full entry point (mapped to the package by its catalog)."""
        return f"{self.meta['published']}{self.date}/{self.prefix}-all.xsd"

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


@cache
def definition() -> Definition:
    """The taxonomy definition (read once)."""
    raw = yaml.safe_load(taxonomies().joinpath("cn-ghg.yaml").read_text(encoding="utf-8"))
    concepts = {name: Concept(name=name, type=c["type"], label=c["label"], terse=c.get("terse", {}),
                              doc=c.get("doc", {}), refs=tuple(c.get("refs", ())),
                              checklist=c.get("checklist", ""), level=c.get("level", ""))
                for name, c in raw["concepts"].items()}
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
        axes[name] = Axis(name, a.get("domain", ""), tuple(members), a.get("typed", ""))
    for role in raw["roles"]:
        table = role.get("table")
        if table:
            base = table["name"].removesuffix("Table")
            zh = re.sub(r"^\[\d+\]\s*", "", role["label"]["zh-CN"]).replace(" [表]", "")
            en = re.sub(r"^\[\d+\]\s*", "", role["label"]["en"]).replace(" [table]", "")
            concepts[table["name"]] = Concept(table["name"], "table", {"zh-CN": f"{zh} [表]", "en": f"{en} [table]"})
            concepts[base + "LineItems"] = Concept(base + "LineItems", "lineitems",
                                                   {"zh-CN": f"{zh} [行项目]", "en": f"{en} [line items]"})
    roles = tuple(Role(r["id"], r["key"], r["label"], tuple(r.get("items", ())), r.get("table"),
                       bool(r.get("calculation"))) for r in raw["roles"])
    return Definition(raw["taxonomy"], raw["references"], roles, axes, concepts, raw.get("calculations", {}),
                      tuple(raw.get("assertions", ())))
