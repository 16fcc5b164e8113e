"""The disclosure checklist (``data/checklist.yaml``): every requirement of the exchange guideline, its
compilation guides, the MoF standards, IFRS S2, the MEE and SASAC channels, as items with their sources,
obligations by filer class and a declarative "met when". Validate's checklist rule, the Word disclosure
index, ``docs/checklist.md`` and the mandatory concept lists all derive from it.

``python -m disclosure.checklist > docs/checklist.md`` regenerates the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cache
from typing import Any

from disclosure.compute.results import Figures
from disclosure.model import Filing
from disclosure.model.base import LocalText
from disclosure.model.narrative import Topic, TopicMateriality
from disclosure.model.report import EXCHANGE_BASES, Ownership, PreparationBasis
from disclosure.resources import load_data_yaml

CLASSES = ("mandatory", "voluntary", "mof", "ifrs", "central-soe", "provincial-soe", "ets")
"""Filer classes an obligation is stated for."""
LEVELS = {"R": 4, "C": 3, "E": 2, "X": 1}
"""Obligation levels, strongest first: required, conditional (如涉及), encouraged, expected (SASAC)."""
EXCHANGE_CLASSES = frozenset({"mandatory", "voluntary"})
ADOPTED_CLASSES = frozenset({"mof", "ifrs"})
"""Classes that come from a standard the filer adopts (MoF climate standard, IFRS S2), not from a regulator:
the index shows their level beside the exchange guideline's, never instead of it."""
TITLE_WORDS = ("可持续发展报告", "环境、社会和公司治理报告")
"""Guide No. 1, ch. 1 五: the title is, or contains, one of these."""


@dataclass(frozen=True)
class Ref:
    """Where a requirement is stated, and how its text was read (V, S or NF)."""

    source: str
    article: str
    """As the report's index cites it; empty where no article number was found."""
    status: str
    note: str = ""
    """Research notes (what was not found); for docs/checklist.md, never for reports."""


@dataclass(frozen=True)
class Item:
    id: str
    section: str
    text: dict[str, str]
    obligation: dict[str, str]
    refs: tuple[Ref, ...]
    met_paths: tuple[str, ...] = ()
    applies_if: tuple[str, ...] = ()
    rule: str = ""
    rendered: str = ""
    four_pillar: bool = False
    concepts: tuple[str, ...] = ()
    mandatory_concepts: tuple[str, ...] = ()
    proposed: tuple[str, ...] = ()
    out_of_scope: str = ""
    partial: str = ""
    fact: str = ""
    """The index cell states a fact instead of naming a section (``self``: the index itself; ``mee_upload``:
    the upload of the annual environmental information report; ``withheld``: the rows that explain)."""
    by_exchange: tuple[tuple[str, dict[str, str]], ...] = ()
    """The requirement's wording per exchange (its own criteria), where the three guidelines differ."""
    shows: tuple[str, ...] = ()
    """Report tables (``templates/report/*/texts.yaml`` ``tables``) that disclose the item: the index
    claims the item only where one of them is printed, and never denies it where one is."""

    def level(self, classes: Iterable[str]) -> str | None:
        """The strongest obligation over ``classes``, or None when it does not apply to any."""
        found = [self.obligation[c] for c in classes if c in self.obligation]
        return max(found, key=LEVELS.__getitem__) if found else None


@cache
def sources() -> dict[str, dict[str, Any]]:
    """Source key → titles, short names, issuer, date and where its text was read."""
    data: dict[str, dict[str, Any]] = load_data_yaml("checklist.yaml")["sources"]
    return data


@cache
def items() -> tuple[Item, ...]:
    """Every checklist item, in report order."""
    return tuple(_item(raw) for raw in load_data_yaml("checklist.yaml")["items"])


