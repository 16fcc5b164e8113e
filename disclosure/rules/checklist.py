"""Mandatory disclosure items present or explained (comply or explain, Art. 7; RPT-08)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from disclosure.compute.results import Figures
from disclosure.issues import Issue
from disclosure.model import Filing
from disclosure.model.report import EXCHANGE_BASES, PreparationBasis
from disclosure.resources import load_data_yaml
from disclosure.rules.registry import RuleContext, rule

Check = Callable[[Filing, Figures], bool]


def _gov(f: Filing, _: Figures) -> bool:
    return f.governance is not None


def _str(f: Filing, _: Figures) -> bool:
    return f.strategy is not None


def _opt(f: Filing, _: Figures) -> bool:  # items that are free text the model always carries
    return True


PRESENT: dict[str, Check] = {
    "RPT-01": lambda f, _: bool(f.report.title.zh or f.report.title.en),
    "RPT-02": lambda f, _: f.entity.consolidation_scope is not None,
    "RPT-03": _opt,
    "RPT-04": lambda f, _: f.report.board_approval_date is not None,
    "RPT-05": lambda f, _: f.report.publication_date is not None,
    "RPT-06": _opt,
    "RPT-07": lambda f, _: f.report.materiality is not None,
    "RPT-08": _opt,
    "GOV-01": _gov, "GOV-02": _gov, "GOV-03": _gov, "GOV-04": _gov, "GOV-05": _gov,
    "STR-01": _str, "STR-02": _str,
    "STR-03": lambda f, _: f.strategy is not None and f.strategy.business_model is not None,
    "STR-04": _str, "STR-05": _str, "STR-06": _str,
    "STR-07": lambda f, _: f.strategy is not None and any(
        r.anticipated_financial_effect is not None for r in f.strategy.risks_opportunities),
    "STR-08": _str,
    "IRO-01": lambda f, _: f.risk_management is not None,
    "MT-01": lambda f, _: bool(f.targets),
    "MT-02": lambda f, _: bool(f.targets),
    "MT-03": lambda _, g: bool(g.facilities),
    "MT-04": lambda _, g: bool(g.facilities),
    "MT-05": lambda _, g: g.scope3 is not None,
    "MT-06": lambda _, g: bool(g.facilities),
    "MT-07": lambda _, g: bool(g.facilities),
    "MT-08": _opt,
    "MT-09": lambda f, _: f.assurance is not None or any(x.verification for x in f.facilities),
    "MT-10": lambda f, _: f.carbon_market is not None and bool(f.carbon_market.reductions),
    "MT-11": lambda f, _: f.carbon_market is not None and bool(f.carbon_market.credits),
    "MT-12": lambda f, _: f.carbon_market is not None and bool(f.carbon_market.compliance),
    "MT-13": lambda f, _: f.carbon_market is not None and bool(f.carbon_market.ccer_projects),
    "MT-14": lambda f, _: f.carbon_market is not None and f.carbon_market.other_mechanisms is not None,
    "MT-15": lambda _, g: bool(g.energy_gj),
}


def checklist() -> list[dict[str, str]]:
    """The disclosure checklist (``data/checklist.yaml``)."""
    items: list[dict[str, str]] = load_data_yaml("checklist.yaml")["items"]
    return items


@rule("rule.checklist.missing", "rule.checklist.missing-voluntary")
def rule_checklist(ctx: RuleContext) -> Iterator[Issue]:
    """Art. 7 / RPT-08: every mandatory item is disclosed, or its omission explained."""
    bases = set(ctx.filing.report.bases)
    if not bases & (EXCHANGE_BASES | {PreparationBasis.MOF}):
        return
    explained = {o.item for o in ctx.filing.omissions}
    code = "rule.checklist.missing" if ctx.filing.entity.mandatory else "rule.checklist.missing-voluntary"
    for item in checklist():
        if item["level"] != "M" or item["id"] in explained:
            continue
        if not PRESENT[item["id"]](ctx.filing, ctx.figures):
            yield ctx.at(code, ("omissions",), item=item["id"], title_zh=item["zh-CN"],
                         title_en=item["en"])
