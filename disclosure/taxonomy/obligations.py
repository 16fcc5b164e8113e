"""Who must disclose what: THE one place the mandatory list comes from.

Four consumers read it and nothing else: the formula assertion VR-RPT-001 (generated into the
taxonomy), the regulator checker's check (``check.mandatory-missing``), the obligation-level and
checklist-id parts of the taxonomy's references, and docs/filing-rules.md. They agree by construction.

``CHECKLIST`` maps concepts to disclosure-checklist items and their obligation level (M mandatory for a
mandatory discloser, E encouraged, C conditional, after disclosure/data/checklist.yaml). The checklist
work (issue 13) will supply this mapping from the checklist itself: re-point ``_checklist()`` to it and
every consumer follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

OBLIGATION_CLASSES = {
    "mandatory": {"zh-CN": "强制披露主体", "en": "Mandatory discloser"},
    "voluntary": {"zh-CN": "自愿披露主体", "en": "Voluntary discloser"},
}
"""Obligation classes a regulator assigns (``disclosure check --obligations``) and their names."""

LEVELS = {"M": {"zh-CN": "强制披露", "en": "Mandatory"},
          "E": {"zh-CN": "鼓励披露", "en": "Encouraged"},
          "C": {"zh-CN": "如涉及则披露", "en": "Conditional (if applicable)"}}

CHECKLIST: dict[str, tuple[str, str]] = {
    # concept: (checklist item, level)
    "DocumentTitle": ("RPT-01", "M"),
    "DocumentType": ("RPT-01", "M"),
    "EntityNameChinese": ("", "M"),
    "EntityUnifiedSocialCreditCode": ("", "M"),
    "ConsolidationScopeDescription": ("RPT-02", "M"),
    "BoardApprovalDate": ("RPT-04", "M"),
    "ReportPublicationDate": ("RPT-05", "M"),
    "BasisOfPreparation": ("RPT-06", "M"),
    "OmittedDisclosuresExplanatory": ("RPT-09", "C"),
    "OmissionReason": ("RPT-09", "C"),
    "GovernanceExplanatory": ("GOV-01", "M"),
    "ClimateRelatedRisksAndOpportunitiesExplanatory": ("STR-02", "M"),
    "TransitionPlanExplanatory": ("STR-05", "M"),
    "ClimateResilienceExplanatory": ("STR-08", "M"),
    "EntityHasUndertakenScenarioAnalysis": ("STR-08", "E"),
    "RiskManagementExplanatory": ("IRO-01", "M"),
    "TargetName": ("MT-01", "M"),
    "TargetKind": ("MT-01", "M"),
    "TargetScopesCovered": ("MT-01", "M"),
    "TargetYear": ("MT-01", "M"),
    "TargetBaseYear": ("MT-02", "M"),
    "TargetProgressPercentage": ("MT-02", "M"),
    "BaseYear": ("MT-02", "E"),
    "Scope1GHGEmissions": ("MT-03", "M"),
    "Scope2LocationBasedGHGEmissions": ("MT-04", "M"),
    "Scope2MarketBasedGHGEmissions": ("MT-04", "E"),
    "Scope3GHGEmissions": ("MT-05", "E"),
    "Scope3CategoriesIncluded": ("MT-05", "E"),
    "Scope1And2LocationBasedGHGEmissions": ("MT-06", "M"),
    "Scope1And2MarketBasedGHGEmissions": ("MT-06", "E"),
    "Scope1To3LocationBasedGHGEmissions": ("MT-06", "E"),
    "Scope1To3MarketBasedGHGEmissions": ("MT-06", "E"),
    "FacilityName": ("MT-07", "E"),
    "FacilityProvince": ("MT-07", "E"),
    "ConsolidationApproach": ("MT-08", "M"),
    "GHGAccountingStandard": ("MT-08", "M"),
    "GHGMethodologyExplanatory": ("MT-08", "M"),
    "GlobalWarmingPotentialSet": ("MT-08", "E"),
    "VerifiedScope1GHGEmissions": ("MT-09", "E"),
    "VerifiedScope2GHGEmissions": ("MT-09", "E"),
    "AssuranceProviderName": ("MT-09", "E"),
    "AssuranceLevel": ("MT-09", "E"),
    "AssuranceStatementExplanatory": ("MT-09", "E"),
    "GHGEmissionReductionsAchieved": ("MT-10", "M"),
    "CarbonCreditsUsed": ("MT-11", "C"),
    "SurrenderCompleted": ("MT-12", "C"),
    "RectificationOrPenaltyDescription": ("MT-12", "C"),
    "CCERUsedForSurrender": ("MT-13", "C"),
    "CCERProjectsExplanatory": ("MT-13", "C"),
    "OtherCarbonMechanismsExplanatory": ("MT-14", "C"),
    "EnergyConsumption": ("MT-15", "M"),
    "EnergyConsumptionInGigajoules": ("MT-15", "E"),
}


@dataclass(frozen=True)
class Obligation:
    """One concept's place in the checklist."""

    concept: str
    item: str
    """Checklist id ('' when the item has none: it cannot be explained away as omitted)."""
    level: str
    """M, E or C."""
    total: bool
    """Present means an undimensioned fact (a total); otherwise a fact on any member of its table."""


def _checklist() -> dict[str, tuple[str, str]]:
    """Concept → (checklist item, level). The one source; re-point here to the checklist's API."""
    return CHECKLIST


@cache
def obligations() -> tuple[Obligation, ...]:
    """Every concept that answers a checklist item, in taxonomy order."""
    from disclosure.taxonomy.definition import definition

    d = definition()
    table = _checklist()
    return tuple(Obligation(name, *table[name], d.undimensioned(name)) for name in d.concepts if name in table)


def obligation(concept: str) -> Obligation | None:
    """The checklist item and level of ``concept``, if it answers one."""
    return next((o for o in obligations() if o.concept == concept), None)


def mandatory_items(obligation_class: str = "mandatory") -> tuple[Obligation, ...]:
    """What a filer of ``obligation_class`` must report (or explain as omitted, when the item has an id)."""
    if obligation_class not in OBLIGATION_CLASSES:
        raise KeyError(f"unknown obligation class {obligation_class!r}; known: {', '.join(OBLIGATION_CLASSES)}")
    if obligation_class != "mandatory":
        return ()
    return tuple(o for o in obligations() if o.level == "M")


MARK_BEGIN = "<!-- mandatory items: generated by disclosure.taxonomy.obligations.markdown(); do not edit -->"
MARK_END = "<!-- end of mandatory items -->"


def markdown() -> str:
    """The mandatory items as the table docs/filing-rules.md shows (between its markers; a test keeps them
    equal)."""
    from disclosure.taxonomy.definition import definition

    d = definition()
    lines = [MARK_BEGIN, "", "| Concept | 标签 | Checklist item | Present when |", "|---|---|---|---|"]
    for item in mandatory_items("mandatory"):
        label = d.concepts[item.concept].label["zh-CN"]
        where = "an undimensioned fact (the total)" if item.total else "a fact on any member of its table"
        lines.append(f"| `{d.prefix}:{item.concept}` | {label} | {item.item or '—'} | {where} |")
    return "\n".join([*lines, "", MARK_END])
