"""What the Word report says: the template context, the tables and the charts, built from the filing,
the figures and the XBRL facts (the numbers are the facts' own rounded values)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from disclosure.catalogue import CATALOGUE
from disclosure.compute import Figures
from disclosure.compute.finance import wan
from disclosure.factors import library
from disclosure.issues import Issue
from disclosure.model import Filing
from disclosure.model.base import LocalText
from disclosure.model.narrative import RiskOrOpportunity
from disclosure.model.wording import Wording
from disclosure.taxonomy import definition
from disclosure.vocabulary import label as vocab
from disclosure.word import charts, citations, disclosures
from disclosure.word.document import Image, Table
from disclosure.word.figures import (
    DASH,
    GASES,
    FactTable,
    Shown,
    change,
    date_text,
    joined,
    label,
    number,
    number_text,
    share,
    show,
    signed,
)
from disclosure.word.markup import texts as language_texts
from disclosure.xbrl.facts import Fact

SOURCE_KINDS = {"ElectricitySource": ("外购电力", "Purchased electricity"),
                "HeatSource": ("外购热力", "Purchased heat"),
                "cement-clinker": ("熟料煅烧", "Clinker calcination"),
                "aluminium-anode": ("阳极消耗", "Anode consumption"),
                "aluminium-pfc": ("阳极效应", "Anode effects"),
                "direct": ("直接排放", "Direct emissions")}
"""What an unnamed source is called in print (a combustion source by its fuel)."""


def _is_source(node: object) -> bool:
    return isinstance(getattr(node, "fuel", None), str) or type(node).__name__ in SOURCE_KINDS \
        or str(getattr(node, "type", "")) in SOURCE_KINDS

@dataclass
class Content:
    """Everything the directives need; the template context is ``word.context.context(builder)``."""

    builder: Builder
    tables: dict[str, Table]
    images: dict[str, Image]
    notices: list[str]


class Builder:
    """Builds the tables and charts of one report; read by the template context."""

    def __init__(self, filing: Filing, figures: Figures, facts: list[Fact], lang: str, texts: dict[str, Any],
                 ghg_unit: str, draft: bool = False) -> None:
        self.filing, self.figures, self.lang = filing, figures, lang
        self.market_chapter = market_chapter(filing)
        self.t = chapters(texts, self.market_chapter, lang)
        self.year = filing.report.fiscal_year
        self.facts = FactTable(facts, self.year, lang)
        self.ghg_unit_text = texts["units"]["10kt" if ghg_unit == "10kt" else "tCO2e"]
        self.tables: dict[str, Table] = {}
        self.images: dict[str, Image] = {}
        self.notices: list[str] = []
        self.years = [self.year]
        self.mix: list[tuple[str, Decimal]] = []
        self.meter_share = DASH
        self.draft = draft
        self.preparer = citations.preparer_sources(filing)
        types = sorted({i.type.value for f in filing.facilities for e in f.electricity for i in e.instruments})
        self.instruments = ("、" if lang == "zh-CN" else ", ").join(vocab("instrument-type", x, lang) for x in types)
        """The contractual instrument types market-based Scope 2 deducts, named for the reader ("" for none)."""

    # --- helpers -----------------------------------------------------------------------------
    def tx(self, text: LocalText | Wording | None) -> str:
        return text.get(self.lang) if text is not None else ""

    def yes(self, flag: bool) -> str:
        return str(self.t["words"]["yes" if flag else "no"])

    def table(self, name: str, rows: list[list[str]], *, numeric: Iterable[int] = (), emphasis: Iterable[int] = (),
              headers: list[str] | None = None, note_args: dict[str, str] | None = None) -> None:
        if not rows:
            return
        spec = self.t["tables"][name]
        note = spec.get("note", "").format(**(note_args or {})).strip()
        self.tables[name] = Table(spec["caption"], tuple(headers or self.t["headers"][name]),
                                  tuple(tuple(r) for r in rows), frozenset(numeric), frozenset(emphasis), note)

    def ghg(self, concept: str, **where: Any) -> str:
        return self.facts.show(concept, **where)

    # --- tables --------------------------------------------------------------------------------
    def summary(self) -> None:
        rows_spec = [("scope1", "Scope1GHGEmissions"), ("scope2_location", "Scope2LocationBasedGHGEmissions"),
                     ("scope2_market", "Scope2MarketBasedGHGEmissions"),
                     ("scope12_location", "Scope1And2LocationBasedGHGEmissions"),
                     ("scope12_market", "Scope1And2MarketBasedGHGEmissions"), ("scope3", "Scope3GHGEmissions"),
                     ("scope123_location", "Scope1To3LocationBasedGHGEmissions"),
                     ("scope123_market", "Scope1To3MarketBasedGHGEmissions")]
        years = [self.year] + [y for y in self.facts.years("Scope1GHGEmissions") if y != self.year][:3]
        base = self.filing.base_year.year if self.filing.base_year else None
        words = self.t["words"]
        heads = [words["indicator"]] + [
            f"{y}（{words['base_year']}）" if y == base and self.lang == "zh-CN"
            else f"{y} ({words['base_year']})" if y == base else str(y) for y in years]
        prior = years[1] if len(years) > 1 else None
        if prior is not None:
            heads.append(words["change"])
        rows = []
        for key, concept in rows_spec:
            if self.facts.get(concept) is None:
                continue
            row = [self.t["rows"][key]] + [self.ghg(concept, year=y) for y in years]
            if prior is not None:
                row.append(change(self.facts.value(concept), self.facts.value(concept, year=prior)))
            rows.append(row)
        energy = [self.t["rows"]["energy"]] + [self.facts.show("EnergyConsumption", year=y) for y in years]
        if prior is not None:
            energy.append(change(self.facts.value("EnergyConsumption"),
                                 self.facts.value("EnergyConsumption", year=prior)))
        rows.append(energy)
        heads[0] = f"{words['indicator']}（{self.ghg_unit_text}）" if self.lang == "zh-CN" \
            else f"{words['indicator']} ({self.ghg_unit_text})"
        emphasis = {i for i, r in enumerate(rows) if r[0] in (self.t["rows"]["scope12_location"],)}
        if self.instruments:  # the note names the instrument types actually deducted, and no others
            market = words["market_deducted"].format(types=self.instruments)
        elif self.figures.totals.scope2_market == self.figures.totals.scope2_location:
            market = words["market_none"]
        else:
            market = ""
        self.table("emissions_summary", rows, numeric=set(range(1, len(heads))), emphasis=emphasis, headers=heads,
                   note_args={"market": market})
        self.years = years

    def facilities(self) -> None:
        rows = []
        for fac in self.filing.facilities:
            dim = (("FacilityAxis", fac.id),)
            region = library().regions.get(library().region_key(fac.province) or "", {})
            rows.append([fac.name.get(self.lang), region.get(self.lang, fac.province), self.yes(fac.ets.covered),
                         self.facts.show("FacilityOwnershipShare", typed=dim),
                         self.ghg("Scope1GHGEmissions", typed=dim),
                         self.ghg("Scope2LocationBasedGHGEmissions", typed=dim),
                         self.ghg("Scope2MarketBasedGHGEmissions", typed=dim)])
        heads = list(self.t["headers"]["by_facility"])
        heads[4:] = [f"{h}（{self.ghg_unit_text}）" if self.lang == "zh-CN" else f"{h} ({self.ghg_unit_text})"
                     for h in heads[4:]]
        notes = "".join(self.tx(f.ets.note) + ("" if self.lang == "zh-CN" else " ")
                        for f in self.filing.facilities if f.ets.note is not None)
        self.table("by_facility", rows, numeric={3, 4, 5, 6}, headers=heads,
                   note_args={"approach": self._approach(), "ets": notes})

    def _approach(self) -> str:
        text = vocab("consolidation-approach", self.figures.approach, self.lang)
        return text if self.lang == "zh-CN" else text.lower()

    def breakdown(self, name: str, concept: str, axis: str) -> None:
        whole = self.facts.value(concept)
        top = set(definition().axes[axis].top_members())
        of_which = self.t["words"]["of_which"]  # a sub-member (CF4 under PFCs) is part of its parent's row
        rows = [[label(member, self.lang) if member in top else f"{of_which}{label(member, self.lang)}",
                 show(f), share(self._value(f), whole)]
                for member, f in self.facts.members(concept, axis)]
        if rows:
            rows.append([self.t["words"]["total"], self.ghg(concept), "100.0%"])
        self.table(name, rows, numeric={1, 2}, emphasis={len(rows) - 1},
                   headers=self._unit_headers(name, {1}))

    def _unit_headers(self, name: str, columns: set[int], unit: str | None = None) -> list[str]:
        heads = list(self.t["headers"][name])
        unit = unit or self.ghg_unit_text
        for i in columns:
            heads[i] = f"{heads[i]}（{unit}）" if self.lang == "zh-CN" else f"{heads[i]} ({unit})"
        return heads

    @staticmethod
    def _value(f: Fact) -> Decimal | None:
        return f.value if isinstance(f.value, Decimal) else None

    def consolidation(self) -> None:
        rows = []
        for key, member in (("consolidated", "ConsolidatedAccountingGroupMember"),
                            ("investees", "OtherInvesteesMember")):
            dim = (("ConsolidationScopeAxis", member),)
            rows.append([self.t["rows"][key]] + [self.ghg(c, explicit=dim) for c in (
                "Scope1GHGEmissions", "Scope2LocationBasedGHGEmissions", "Scope2MarketBasedGHGEmissions")])
        rows.append([self.t["words"]["total"]] + [self.ghg(c) for c in (
            "Scope1GHGEmissions", "Scope2LocationBasedGHGEmissions", "Scope2MarketBasedGHGEmissions")])
        self.table("by_consolidation", rows, numeric={1, 2, 3}, emphasis={2},
                   headers=self._unit_headers("by_consolidation", {1, 2, 3}))

    def scope3(self) -> None:
        s3 = self.filing.scope3
        if s3 is None:
            return
        members = dict(self.facts.members("Scope3GHGEmissions", "Scope3CategoryAxis"))
        axis = self.facts
        rows = []
        for member, fact in members.items():
            dim = (("Scope3CategoryAxis", member),)
            method = axis.get("Scope3MeasurementMethod", explicit=dim)
            quality = axis.get("Scope3DataQuality", explicit=dim)
            rows.append([label(member, self.lang), show(fact), str(method.value) if method else DASH,
                         vocab("data-quality", str(quality.value), self.lang) if quality else DASH])
        if rows:
            rows.append([self.t["words"]["total"], self.ghg("Scope3GHGEmissions"), "", ""])
        self.table("scope3", rows, numeric={1}, emphasis={len(rows) - 1}, headers=self._unit_headers("scope3", {1}))
        top = definition().axes["Scope3CategoryAxis"].top_members()
        self.table("scope3_excluded", [[label(top[x.category - 1], self.lang), self.tx(x.reason)]
                                       for x in s3.excluded])

    def energy(self) -> None:
        whole = self.facts.value("EnergyConsumption")
        rows = []
        mix: list[tuple[str, Decimal]] = []
        for member, fact in self.facts.members("EnergyConsumption", "EnergyTypeAxis"):
            dim = (("EnergyTypeAxis", member),)
            rows.append([label(member, self.lang), show(fact),
                         self.facts.show("EnergyConsumptionInGigajoules", explicit=dim),
                         share(self._value(fact), whole)])
            value = self._value(fact)
            if value is not None:
                mix.append((member, value))
        if not rows:
            return
        rows.append([self.t["words"]["total"], self.facts.show("EnergyConsumption"),
                     self.facts.show("EnergyConsumptionInGigajoules"), "100.0%"])
        self.table("energy", rows, numeric={1, 2, 3}, emphasis={len(rows) - 1})
        self.mix = sorted(mix, key=lambda x: x[1], reverse=True)

    def intensity(self) -> None:
        rows = []
        if self.facts.get("RevenueUsedForGHGIntensity") is not None:
            rows.append([self.t["rows"]["revenue"], self.facts.show("RevenueUsedForGHGIntensity"),
                         self.t["units"]["revenue"]])
            for key, concept in (("scope1_intensity", "Scope1GHGIntensityPerRevenue"),
                                 ("scope12_location_intensity", "Scope1And2LocationBasedGHGIntensityPerRevenue"),
                                 ("scope12_market_intensity", "Scope1And2MarketBasedGHGIntensityPerRevenue")):
                if self.facts.get(concept) is not None:
                    rows.append([self.t["rows"][key], self.facts.show(concept), self.t["units"]["per_revenue"]])
        self.table("intensity", rows, numeric={1})
        products = []
        for product in sorted(self.figures.intensity_product):
            dim = (("ProductAxis", product),)
            unit = str(self.figures.intensity_product[product]["unit"])
            name = next((p.name.get(self.lang) for f in self.filing.facilities for p in f.products
                         if p.key == product), product)
            per = citations.unit_text(unit, self.lang)
            products.append([name, f"{self.facts.show('ProductionVolume', typed=dim)} {per}",
                             self.facts.show("Scope1GHGIntensityPerUnitOfProduct", typed=dim),
                             self.facts.show("Scope1And2LocationBasedGHGIntensityPerUnitOfProduct", typed=dim),
                             f"吨二氧化碳当量/{per}" if self.lang == "zh-CN" else f"tCO₂e/{per}"])
        self.table("product_intensity", products, numeric={1, 2, 3})

    def targets(self) -> None:
        rows = []
        for target in self.filing.targets:
            dim = (("TargetAxis", target.id),)
            base = self.facts.show("TargetBaseYearValue", typed=dim)
            rows.append([target.name.get(self.lang), vocab("target-kind", target.kind, self.lang),
                         "、".join(vocab("target-scope", s, self.lang) for s in target.scopes)
                         if self.lang == "zh-CN" else ", ".join(vocab("target-scope", s, self.lang)
                                                               for s in target.scopes),
                         str(target.base_year), base, str(target.target_year),
                         self.facts.show("TargetReductionPercentage", typed=dim),
                         self.facts.show("TargetProgressPercentage", typed=dim)])
        self.table("targets", rows, numeric={3, 4, 5, 6, 7})

    def market(self) -> None:
        m = self.filing.carbon_market
        if m is None:
            return
        names = {f.id: f.name.get(self.lang) for f in self.filing.facilities}
        rows = []
        for c in m.compliance:
            dim = (("FacilityAxis", c.facility),)
            obligation = self.facts.get("SurrenderObligation", year=c.compliance_year, typed=dim)
            ccer = self.facts.get("CCERUsedForSurrender", year=c.compliance_year, typed=dim)
            rows.append([names.get(c.facility, c.facility), str(c.compliance_year),
                         self.ghg("AllowancesAllocated", year=c.compliance_year, typed=dim),
                         show(obligation) if obligation else DASH,
                         self.ghg("AllowancesSurrendered", year=c.compliance_year, typed=dim),
                         show(ccer) if ccer else DASH,
                         share(self._value(ccer) if ccer else None, self._value(obligation) if obligation else None),
                         self.yes(c.surrender_completed)])
        self.table("compliance", rows, numeric={1, 2, 3, 4, 5, 6})
        self.table("credits", [[vocab("credit-type", c.type, self.lang), self.tx(c.project), str(c.vintage or DASH),
                                vocab("credit-purpose", c.purpose, self.lang), number(c.quantity, 0)]
                               for c in m.credits], numeric={2, 4})
        self.table("ccer_projects", [[p.name.get(self.lang), p.methodology,
                                      vocab("project-status", p.status, self.lang), number(p.issued, 0),
                                      number(p.sold, 0)] for p in m.ccer_projects],
                   numeric={3, 4})
        rows = [[vocab("target-scope", r.scope, self.lang), self.tx(r.measure), number(r.quantity, 0),
                 disclosures.money(wan(r.investment))] for r in m.reductions]
        if rows:
            invested = [w for r in m.reductions if (w := wan(r.investment)) is not None]
            rows.append([self.t["words"]["total"], "", self.ghg("GHGEmissionReductionsAchieved"),
                         disclosures.money(sum(invested, Decimal(0))) if invested else DASH])
        self.table("reductions", rows, numeric={2, 3}, emphasis={len(rows) - 1})

    def quality(self) -> None:
        rows = []
        for parameter, counts in sorted(self.figures.parameter_basis.items()):
            measured, default = counts.get("measured", 0), counts.get("default", 0)
            rows.append([self.t["parameters"].get(parameter, parameter), str(measured), str(default),
                         share(Decimal(measured), Decimal(measured + default))])
        total: set[int] = set()
        if len(rows) > 1 and self.facts.get("NumberOfParametersMeasured") is not None:  # the tagged counts
            all_measured = self.facts.value("NumberOfParametersMeasured") or Decimal(0)
            all_default = self.facts.value("NumberOfParametersDefaulted") or Decimal(0)
            total = {len(rows)}
            rows.append([self.t["words"]["total"], self.facts.show("NumberOfParametersMeasured"),
                         self.facts.show("NumberOfParametersDefaulted"),
                         share(all_measured, all_measured + all_default)])
        self.table("parameters", rows, numeric={1, 2, 3}, emphasis=total)
        names = {f.id: f.name.get(self.lang) for f in self.filing.facilities}
        self.table("substitutions", [
            [names.get(s.facility, s.facility), self.source_name(s.facility, s.source), s.period,
             f"{self.t['parameters'].get(s.parameter, s.parameter)}（{self.t['reasons'].get(s.reason, s.reason)}）"
             if self.lang == "zh-CN" else  # parameter and reason in one column: eight columns fit at 9 pt
             f"{self.t['parameters'].get(s.parameter, s.parameter)} ({self.t['reasons'].get(s.reason, s.reason)})",
             DASH if s.original is None else f"{s.original} {citations.unit_text(s.original_unit or '', self.lang)}",
             f"{s.value} {citations.unit_text(s.unit, self.lang)}", self.default_source(s.factor),
             DASH if s.difference is None else signed(s.difference)]
            for s in self.figures.substitutions], numeric={4, 5, 7})
        self.quality_checks()
        rows = []
        ets_basis = False
        for fac in self.filing.facilities:
            v = fac.verification
            if v is None:
                continue
            dim = (("FacilityAxis", fac.id),)
            computed2 = "Scope2ETSBasisGHGEmissions" if v.scope2_basis == "ets" else "Scope2LocationBasedGHGEmissions"
            gaps = {r.scope: self.gap(r.gap, r.pct) for r in (self.figures.quality.reconciliations
                                                              if self.figures.quality else []) if r.facility == fac.id}
            issued = date_text(v.date, self.lang) if v.date else ""
            zh = self.lang == "zh-CN"

            def printed(concept: str, text: str, dim: tuple[tuple[str, str], ...] = dim) -> str:
                fact = self.facts.get(concept, typed=dim)  # the cell carries the facts it prints
                return Shown(text, fact) if fact is not None else text

            who = joined(printed("VerifierName", self.tx(v.verifier)), "，" if zh else "; ",
                         printed("VerificationReportNumber", v.report_no),
                         *(("（" if zh else " (", printed("VerificationReportDate", issued), "）" if zh else ")")
                           if issued else ()))
            ets_basis = ets_basis or (v.scope2_basis == "ets" and self.facts.get(computed2, typed=dim) is not None)
            rows.append([fac.name.get(self.lang), who,  # one column: the table has eight at 9 pt
                         self.ghg("VerifiedScope1GHGEmissions", typed=dim), self.ghg("Scope1GHGEmissions", typed=dim),
                         gaps.get("scope1", DASH),
                         self.ghg("VerifiedScope2GHGEmissions", typed=dim), self.ghg(computed2, typed=dim),
                         gaps.get("scope2", DASH)])
        # an ETS key emitter without a verification report is named, so the table claims no more than it holds
        pending = [fac.name.get(self.lang) for fac in self.filing.facilities
                   if fac.ets.covered and fac.verification is None]
        self.table("verification", rows, numeric={2, 3, 4, 5, 6, 7},
                   note_args={"basis": self.t["words"]["ets_basis_note"] if ets_basis else "",
                              "pending": self.t["words"]["verification_pending"].format(
                                  names=("、" if self.lang == "zh-CN" else "; ").join(pending), year=self.year)
                              if pending else ""})

    def quality_checks(self) -> None:
        """Cross-checks, meter coverage and acknowledged outliers (data-quality section)."""
        q = self.figures.quality
        names = {f.id: f.name.get(self.lang) for f in self.filing.facilities}
        if q is not None:
            rows = []
            for c in q.checks:
                verdict = "within" if c.within else "explained" if c.explanation else "gap"
                rows.append([names.get(c.facility, c.facility), self.source_name(c.facility, c.subject),
                             vocab('check-kind', c.kind, self.lang),  # its evidence is in the trail
                             f"{number(c.primary, 0)} {citations.unit_text(c.unit, self.lang)}",
                             f"{number(c.secondary, 0)} {citations.unit_text(c.unit, self.lang)}",
                             self.gap(c.gap, c.pct),
                             f"{self.t['verdicts'][verdict]}（±{c.tolerance_pct}%）" if self.lang == "zh-CN"
                             else f"{self.t['verdicts'][verdict]} (±{c.tolerance_pct}%)"])
            self.table("crosschecks", rows, numeric={3, 4, 5})
            rows = [[names.get(m.facility, m.facility), self.source_name(m.facility, m.source),
                     ("、" if self.lang == "zh-CN" else ", ").join(self.meter_name(m.facility, x) for x in m.meters),
                     share(m.covered, m.quantity)] for m in q.meters if m.meters]
            self.table("meters", rows, numeric={3})
            whole, covered = q.metered_emissions
            self.meter_share = share(covered, whole)
        self.table("acknowledged", [
            [*self._where(a.issue.location.path), self._finding(a.issue), a.acknowledgement.reason.get(self.lang),
             f"{self.tx(a.acknowledgement.reviewed_by.name)}（{self.tx(a.acknowledgement.reviewed_by.role)}，"
             f"{a.acknowledgement.reviewed_by.date}）" if self.lang == "zh-CN" else
             f"{self.tx(a.acknowledgement.reviewed_by.name)} ({self.tx(a.acknowledgement.reviewed_by.role)}, "
             f"{a.acknowledgement.reviewed_by.date})"] for a in self.figures.acknowledged], numeric={2})

    def default_source(self, ref: str) -> str:
        """The citation of a default: the library factor's official one, or the document the filing names."""
        factor = library().by_id.get(ref)
        if factor is None:
            return ref
        return citations.citation(factor, self.lang, self.preparer, self.draft)

    def _where(self, path: tuple[str | int, ...]) -> tuple[str, str, str]:
        """Facility, source and period of a finding's location, named for the reader."""
        node: Any = self.filing
        found: list[Any] = []
        for part in path:
            if isinstance(part, int) and isinstance(node, list) and part < len(node):
                node = node[part]
                found.append(node)
            elif isinstance(part, str) and hasattr(node, part):
                node = getattr(node, part)
        named = [self.tx(x.name) if getattr(x, "name", None) is not None else
                 self.kind_name(x) if _is_source(x) else
                 str(getattr(x, "id", None) or getattr(x, "key", None) or getattr(x, "period", "")) for x in found]
        period = next((str(x.period) for x in found if getattr(x, "period", None) is not None), DASH)
        return (named[0] if named else DASH, named[1] if len(named) > 1 else DASH, period)

    def _finding(self, issue: Issue) -> str:
        """The finding's title and, where it has one, the figure it is about."""
        title = self.t.get("outliers", {}).get(issue.code) or CATALOGUE[issue.code].title[self.lang]
        value, unit = issue.context.get("value"), issue.context.get("unit")
        if value is None:
            return title
        figure = f"{value} {citations.unit_text(unit or '', self.lang)}".rstrip()
        return f"{title}（{figure}）" if self.lang == "zh-CN" else f"{title} ({figure})"

    def source_name(self, facility: str, source: str) -> str:
        """A source's or product's name as the filing gives it (its id when it has none)."""
        for fac in self.filing.facilities:
            if fac.id == facility:
                for s in (*fac.combustion, *fac.process, *fac.electricity, *fac.heat):
                    name: LocalText | None = getattr(s, "name", None)
                    if s.id == source:
                        return self.tx(name) if name is not None else self.kind_name(s)
                for p in fac.products:
                    if p.key == source:
                        return self.tx(p.name)
        return source

    def kind_name(self, source: object) -> str:
        """An unnamed source called by what it is (its fuel, purchased electricity …), never by its id."""
        fuel = getattr(source, "fuel", None)
        if isinstance(fuel, str):
            found = library().fuels.get(fuel)
            return (found.zh if self.lang == "zh-CN" else found.en) if found else fuel
        kind = getattr(source, "type", None) or type(source).__name__
        zh, en = SOURCE_KINDS.get(str(kind), ("排放源", "Emission source"))
        return zh if self.lang == "zh-CN" else en

    def meter_name(self, facility: str, meter: str) -> str:
        """A meter as the public reads it: its description, else what it measures (its register id stays in
        the trail and the data-quality workbook)."""
        fac = next((f for f in self.filing.facilities if f.id == facility), None)
        found = next((m for m in fac.meters if m.id == meter), None) if fac else None
        if found is None:
            return str(self.t["words"]["meter"])
        return self.tx(found.name) if found.name is not None else vocab("meter-use", found.measures, self.lang)

    def gap(self, gap: Decimal, pct: Decimal | None) -> str:
        """A difference (ours − the other source) in whole units, as the figures beside it are printed: "0"
        when it rounds to nothing, else signed with its percentage ("+<0.01%" under a hundredth)."""
        shown = signed(gap, 0)
        if not gap.quantize(Decimal(1), rounding=ROUND_HALF_UP):
            return "0"
        if pct is None:
            return shown
        rel = ("+" if pct > 0 else "-") + "<0.01%" if abs(pct) < Decimal("0.005") else f"{pct:+.2f}%"
        return f"{shown}（{rel}）" if self.lang == "zh-CN" else f"{shown} ({rel})"

    def narratives(self) -> None:
        g = self.filing.governance
        if g is not None:
            self.table("bodies", [[self.tx(b.name), vocab("body-level", b.level, self.lang),
                                   self.tx(b.responsibilities), self.tx(b.competence),
                                   vocab("frequency", b.reporting_frequency, self.lang)]
                                  for b in g.bodies])
        s = self.filing.strategy
        if s is not None:
            # the type's label names the kind (转型风险——政策与法律, 急性实体风险, 机遇——资源效率)
            self.table("risks", [[r.id, vocab("risk-type", r.type, self.lang), self._rating(r),
                                  self.tx(r.description), self.tx(r.response), self.tx(r.current_financial_effect),
                                  self.tx(r.anticipated_financial_effect) or DASH] for r in s.risks_opportunities])
            self.table("scenarios", [[self.tx(x.name), x.warming, self.tx(x.source), x.horizon or DASH]
                                     for x in s.resilience.scenarios])

    def _rating(self, r: RiskOrOpportunity) -> str:
        """Horizon, likelihood and magnitude in one cell: 中期；可能性高；影响程度中."""
        words = self.t["rating"]
        parts = [vocab("horizon", r.horizon, self.lang)]
        for key, level in (("likelihood", r.likelihood), ("magnitude", r.magnitude)):
            if level is not None:
                parts.append(words[key].format(level=vocab("level", level, self.lang)))
        return ("；" if self.lang == "zh-CN" else "; ").join(parts)

    def appendices(self) -> None:
        self.table("factors", [[citations.name(f, self.lang), number_text(f.value),
                                citations.unit_text(f.unit, self.lang),
                                citations.citation(f, self.lang, self.preparer, self.draft)]
                               for f in self.figures.factors_used.values() if f.kind != "gwp"], numeric={1})
        gases = sorted(self.figures.by_gas)
        rows = []
        own = {v.gas.upper(): v for v in self.filing.report.gwp.values}
        for gas in gases:
            shown = GASES.get(gas.upper(), gas)
            if gas.upper() in own:
                rows.append([shown, number_text(own[gas.upper()].value), own[gas.upper()].source])
                continue
            factor = next((f for f in library().by_id.values() if f.kind == "gwp" and f.gas
                           and f.gas.upper() == gas.upper() and f.gwp_set == self.figures.gwp_set), None)
            if factor is not None:
                rows.append([shown, number_text(factor.value),
                             citations.citation(factor, self.lang, self.preparer, self.draft)])
            elif gas.upper() == "CO2":
                rows.append([shown, "1", self.t["words"]["co2_reference"]])
        if [g.upper() for g in gases] != ["CO2"]:  # CO₂ alone: one sentence instead (the templates)
            self.table("gwp", rows, numeric={1})
        self.table("glossary", [list(pair) for pair in self.t["glossary"]])
        disclosures.soe_tables(self)
        disclosures.index(self)

    # --- charts --------------------------------------------------------------------------------
    def charts(self) -> None:
        cjk = charts.cjk_font() is not None
        if not cjk and self.lang == "zh-CN":
            self.notices.append(
                "No CJK font found for the charts (install fonts-noto-cjk); chart labels are in English.")
        texts = self.t if cjk or self.lang == "en" else language_texts("en")
        years = sorted(self.years)
        s1 = [self.facts.value("Scope1GHGEmissions", year=y) or Decimal(0) for y in years]
        s2 = [self.facts.value("Scope2LocationBasedGHGEmissions", year=y) or Decimal(0) for y in years]
        spec = texts["charts"]["scopes_by_year"]
        totals = [self.facts.value("Scope1And2LocationBasedGHGEmissions", year=y) or a + b
                  for y, a, b in zip(years, s1, s2, strict=True)]
        self.images["scopes_by_year"] = Image(self.t["charts"]["scopes_by_year"]["caption"], charts.stacked_bars(
            [str(y) for y in years], [charts.Series(texts["rows"]["scope1"], tuple(s1)),
                                      charts.Series(texts["rows"]["scope2_location"], tuple(s2))], spec["unit"],
            totals=totals))
        ranked = sorted(self.figures.facilities, key=lambda f: f.scope1 + f.scope2_location, reverse=True)[:15]
        if len(ranked) > 1:
            names = {f.id: f.name.get(self.lang if cjk else "en") for f in self.filing.facilities}
            dims = [(("FacilityAxis", f.id),) for f in ranked]
            spec = texts["charts"]["by_facility"]
            self.images["by_facility"] = Image(self.t["charts"]["by_facility"]["caption"], charts.horizontal_bars(
                [names.get(f.id, f.id) if cjk or _ascii(names.get(f.id, "")) else f.id for f in ranked],
                [charts.Series(texts["rows"]["scope1"], tuple(self.facts.value("Scope1GHGEmissions", typed=d)
                                                              or Decimal(0) for d in dims)),
                 charts.Series(texts["rows"]["scope2_location"], tuple(
                     self.facts.value("Scope2LocationBasedGHGEmissions", typed=d) or Decimal(0) for d in dims))],
                spec["unit"]))
        if self.mix:
            spec = texts["charts"]["energy_mix"]
            chart_lang = self.lang if cjk else "en"
            self.images["energy_mix"] = Image(self.t["charts"]["energy_mix"]["caption"], charts.donut(
                [label(m, chart_lang) for m, _ in self.mix], [v for _, v in self.mix], spec["centre"]))