def _item(raw: dict[str, Any]) -> Item:
    return Item(
        id=raw["id"], section=raw["section"], text={"zh-CN": raw["zh-CN"], "en": raw["en"]},
        obligation=dict(raw["obligation"]),
        refs=tuple(Ref(r["source"], str(r["article"]), r["status"], r.get("note", "")) for r in raw["refs"]),
        met_paths=tuple(raw.get("met", ())), applies_if=tuple(raw.get("applies_if", ())),
        rule=raw.get("rule", ""), rendered=raw.get("rendered", ""),
        four_pillar=bool(raw.get("four_pillar", False)), concepts=tuple(raw.get("concepts", ())),
        mandatory_concepts=tuple(raw.get("mandatory_concepts", ())), proposed=tuple(raw.get("proposed", ())),
        out_of_scope=raw.get("out_of_scope", ""), partial=raw.get("partial", ""),
        shows=tuple(raw.get("shows", ())), fact=raw.get("fact", ""),
        by_exchange=tuple((k, dict(v)) for k, v in raw.get("by_exchange", {}).items()))


def item(item_id: str) -> Item:
    return next(i for i in items() if i.id == item_id)


# --- filer classes and applicability ----------------------------------------------------------------

def filer_classes(filing: Filing) -> frozenset[str]:
    """The classes the filer belongs to: its bases of preparation, ownership and ETS coverage."""
    bases = set(filing.report.bases)
    out = set()
    if bases & EXCHANGE_BASES:
        out.add("mandatory" if filing.entity.mandatory else "voluntary")
    if PreparationBasis.MOF in bases:
        out.add("mof")
    if PreparationBasis.IFRS_S2 in bases:
        out.add("ifrs")
    if filing.entity.ownership is Ownership.CENTRAL_SOE or PreparationBasis.SASAC in bases:
        out.add("central-soe")
    if filing.entity.ownership is Ownership.PROVINCIAL_SOE:
        out.add("provincial-soe")
    if any(f.ets.covered for f in filing.facilities):
        out.add("ets")
    return frozenset(out)


def climate_financially_material(filing: Filing) -> bool:
    """Whether climate change is financially material (Art. 5); assumed so without a per-topic result."""
    dm = filing.report.double_materiality
    if dm is None:
        return True
    return any(t.financial for t in dm.topics if t.topic is Topic.CLIMATE_CHANGE) or not any(
        t.topic is Topic.CLIMATE_CHANGE for t in dm.topics)


def obligation(it: Item, filing: Filing) -> str | None:
    """The item's level for this filer, or None when it does not apply."""
    classes = set(filer_classes(filing))
    if it.four_pillar and not climate_financially_material(filing):
        classes -= EXCHANGE_CLASSES
    return it.level(classes)


def index_levels(it: Item, filing: Filing) -> tuple[str | None, str | None]:
    """The levels the disclosure index shows: (the level of the exchange guideline, or where it states
    none, of the regulator whose rule it is (MEE, SASAC); the stricter level of a standard the filer
    adopts (MoF climate standard, IFRS S2), else None). The first is None where only an adopted standard
    states the item. Levels of one item are the same for every filer of the same exchange class."""
    classes = set(filer_classes(filing))
    if it.four_pillar and not climate_financially_material(filing):
        classes -= EXCHANGE_CLASSES
    own = it.level(classes & EXCHANGE_CLASSES) or it.level(classes - EXCHANGE_CLASSES - ADOPTED_CLASSES)
    adopted = it.level(classes & ADOPTED_CLASSES)
    if adopted is not None and own is not None and LEVELS[adopted] <= LEVELS[own]:
        adopted = None
    return own, adopted


TOPIC_SECTIONS = {"energy-use": ("metrics.energy_use", "ENE-01")}
"""Topics of the materiality assessment this report covers besides climate change (the report itself):
the section, and the item whose being met shows the section is printed."""


def material_topics(filing: Filing) -> list[TopicMateriality]:
    """The topics the double-materiality assessment finds material (impact or financial), climate change
    aside: each is disclosed in this report, in another report the filing names, or explained (Arts. 5, 7)."""
    dm = filing.report.double_materiality
    return [] if dm is None else [t for t in dm.topics
                                  if t.topic is not Topic.CLIMATE_CHANGE and (t.impact or t.financial)]


