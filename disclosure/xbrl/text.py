"""Narrative text blocks (XHTML fragments) from the structured narratives of the filing."""

from __future__ import annotations

from html import escape

from disclosure.compute import Figures
from disclosure.factors import Factor
from disclosure.model import Filing
from disclosure.model.base import LocalText
from disclosure.resources import load_data_yaml
from disclosure.vocabulary import label

WORDS = {
    "zh-CN": {
        "body": "机构", "level": "层级", "responsibilities": "职责", "competence": "能力", "frequency": "汇报频率",
        "information": "信息获取", "oversight": "目标监督", "decisions": "纳入决策",
        "id": "编号", "kind": "类别", "type": "类型", "horizon": "期限", "description": "描述", "response": "应对",
        "effect": "当期财务影响", "anticipated": "预期财务影响", "horizons": "期限定义", "impacts": "重大影响",
        "strategy_changes": "战略与商业模式调整", "measures": "具体措施", "assumptions": "计划与假设",
        "resources": "资源配置", "progress": "进展",
        "assessment": "韧性评估", "scenario": "情景", "warming": "升温", "source": "来源",
        "process": "识别、评估与管理流程", "integration": "与整体风险管理的整合",
        "standard": "核算标准", "approach": "合并方法", "gwp": "全球变暖潜势", "factors": "使用的排放因子",
        "status": "状态", "value": "数值", "unit": "单位", "reason": "原因", "item": "事项", "planned": "计划披露年份",
        "provider": "机构", "assurance_standard": "准则", "assurance_level": "程度", "scope": "范围",
        "statement": "结论", "project": "项目", "methodology": "方法学",
    },
    "en": {
        "body": "Body", "level": "Level", "responsibilities": "Responsibilities", "competence": "Competence",
        "frequency": "Reporting frequency", "information": "How informed", "oversight": "Oversight of targets",
        "decisions": "Climate in decisions", "id": "Id", "kind": "Kind", "type": "Type", "horizon": "Horizon",
        "description": "Description", "response": "Response", "effect": "Current financial effect",
        "anticipated": "Anticipated financial effect", "horizons": "Time horizons", "impacts": "Material impacts",
        "strategy_changes": "Strategy and business-model changes", "measures": "Measures",
        "assumptions": "Plans and assumptions", "resources": "Resources", "progress": "Progress",
        "assessment": "Resilience assessment", "scenario": "Scenario", "warming": "Warming", "source": "Source",
        "process": "Identification, assessment and management", "integration": "Integration with risk management",
        "standard": "Accounting standard", "approach": "Consolidation approach", "gwp": "Global warming potentials",
        "factors": "Emission factors used", "status": "Status", "value": "Value", "unit": "Unit",
        "reason": "Reason", "item": "Item", "planned": "Planned year", "provider": "Provider",
        "assurance_standard": "Standard", "assurance_level": "Level", "scope": "Scope", "statement": "Conclusion",
        "project": "Project", "methodology": "Methodology",
    },
}


def _t(text: LocalText | str | None, lang: str) -> str:
    if text is None:
        return ""
    return escape(text if isinstance(text, str) else text.get(lang))


def _p(label: str, text: str, sep: str = "：") -> str:
    return f"<p><b>{escape(label)}</b>{sep}{text}</p>" if label else f"<p>{text}</p>"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


FACTOR_WORDS = {
    "zh-CN": {"grid": "电网排放因子", "mee-nbs": "生态环境部、国家统计局", "ets-national": "全国碳市场",
              "ncv": "低位发热量", "carbon_content": "单位热值含碳量", "oxidation": "碳氧化率",
              "heat": "外购热力排放因子", "gwp": "全球变暖潜势", "process-aluminium-anode": "电解铝阳极消耗排放因子",
              "process-aluminium-pfc": "电解铝阳极效应排放因子", "year": "年"},
    "en": {"grid": "Grid emission factor", "mee-nbs": "MEE/NBS", "ets-national": "national ETS",
           "ncv": "net calorific value", "carbon_content": "carbon content per unit of heat",
           "oxidation": "oxidation rate", "heat": "Purchased heat emission factor", "gwp": "GWP",
           "process-aluminium-anode": "Aluminium anode consumption factor",
           "process-aluminium-pfc": "Aluminium anode effect factor", "year": ""},
}


def factor_name(f: Factor, lang: str) -> str:
    """What a factor is, in words (the report shows this; the factor's library id stays in the trail)."""
    from disclosure.factors import library

    w = FACTOR_WORDS[lang]
    regions = library().regions
    region = regions.get(f.region or "", {}).get(lang, f.region or "")
    if f.kind == "grid-electricity":
        detail = [w.get(f.series or "", f.series or ""), region, f"{f.year}{w['year']}" if f.year else ""]
        sep = "，" if lang == "zh-CN" else ", "
        inner = sep.join(x for x in detail if x)
        return f"{w['grid']}（{inner}）" if lang == "zh-CN" else f"{w['grid']} ({inner})"
    if f.kind.startswith("fuel-") and f.fuel:
        fuel = load_data_yaml("factors/fuels.yaml")["fuels"].get(f.fuel, {}).get(lang, f.fuel)
        return f"{fuel}{w.get(f.parameter or '', '')}" if lang == "zh-CN" else f"{fuel} {w.get(f.parameter or '', '')}"
    if f.kind == "gwp":
        return f"{f.gas} {w['gwp']}（{f.gwp_set}）" if lang == "zh-CN" else f"{f.gas} {w['gwp']} ({f.gwp_set})"
    return w.get(f.kind, f.kind)


