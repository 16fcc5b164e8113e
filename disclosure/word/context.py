"""The template context of the Word report: the filing's words and the key figures, in one language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from disclosure.compute.quality import substitution_difference
from disclosure.factors import library
from disclosure.vocabulary import label as vocab
from disclosure.word.disclosures import INTENSITY_PLACES, TCE_PLACES, pct
from disclosure.word.figures import date_text, number, signed, trend

if TYPE_CHECKING:
    from disclosure.model import Filing
    from disclosure.model.report import Person
    from disclosure.word.content import Builder


def context(b: Builder) -> dict[str, Any]:
    f, lang, tx = b.filing, b.lang, b.tx
    r, e = f.report, f.entity
    listing = "; ".join(f"{vocab('exchange', x.exchange, lang)} {x.stock_code}" for x in e.listings)
    short_names = [(x.short_name.get(lang), x.stock_code) for x in e.listings if x.short_name]
    region = library().regions.get(library().region_key(e.province) or "", {})
    figures = {key: b.ghg(concept) for key, concept in (
        ("scope1", "Scope1GHGEmissions"), ("scope2_location", "Scope2LocationBasedGHGEmissions"),
        ("scope2_market", "Scope2MarketBasedGHGEmissions"), ("scope12_location", "Scope1And2LocationBasedGHGEmissions"),
        ("scope12_market", "Scope1And2MarketBasedGHGEmissions"), ("scope3", "Scope3GHGEmissions"))}
    prior = b.years[1] if len(b.years) > 1 else None
    names = {x.id: x.name.get(lang) for x in f.facilities}
    return {
        "lang": lang,
        "t": b.t,
        "unit": b.ghg_unit_text,
        "company": e.name.get(lang),
        "company_other": e.name.en if lang == "zh-CN" else e.name.zh,
        "title": r.title.get(lang),
        "year": r.fiscal_year,
        "period": ("至" if lang == "zh-CN" else " to ").join(
            (date_text(r.period_start, lang), date_text(r.period_end, lang))),
        "listing": listing,
        "short_names": short_names,
        "uscc": e.uscc,
        "lei": e.lei,
        "ownership": vocab("ownership", e.ownership, lang),
        "industry": tx(e.industry),
        "province": region.get(lang, e.province),
        "mandatory": e.mandatory,
        "bases": [f"《{vocab('preparation-basis', x, lang)}》" if lang == "zh-CN"  # a document's title in 《》
                  else vocab("preparation-basis", x, lang) for x in r.bases],
        "adopts_ifrs_s2": "ifrs-s2" in [str(x) for x in r.bases],  # cited as a requirement only when adopted
        "standard": tx(r.ghg_standard),
        "gwp": vocab("gwp-set", f.report.gwp.set, lang),
        "approach": vocab("consolidation-approach", f.boundary.approach, lang),
        "scope_text": tx(e.consolidation_scope),
        "boundary_changes": tx(f.boundary.changes),
        "entities": len(f.boundary.entities),
        "facilities": len(f.facilities),
        "ets_facilities": sum(1 for x in f.facilities if x.ets.covered),
        "materiality": tx(r.materiality),
        "board_approval": date_text(r.board_approval_date, lang) if r.board_approval_date else "",
        "publication": date_text(r.publication_date, lang) if r.publication_date else "",
        "preparer": _person(b, r.prepared_by),
        "approver": _person(b, r.approved_by) if r.approved_by else "",
        "board_statement": None if r.board_statement is None else {
            "text": tx(r.board_statement.text) or b.t["board_statement"],
            "meeting": tx(r.board_statement.meeting)},
        "contact": None if r.contact is None else {
            "department": tx(r.contact.department), "address": tx(r.contact.address),
            "postcode": r.contact.postcode or "", "phone": r.contact.phone or "", "email": r.contact.email or "",
            "website": r.contact.website or ""},
        "base_year": {"year": f.base_year.year, "policy": tx(f.base_year.recalculation_policy),
                      "threshold": number(f.base_year.significance_threshold_pct, 1)} if f.base_year else None,
        "fig": figures,
        "has_scope3": f.scope3 is not None and b.facts.get("Scope3GHGEmissions") is not None,
        "prior_year": prior,
        "yoy": trend(b.facts.value("Scope1And2LocationBasedGHGEmissions"),
                     b.facts.value("Scope1And2LocationBasedGHGEmissions", year=prior), prior, lang) if prior else "",
        "energy_tce": b.facts.show("EnergyConsumption"),
        "gov": None if f.governance is None else {
            "information": tx(f.governance.information), "oversight": tx(f.governance.target_oversight),
            "decisions": tx(f.governance.decision_integration),
            "composition": [(tx(x.name), tx(x.composition)) for x in f.governance.bodies if x.composition]},
        "strategy": None if f.strategy is None else {
            "horizons": tx(f.strategy.horizons), "impacts": tx(f.strategy.impacts),
            "business_model": tx(f.strategy.business_model), "decisions": tx(f.strategy.decisions),
            "plan": {k: tx(getattr(f.strategy.transition_plan, k)) for k in (
                "strategy_changes", "measures", "assumptions", "resources", "progress")},
            "resilience": tx(f.strategy.resilience.assessment),
            "uncertainties": tx(f.strategy.resilience.uncertainties),
            "adaptive_capacity": tx(f.strategy.resilience.adaptive_capacity),
            "scenario_analysis": f.strategy.resilience.scenario_analysis,
            "scenarios": [{"name": tx(x.name), "inputs": tx(x.parameters), "assumptions": tx(x.assumptions),
                           "results": tx(x.results)} for x in f.strategy.resilience.scenarios]},
        "risk": None if f.risk_management is None else {
            "process": tx(f.risk_management.process), "integration": tx(f.risk_management.integration)},
        "assurance": None if f.assurance is None else {
            "provider": tx(f.assurance.provider), "standard": tx(f.assurance.standard),
            "level": vocab("assurance-level", f.assurance.level, lang), "scope": tx(f.assurance.scope),
            "statement": tx(f.assurance.statement), "date": date_text(f.assurance.date, lang),
            "report_no": f.assurance.report_no or "",
            "full_text": [p.strip() for p in tx(f.assurance.full_text).split("\n") if p.strip()]},
        "other_mechanisms": tx(f.carbon_market.other_mechanisms) if f.carbon_market else "",
        "enforcement": _enforcement(b),
        "market_chapter": b.market_chapter,
        "mee_prior": [(names.get(x.facility, x.facility), x.year, number(x.emissions, 0),
                       b.t["words"]["verified" if x.verified else "reported"])
                      for x in (f.mee.prior_year if f.mee else [])],
        "methods": {**methods(f), "instruments": b.instruments},  # the types, named in the report language
        "low_carbon_notes": [(tx(o.name), tx(o.description), tx(o.progress), tx(o.uncertainties))
                             for o in f.low_carbon],
        "energy_interim": [(tx(x.name), tx(x.interim)) for x in (f.energy.targets if f.energy else [])
                           if x.interim is not None],
        "substitutions": len(b.figures.substitutions),
        "substitution_difference": signed(substitution_difference(b.figures.substitutions)),
        "meter_share": b.meter_share,
        "acknowledged": len(b.figures.acknowledged),
        "forward_looking": None if r.forward_looking is None else {
            "assumptions": tx(r.forward_looking.assumptions), "caveat": tx(r.forward_looking.caveat)},
        "judgements": tx(r.judgements),
        "dm": None if r.double_materiality is None else {
            "process": tx(r.double_materiality.process), "thresholds": tx(r.double_materiality.thresholds)},
        "energy_text": _energy(b),
        "climate": _climate(b),
        "soe_owner": f.soe.owner.get(lang) if f.soe else "",
        "tables": sorted(b.tables),
        "charts": sorted(b.images),
    }


def _energy(b: Builder) -> dict[str, Any] | None:
    e, energy = b.figures.energy, b.filing.energy
    if e is None:
        return None
    return {
        "total_tce": b.facts.show_or("EnergyConsumption", number(e.total_tce, TCE_PLACES)),
        "intensity": b.facts.show_or("EnergyIntensityPerRevenue", number(e.intensity_revenue, INTENSITY_PLACES))
        if e.intensity_revenue is not None else "",
        "clean_share": b.facts.show_or("CleanEnergyShare", pct(e.clean_share_pct))
        if e.clean_share_pct is not None else "",
        "savings": number(e.savings_tce, TCE_PLACES) if e.savings_tce else "",
        "difficulties": b.tx(energy.difficulties) if energy else "",
        "management": b.tx(energy.management) if energy else "",
    }


def _climate(b: Builder) -> dict[str, Any] | None:
    cm = b.filing.climate_metrics
    if cm is None:
        return None
    icp, rem = cm.internal_carbon_price, cm.remuneration
    return {
        "icp": None if icp is None else {
            "applied": icp.applied,
            "price": b.facts.show_or("InternalCarbonPrice", number(icp.price, 0)) if icp.price else "",
            "application": b.tx(icp.application)},
        "remuneration": None if rem is None else {
            "linked": rem.linked,
            "share": b.facts.show_or("PercentageOfExecutiveRemunerationLinkedToClimate", number(rem.share_pct, 1),
                             percent_sign=False) if rem.share_pct is not None else "",
            "description": b.tx(rem.description)},
    }


def _person(b: Builder, p: Person) -> str:
    name, role = b.tx(p.name), b.tx(p.role)
    return f"{name}（{role}）" if b.lang == "zh-CN" else f"{name} ({role})"


def _enforcement(b: Builder) -> str:
    """Penalties, rectification and investigation in the period, each stated (负面陈述 when none)."""
    m = b.filing.carbon_market
    e = m.enforcement if m is not None else None
    if e is None:
        return ""
    words = b.t["enforcement"]
    parts = [words[key][0 if getattr(e, key) else 1] for key in ("penalties", "rectification", "investigation")]
    if b.lang == "zh-CN":
        text = f"{words['lead']}{'，'.join(parts)}。"
    else:
        text = f"{words['lead']} {', '.join(parts[:-1])} and {parts[-1]}."
    if e.description is not None:
        text += (b.tx(e.description) if b.lang == "zh-CN" else " " + b.tx(e.description))
    return text


def methods(f: Filing) -> dict[str, Any]:
    """The accounting methods the filing uses, so the methodology appendix states only those: source
    kinds, process types (with the PFC method), market-based instruments."""
    process: dict[str, str] = {}
    for fac in f.facilities:
        for p in fac.process:
            process.setdefault(p.type, getattr(p, "method", "") or "")
    return {
        "combustion": any(fac.combustion for fac in f.facilities),
        "mobile": any(c.mobile for fac in f.facilities for c in fac.combustion),
        "electricity": any(fac.electricity for fac in f.facilities),
        "instruments": any(e.instruments for fac in f.facilities for e in fac.electricity),
        "heat": any(fac.heat for fac in f.facilities),
        "process": process,
    }