def market_chapter(filing: Filing) -> str | None:
    """What chapter 6 is: "market" for an ETS key emitter or a user of carbon credits or CCER projects;
    "reductions" (减排实践) for others that report reduction measures, other mechanisms or low-carbon
    offerings; None when there is nothing to say (the chapter is left out, the next ones move up)."""
    m = filing.carbon_market
    if any(f.ets.covered for f in filing.facilities) or (m is not None and (m.compliance or m.credits
                                                                            or m.ccer_projects)):
        return "market"
    if (m is not None and (m.reductions or m.other_mechanisms)) or filing.low_carbon:
        return "reductions"
    return None


def chapters(texts: dict[str, Any], market: str | None, lang: str) -> dict[str, Any]:
    """The texts with chapter 6 titled for what it holds, or left out and the later chapters renumbered."""
    if market == "market":
        return texts
    sections = dict(texts["sections"])
    if market == "reductions":
        sections["market"] = texts["section_variants"]["reductions"]
        return {**texts, "sections": sections}
    keys = list(sections)
    after = keys[keys.index("market") + 1:]
    del sections["market"]
    numerals = "一二三四五六七八九十"
    for key in after:
        title = sections[key]
        if lang == "zh-CN" and title[:1] in numerals and title[1:2] == "、":
            sections[key] = numerals[numerals.index(title[0]) - 1] + title[1:]
        elif lang != "zh-CN" and title[:1].isdigit() and title[1:2] == " ":
            sections[key] = str(int(title[0]) - 1) + title[1:]
    return {**texts, "sections": sections}


def _ascii(text: str) -> bool:
    return bool(text) and text.isascii()


def build(filing: Filing, figures: Figures, facts: list[Fact], lang: str, texts: dict[str, Any],
          ghg_unit: str, draft: bool = False) -> Content:
    """Tables and charts of the report (a draft marks factors without an official citation)."""
    b = Builder(filing, figures, facts, lang, texts, ghg_unit, draft)
    b.summary()
    b.facilities()
    b.breakdown("by_source_type", "Scope1GHGEmissions", "EmissionSourceTypeAxis")
    b.breakdown("by_gas", "Scope1GHGEmissions", "GreenhouseGasAxis")
    b.consolidation()
    b.scope3()
    b.energy()
    b.intensity()
    b.targets()
    b.market()
    b.quality()
    b.narratives()
    disclosures.energy_tables(b)
    disclosures.finance_tables(b)
    b.appendices()
    b.charts()
    return Content(b, b.tables, b.images, b.notices)