def factor_source(f: Factor) -> str:
    """The document a factor is taken from and its date (URLs stay in the trail)."""
    return "; ".join(p for p in (f.document, f.document_date) if p)


def narratives(filing: Filing, figures: Figures, lang: str) -> dict[str, str]:
    """Concept name → XHTML fragment, for every narrative the filing gives."""
    w = WORDS[lang]
    sep = "：" if lang == "zh-CN" else ": "

    def p(heading: str, text: str) -> str:
        return _p(heading, text, sep)

    def v(group: str, code: object) -> str:
        return escape(label(group, str(getattr(code, "value", code)), lang))

    out: dict[str, str] = {"ConsolidationScopeDescription": p("", _t(filing.entity.consolidation_scope, lang))}
    g = filing.governance
    if g is not None:
        rows = [[_t(b.name, lang), v("body-level", b.level), _t(b.responsibilities, lang), _t(b.competence, lang),
                 v("frequency", b.reporting_frequency)] for b in g.bodies]
        out["GovernanceExplanatory"] = (
            _table([w["body"], w["level"], w["responsibilities"], w["competence"], w["frequency"]], rows)
            + p(w["information"], _t(g.information, lang)) + p(w["oversight"], _t(g.target_oversight, lang))
            + p(w["decisions"], _t(g.decision_integration, lang)))
    s = filing.strategy
    if s is not None:
        rows = [[escape(r.id), v("risk-kind", r.kind), v("risk-type", r.type), v("horizon", r.horizon),
                 _t(r.description, lang), _t(r.response, lang), _t(r.current_financial_effect, lang),
                 _t(r.anticipated_financial_effect, lang)] for r in s.risks_opportunities]
        out["ClimateRelatedRisksAndOpportunitiesExplanatory"] = (
            p(w["horizons"], _t(s.horizons, lang)) + p(w["impacts"], _t(s.impacts, lang))
            + _table([w["id"], w["kind"], w["type"], w["horizon"], w["description"], w["response"], w["effect"],
                      w["anticipated"]], rows))
        tp = s.transition_plan
        out["TransitionPlanExplanatory"] = "".join(
            p(w[key], _t(getattr(tp, key), lang))
            for key in ("strategy_changes", "measures", "assumptions", "resources", "progress"))
        res = s.resilience
        scen = _table([w["scenario"], w["warming"], w["source"]],
                      [[escape(x.name.get(lang)), escape(x.warming), escape(x.source.get(lang))]
                       for x in res.scenarios])
        out["ClimateResilienceExplanatory"] = p(w["assessment"], _t(res.assessment, lang)) + (
            scen if res.scenarios else "")
    rm = filing.risk_management
    if rm is not None:
        out["RiskManagementExplanatory"] = p(w["process"], _t(rm.process, lang)) + p(
            w["integration"], _t(rm.integration, lang))
    factors = [[escape(factor_name(f, lang)), escape(str(f.value)), escape(f.unit), v("factor-status", f.status),
                escape(factor_source(f))] for f in figures.factors_used.values()]
    out["GHGMethodologyExplanatory"] = (
        p(w["standard"], escape(filing.report.ghg_standard.get(lang)))
        + p(w["approach"], v("consolidation-approach", figures.approach))
        + p(w["gwp"], v("gwp-set", figures.gwp_set))
        + (_table([w["factors"], w["value"], w["unit"], w["status"], w["source"]], factors) if factors else ""))
    a = filing.assurance
    if a is not None:
        out["AssuranceStatementExplanatory"] = (
            p(w["provider"], escape(a.provider.get(lang))) + p(w["assurance_standard"], escape(a.standard.get(lang)))
            + p(w["assurance_level"], v("assurance-level", a.level)) + p(w["scope"], _t(a.scope, lang))
            + p(w["statement"], _t(a.statement, lang)))
    market = filing.carbon_market
    if market is not None and market.ccer_projects:
        out["CCERProjectsExplanatory"] = _table(
            [w["project"], w["methodology"], w["status"]],
            [[_t(x.name, lang), escape(x.methodology), v("project-status", x.status)] for x in market.ccer_projects])
    if market is not None and market.other_mechanisms is not None:
        out["OtherCarbonMechanismsExplanatory"] = p("", _t(market.other_mechanisms, lang))
    if filing.omissions:
        out["OmittedDisclosuresExplanatory"] = _table(
            [w["item"], w["reason"], w["description"], w["planned"]],
            [[escape(o.item), v("omission-reason", o.reason), _t(o.explanation, lang),
              escape(str(o.planned_year or ""))] for o in filing.omissions])
    return out