def topic_section(topic: TopicMateriality, filing: Filing, figures: Figures | None) -> str | None:
    """The section of this report that discloses a material topic, or None."""
    covered = TOPIC_SECTIONS.get(topic.topic.value)
    return covered[0] if covered and status(item(covered[1]), filing, figures) == "met" else None


def exchange(filing: Filing) -> str | None:
    """The exchange whose guideline the filer reports under (SSE, SZSE, BSE), from its bases."""
    names = {PreparationBasis.SSE: "SSE", PreparationBasis.SZSE: "SZSE", PreparationBasis.BSE: "BSE"}
    return next((names[b] for b in filing.report.bases if b in names), None)


def applies(it: Item, filing: Filing, figures: Figures | None) -> bool:
    """The item applies to this filer and its condition (``applies_if``) holds."""
    if obligation(it, filing) is None:
        return False
    return all(_holds(p, filing, figures) for p in it.applies_if)


def met(it: Item, filing: Filing, figures: Figures | None) -> bool:
    """Whether the filing (and the report made from it) discloses the item."""
    if it.out_of_scope:
        return False
    if it.rendered:
        return True
    if not all(_holds(p, filing, figures) for p in it.met_paths):
        return False
    check = RULES.get(it.rule)
    return check is None or check(filing, figures)


def omitted(filing: Filing) -> dict[str, Any]:
    """Items the filing explains as not disclosed (comply or explain), by id."""
    return {o.item: o for o in filing.omissions}


def status(it: Item, filing: Filing, figures: Figures | None) -> str:
    """met, omitted, missing (applies, not met), optional (applies, not required, not met),
    out-of-scope (the tool cannot meet it; the reason is in the item), n/a."""
    if obligation(it, filing) is None:
        return "n/a"
    if it.out_of_scope:
        return "out-of-scope"
    if it.id in omitted(filing):
        return "omitted"
    if it.applies_if and not applies(it, filing, figures):
        return "n/a"  # a conditional item whose condition does not hold is not "met" by default
    if met(it, filing, figures):
        return "met"
    if not applies(it, filing, figures):
        return "n/a"
    return "missing" if required(it, filing, figures) else "optional"


def required(it: Item, filing: Filing, figures: Figures | None) -> bool:
    """Required for this filer: level R, a SASAC expectation, or a conditional item whose condition
    the filing shows to hold."""
    level = obligation(it, filing)
    return level in ("R", "X") or (level == "C" and bool(it.applies_if) and applies(it, filing, figures))


# --- the mandatory lists for the taxonomy, VR-RPT-001 and the checker -------------------------------

def mandatory_items(filer_class: str = "mandatory") -> tuple[Item, ...]:
    """Items required (R) of ``filer_class`` unconditionally (no ``applies_if``), in order."""
    return tuple(i for i in items() if i.obligation.get(filer_class) == "R" and not i.applies_if
                 and not i.out_of_scope)


def mandatory_concepts(filer_class: str = "mandatory") -> dict[str, tuple[str, ...]]:
    """Item id → the concepts whose undimensioned fact of the year proves a required item, for
    ``filer_class``: the list VR-RPT-001 and the checker test and the taxonomy marks mandatory.
    Four-pillar items are included: they apply unless the filer's assessment finds climate change
    not financially material, which the taxonomy cannot see."""
    return {i.id: i.mandatory_concepts for i in mandatory_items(filer_class) if i.mandatory_concepts}


def concept_references() -> dict[str, list[tuple[Item, Ref]]]:
    """Concept → the (item, reference) pairs it discloses, for the taxonomy's reference linkbase."""
    out: dict[str, list[tuple[Item, Ref]]] = {}
    for it in items():
        for concept in it.concepts:
            out.setdefault(concept, []).extend((it, r) for r in it.refs)
    return out


# --- paths ------------------------------------------------------------------------------------------

_PART = re.compile(r"^(?P<name>[a-z_0-9]+)(?P<sel>\[(?:(?P<key>[a-z_0-9]+)=(?P<value>[A-Za-z0-9_.\-]+))?\])?$")


def _holds(expr: str, filing: Filing, figures: Figures | None) -> bool:
    """A condition: "a|b" either present; "!p" p absent."""
    return any(not _present(resolve(alt[1:], filing, figures)) if alt.startswith("!")
               else _present(resolve(alt, filing, figures)) for alt in expr.split("|"))


def parse(path: str) -> tuple[str, list[tuple[str, str | None, tuple[str, str] | None]]]:
    """``path`` as (root, [(name, selector, (key, value))]); root is "filing" or "figures"."""
    parts = path.split(".")
    root = "figures" if parts[0] == "figures" else "filing"
    if root == "figures":
        parts = parts[1:]
    out: list[tuple[str, str | None, tuple[str, str] | None]] = []
    for part in parts:
        m = _PART.match(part)
        if m is None:
            raise ValueError(f"bad checklist path {path!r} at {part!r}")
        key = (m["key"], m["value"]) if m["key"] else None
        out.append((m["name"], m["sel"], key))
    return root, out


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def resolve(path: str, filing: Filing, figures: Figures | None) -> list[Any]:
    """The values ``path`` reaches (several through ``[]``)."""
    root, parts = parse(path)
    values: list[Any] = [filing if root == "filing" else figures]
    for name, sel, key in parts:
        nxt: list[Any] = []
        for v in values:
            if v is None:
                continue
            child = v.get(name) if isinstance(v, dict) else getattr(v, name, None)
            if sel is None:
                nxt.append(child)
            elif isinstance(child, (list, tuple)):
                nxt.extend(e for e in child if key is None or _text(getattr(e, key[0], None)) == key[1])
        values = nxt
    return values


def _present(values: list[Any]) -> bool:
    for v in values:
        if v is None:
            continue
        if isinstance(v, (str, list, tuple, dict)) and not v:
            continue
        if isinstance(v, LocalText) and not (v.zh or v.en):
            continue
        return True
    return False


# --- named conditions ---------------------------------------------------------------------------------

def title_ok(title: str | None) -> bool:
    """RPT-01: the title is or contains 可持续发展报告 or 环境、社会和公司治理报告 (Guide No. 1, ch. 1 五)."""
    return bool(title) and any(w in (title or "") for w in TITLE_WORDS)


def _title(f: Filing, _: Figures | None) -> bool:
    return title_ok(f.report.title.zh)


def _full_year(f: Filing, _: Figures | None) -> bool:
    r = f.report
    return r.period_start == date(r.fiscal_year, 1, 1) and r.period_end == date(r.fiscal_year, 12, 31)


def _target_absence(f: Filing, _: Figures | None) -> bool:
    o = omitted(f).get("MT-01")
    return o is not None and o.planned_year is not None


def _unquantified_explained(f: Filing, _: Figures | None) -> bool:
    if f.strategy is None:
        return True
    effects = [e for r in f.strategy.risks_opportunities for e in (r.current_effect, r.anticipated_effect)
               if e is not None and e.not_quantified is not None]
    return all(e.not_quantified is not None and e.not_quantified.plan for e in effects)


def _restated_explained(f: Filing, _: Figures | None) -> bool:
    explained = {r.year for r in f.restatements}
    return all(h.year in explained for h in f.history if h.restated)


def _effects_quantified(f: Filing, _: Figures | None) -> bool:
    if f.strategy is None:
        return False
    return all(r.current_effect is not None and (r.current_effect.amount is not None
                                                  or r.current_effect.not_quantified is not None)
               for r in f.strategy.risks_opportunities)


RULES: dict[str, Callable[[Filing, Figures | None], bool]] = {
    "title": _title, "full_year": _full_year, "target_absence": _target_absence,
    "unquantified_explained": _unquantified_explained, "restated_explained": _restated_explained,
    "effects_quantified": _effects_quantified,
}
"""Conditions the paths cannot state (the ``rule`` of an item)."""
