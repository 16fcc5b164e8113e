"""The ETS annual emission report of one facility (重点排放单位年度温室气体排放报告) as Word blocks, in the
order of its sector guideline's reporting chapters, with figures from ``disclosure.ets.data``."""

from __future__ import annotations

from calendar import monthrange
from datetime import date
from decimal import Decimal
from typing import TypedDict

from disclosure.ets.data import ZERO, FacilityReport, MonthRow, Parameter, SourceBlock
from disclosure.ets.templating import numbered, render
from disclosure.factors import library
from disclosure.vocabulary import label as vocab
from disclosure.word.document import Block, Table
from disclosure.word.figures import DASH, date_text, number

BASIS = {"measured": "实测", "user": "缺省值（指南/申报给出）", "default": "缺省值（申报给出出处）",
         "verified": "缺省值",
         "secondary": "缺省值（二手来源）", "unverified": "缺省值（未经原文核实）", "activity": "计量",
         "definition": "定义值"}
REASONS = {"missing": "未实测", "non-compliant": "检测不符合要求", "different-sample": "低位发热量与含碳量非同一样品",
           "frequency": "检测频次不足（未逐月检测）"}
PARAMETERS = {"ncv": "低位发热量", "carbon_content": "含碳量", "oxidation": "碳氧化率"}
INPUTS = {"P": "铝液产量", "NC": "吨铝阳极净耗", "S": "阳极硫分", "A": "阳极灰分", "SEF": "CF₄斜率系数",
          "AEM": "阳极效应持续时间（分钟/槽日）", "F": "C₂F₆/CF₄质量比", "GWP_CF4": "CF₄全球变暖潜势",
          "GWP_C2F6": "C₂F₆全球变暖潜势", "Q_cli": "熟料产量", "Q_ckd+Q_bp": "窑头粉尘与旁路放风粉尘量",
          "CaO": "熟料CaO含量", "MgO": "熟料MgO含量", "CaO_nc": "非碳酸盐CaO", "MgO_nc": "非碳酸盐MgO",
          "EF_anode": "阳极消耗排放因子", "EF_PFC": "全氟化碳排放因子", "EF_grid": "电网排放因子",
          "EF_heat": "热力排放因子"}
PRODUCTS = {"power": "供电量", "generation": "发电量", "heat": "供热量", "aluminium": "铝液产量",
            "clinker": "熟料产量", "cement": "水泥产量"}


def cite(p: Parameter) -> str:
    """The evidence or document behind a parameter, without internal factor ids: the lab report of a
    measured value, the document a filing gives for its default, else the library default's basis (its
    source and status are in the trail)."""
    if p.basis == "activity" and _is_location(p.source):
        return "申报数据"
    if p.basis in ("measured", "activity", "user", "default"):
        return p.source or DASH
    fid = p.source.split(":", 1)[0]
    factor = library().by_id.get(fid)
    if factor is not None and factor.kind == "grid-electricity":
        return factor.document
    return BASIS.get(p.basis, "缺省值")


def _is_location(text: str) -> bool:
    """A place in the filing (file:line, sheet!cell, a dotted path) rather than a document name."""
    return any(x in text for x in (".yaml", ".yml", ".csv", ".xlsx", "facilities["))


def _p(p: Parameter | None, places: int) -> str:
    return DASH if p is None else number(p.value, places)


SYMBOLS = (("10^4Nm3", "10⁴Nm³"), ("Nm3", "Nm³"), ("10^4", "10⁴"), ("CO2", "CO₂"), ("CF4", "CF₄"), ("C2F6", "C₂F₆"))


def _sym(unit: str) -> str:
    """A unit or gas as printed: superscripts and subscripts (10⁴Nm³, tCO₂, C₂F₆), never the filing's ASCII."""
    for ascii_, printed in SYMBOLS:
        unit = unit.replace(ascii_, printed)
    return unit


def t(value: Decimal | None, places: int = 2) -> str:
    """A figure to ``places`` decimals; one that rounds to zero prints without a sign (never -0.00)."""
    if value is None:
        return DASH
    return number(abs(value) if round(value, places) == 0 else value, places)


class ReportContext(TypedDict):
    """What templates/ets/zh-CN/report.md.j2 may use (templates/ets/template.yaml lists the same keys)."""

    year: int
    company: str
    uscc: str
    facility: str
    guideline: str
    xlsx: str
    prepared: str
    approved: str
    no_ets_factor: dict[str, str] | None
    activity: list[dict[str, str]]
    substitutions: dict[str, str] | None
    power: bool
    quality: dict[str, int]
    verification: list[dict[str, str]]


def context(r: FacilityReport) -> ReportContext:
    f = r.filing
    months = [m for b in r.sources for m in b.months if len(m.period) == 7]
    diff = sum((s.difference for s in r.substitutions if s.difference is not None), ZERO)
    activity = _activity(r)
    return ReportContext(
        year=r.year, company=f.entity.name.get("zh-CN"), uscc=f.entity.uscc, facility=r.facility.name.get("zh-CN"),
        guideline=f"《{r.guideline.title}》（{r.guideline.number}）", xlsx=f"ets-{r.facility.id}-supplementary.xlsx",
        prepared=_person(f.report.prepared_by), approved=_person(f.report.approved_by),
        no_ets_factor=_no_ets_factor(r, activity),
        activity=[a for a, _ in activity],
        substitutions={"count": str(len(r.substitutions)), "increase": t(diff)} if r.substitutions else None,
        power=r.guideline.sector == "power",
        quality={"months": len(months), "dated": sum(1 for m in months if m.deposited is not None),
                 "late": sum(1 for m in months if m.deposited is not None
                             and (m.deposited - _month_end(m.period)).days > 40)},
        verification=[{"scope": {"scope1": "直接排放", "scope2": "购入电力、热力排放"}.get(v.scope, v.scope),
                       "computed": t(v.computed), "verified": t(v.verified), "gap": t(v.gap)}
                      for v in r.reconciliations])


def _no_ets_factor(r: FacilityReport, activity: list[tuple[dict[str, str], Table]]) -> dict[str, str] | None:
    """Purchased electricity without an ETS grid factor: the sources and the table showing their MWh."""
    names = [b.name for b in r.sources if b.result.kind == "electricity" and b.result.ets is None]
    if not names:
        return None
    shown = [t.caption.split(" ", 1)[0] for a, t in activity if a["kind"] == "purchased" and a["name"] in names]
    return {"names": "、".join(names), "table": "、".join(shown) or "表4"}


def tables(r: FacilityReport) -> dict[str, Block | None]:
    """The tables the template places (``None``: the table does not apply to this facility)."""
    production, intensity = _production(r)
    checks, meters = _quality(r)
    return {"basic": _basic(r), "sources": _sources(r), "emissions": _emissions(r),
            **{a["table"]: table for a, table in _activity(r)},
            "substitutions": _substitutions(r), "production": production, "intensity": intensity,
            "checks": checks, "meters": meters, "reconciliation": _reconciliation(r)}


def blocks(r: FacilityReport) -> list[Block]:
    return numbered(render("ets", "report", "zh-CN", context(r), tables(r)))


def _person(p: object) -> str:
    if p is None:
        return DASH
    name, role, day = getattr(p, "name", ""), getattr(p, "role", ""), getattr(p, "date", None)
    return f"{name}（{role}，{date_text(day, 'zh-CN')}）" if role else name


def _basic(r: FacilityReport) -> Table:
    f, fac = r.filing, r.facility
    sector = vocab("ets-sector", fac.ets.sector.value, "zh-CN") if fac.ets.sector is not None else DASH
    rows = (("重点排放单位名称", f.entity.name.get("zh-CN")), ("统一社会信用代码", f.entity.uscc),
            ("排放设施", fac.name.get("zh-CN")), ("所在省份", _province(fac.province)),
            ("行业", sector), ("碳市场登记编号", fac.ets.registration or DASH),
            ("国民经济行业分类", str(f.entity.industry) or DASH), ("报告年度", str(r.year)),
            ("核算与报告指南", f"《{r.guideline.title}》（{r.guideline.number}）"),
            ("温室气体及全球变暖潜势", f"CO₂；全氟化碳按{f.report.gwp.set.value}（100年）折算"
             if any(b.result.by_gas.keys() - {"CO2"} for b in r.sources) else "CO₂"))
    return Table("表1 重点排放单位基本信息", ("项目", "内容"), rows)


def _province(text: str) -> str:
    """The province in Chinese (a filing may give 'guangdong' or '广东省')."""
    lib = library()
    key = lib.region_key(text)
    return str(lib.regions[key]["zh-CN"]) if key is not None and key in lib.regions else text


def _kind(b: SourceBlock) -> str:
    return {"combustion": "化石燃料燃烧", "electricity": "购入使用电力", "heat": "购入使用热力",
            "process": "工业生产过程"}.get(b.result.kind, b.result.kind)


def _sources(r: FacilityReport) -> Table:
    meters = {m.source: "、".join(m.meters) for m in r.meters}
    fuels = library().fuels
    rows = []
    for b in r.sources:
        what = fuels[b.result.energy_type].zh if b.result.energy_type in fuels else _process_name(b)
        rows.append((b.name if b.result.kind != "process" else _process_name(b), _kind(b), what,
                     meters.get(b.result.source) or DASH))
    return Table("表2 排放源和排放设施", ("排放源", "类别", "燃料或工艺", "计量器具"), tuple(rows))


def _process_name(b: SourceBlock) -> str:
    from disclosure.mee.document import PROCESSES

    if b.result.kind != "process":
        return {"electricity": "电力", "heat": "热力"}.get(b.result.kind, b.result.energy_type)
    if "P" in {i.name for i in b.inputs} and "NC" in {i.name for i in b.inputs} or "EF_anode" in {
            i.name for i in b.inputs}:
        return PROCESSES["aluminium-anode"]
    if any(i.name.startswith(("SEF", "EF_PFC", "GWP_CF4")) for i in b.inputs):
        return PROCESSES["aluminium-pfc"]
    if "Q_cli" in {i.name for i in b.inputs}:
        return PROCESSES["cement-clinker"]
    return PROCESSES["direct"]


def _emissions(r: FacilityReport) -> Table:
    rows: list[tuple[str, ...]] = []
    for b in r.sources:
        if b.result.scope == 1:
            gases = "、".join(_sym(g) for g in sorted(b.result.by_gas))
            rows.append((_kind(b), b.name if b.result.kind != "process" else _process_name(b), gases,
                         t(b.result.emissions)))
    rows.append(("直接排放小计", "", "", t(r.direct)))
    rows += [(_kind(b) + "（碳市场口径）", b.name, "CO₂", t(b.result.ets)) for b in r.sources if b.result.scope == 2]
    rows.append(("排放总量", "", "", t(r.total_ets)))
    return Table("表3 温室气体排放量（吨二氧化碳当量）", ("类别", "排放源", "气体", "排放量"), tuple(rows),
                 frozenset({3}), frozenset({i for i, row in enumerate(rows) if row[0] in ("直接排放小计", "排放总量")}))


def _month_rows(rows: list[MonthRow]) -> tuple[tuple[str, ...], ...]:
    """One row a record: the carbon content's own unit is printed when it differs from the column's (a
    substituted default per GJ in a column of measured element carbon per tonne)."""
    out = []
    unit = rows[0].carbon.unit
    for m in rows:
        carbon = _p(m.carbon, 5) + ("" if m.carbon.unit == unit else f" {_sym(m.carbon.unit)}")
        basis = ("缺省值替代（" + "、".join(REASONS.get(x, x) for x in m.reasons) + "）") if m.substituted else (
            "实测 " + m.carbon.source if m.carbon.basis == "measured" else cite(m.carbon))
        out.append((_period(m.period), number(m.quantity, 2), _p(m.ncv, 3), carbon, number(m.oxidation.value, 2),
                    basis, t(m.emissions), m.deposited.isoformat() if m.deposited else DASH))
    return tuple(out)


def _period(period: str) -> str:
    return f"{int(period[5:7])}月" if len(period) == 7 else "全年"


def _activity(r: FacilityReport) -> list[tuple[dict[str, str], Table]]:
    """Per source with monthly or process data: what the template says of it, and its table."""
    out: list[tuple[dict[str, str], Table]] = []
    for b in r.sources:
        key = f"activity-{len(out) + 1}"
        n = len(out) + 4
        if b.months:
            m0 = b.months[0]
            heads = ("月份", f"消耗量（{_sym(m0.unit)}）", f"低位发热量（{_sym(m0.ncv.unit) if m0.ncv else DASH}）",
                     f"含碳量（{_sym(m0.carbon.unit)}）", f"碳氧化率（{m0.oxidation.unit}）", "含碳量依据（检测报告）",
                     "排放量（tCO₂）", "存证日期")
            ncv, cc, of = r.fuel_average(b)
            out.append(({"table": key, "kind": "fuel", "name": b.name,
                         "quantity": number(b.result.quantity or ZERO, 2), "unit": _sym(b.result.quantity_unit),
                         "ncv": t(ncv, 3), "carbon": t(cc, 5), "oxidation": t(of * 100 if of is not None else None, 2),
                         "formula": m0.formula},
                        Table(f"表{n} {b.name}活动数据与排放因子", heads, _month_rows(b.months),
                              frozenset({1, 2, 3, 4, 6}))))
        elif b.activity:
            a0 = b.activity[0]
            factor = b.ets_factor
            rows = tuple((_period(a.period), number(a.quantity, 2), a.evidence or DASH,
                          a.deposited.isoformat() if a.deposited else DASH) for a in b.activity)
            out.append(({"table": key, "kind": "purchased", "name": b.name,
                         "factor": f"{number(factor.value, 4)} {factor.unit}" if factor is not None else "",
                         "factor_source": cite(factor) if factor is not None else "", "emissions": t(b.result.ets)},
                        Table(f"表{n} {b.name}（{_sym(a0.unit)}）", ("月份", "数量", "凭证", "存证日期"), rows,
                              frozenset({1}))))
        elif b.inputs:
            params = tuple((INPUTS.get(i.name, i.name), number(i.value, 4), _sym(i.unit),
                            BASIS.get(i.basis, i.basis), cite(Parameter.of(i))) for i in b.inputs)
            out.append(({"table": key, "kind": "process", "name": _process_name(b), "formula": b.formula,
                         "emissions": t(b.result.emissions)},
                        Table(f"表{n} {_process_name(b)}参数", ("参数", "数值", "单位", "依据", "来源"), params,
                              frozenset({1}))))
    return out


def _substitutions(r: FacilityReport) -> Table | None:
    if not r.substitutions:
        return None
    names = {b.result.source: b.name for b in r.sources}
    rows = tuple((s.period, names.get(s.source, s.source), PARAMETERS.get(s.parameter, s.parameter),
                  REASONS.get(s.reason, s.reason),
                  DASH if s.original is None else number(s.original, 4), f"{number(s.value, 5)} {_sym(s.unit)}",
                  t(s.emissions), t(s.difference)) for s in r.substitutions)
    return Table("表10 缺省值替代明细", ("月份", "排放源", "参数", "原因", "原值", "缺省值", "替代后排放量（tCO₂）",
                                        "替代增加排放（tCO₂）"), rows, frozenset({4, 6, 7}))


def _production(r: FacilityReport) -> tuple[Table, Table | None]:
    rows: list[tuple[str, ...]] = []
    for key, (qty, unit) in r.result.products.items():
        rows.append((PRODUCTS.get(key, key), number(qty, 2), _sym(unit)))
    sector = r.guideline.sector
    indicators: list[tuple[str, ...]] = []
    if sector == "power":
        for key, label, unit in (("power", "供电碳排放强度", "tCO₂/MWh"), ("heat", "供热碳排放强度", "tCO₂/GJ")):
            value = r.intensity(key)
            indicators.append((label, t(value, 4) if value is not None else "未填报", unit))
        rows += [(PRODUCTS[key], "未填报", DASH) for key in ("generation", "heat") if r.product(key) is None]
    elif sector == "aluminium":
        process = r.process
        indicators += [("铝电解工序单位产品直接排放（阳极消耗与阳极效应）", t(r.intensity("aluminium", process), 4),
                        "tCO₂e/t"),
                       ("单位铝液排放量（直接排放）", t(r.intensity("aluminium", r.direct), 4), "tCO₂e/t")]
    elif sector == "cement":
        indicators.append(("单位熟料直接排放", t(r.intensity("clinker", r.direct), 4), "tCO₂/t"))
    return (Table("表11 生产数据", ("项目", "数值", "单位"), tuple(rows), frozenset({1})),
            Table("表12 排放强度", ("指标", "数值", "单位"), tuple(indicators), frozenset({1})) if indicators else None)


def _quality(r: FacilityReport) -> tuple[Table | None, Table | None]:
    """The cross-checks and the meter coverage of the data-quality control plan."""
    names = {b.result.source: b.name for b in r.sources}
    names.update({k: PRODUCTS.get(k, k) for k in r.result.products})
    checks = meters = None
    if r.checks:
        rows = tuple((names.get(c.subject, c.subject), vocab("check-kind", c.kind, "zh-CN"), number(c.primary, 2),
                      number(c.secondary, 2), _sym(c.unit),
                      t(c.pct, 2) + "%" if c.pct is not None else DASH, "符合" if c.within else "超出容差")
                     for c in r.checks)
        heads = ("对象", "第二来源", "报告值", "第二来源值", "单位", "差异率", "结论")
        checks = Table("表13 多源数据交叉校验", heads, rows, frozenset({2, 3, 5}))
    if r.meters:
        coverage = tuple((names.get(m.source, m.source), "、".join(m.meters) or DASH, number(m.quantity, 2),
                          _sym(m.unit), t(m.share * 100 if m.share is not None else None, 1) + "%") for m in r.meters)
        meters = Table("表14 计量器具检定覆盖", ("排放源", "计量器具", "活动数据", "单位", "检定有效期内计量占比"),
                       coverage, frozenset({2, 4}))
    return checks, meters


def _month_end(period: str) -> date:
    y, m = int(period[:4]), int(period[5:7])
    return date(y, m, monthrange(y, m)[1])


def _reconciliation(r: FacilityReport) -> Table:
    loc = r.result.scope2_location
    rows: list[tuple[str, str, str, str]] = [
            ("直接排放（范围一）", t(r.direct), t(r.direct), "一致：同一活动数据、参数与公式"),
            ("购入电力、热力间接排放", t(r.indirect_ets), t(loc),
             "碳市场口径采用全国电网平均排放因子；可持续发展报告（基于位置）采用生态环境部、国家统计局发布的"
             "区域或省级电力二氧化碳排放因子")]
    share = r.result.share
    rows.append(("设施权益比例", "100%", f"{number(share * 100, 2)}%",
                 "碳市场按设施全部排放报告；可持续发展报告按合并口径的比例汇总至集团"))
    gases = {g for b in r.sources for g in b.result.by_gas} - {"CO2"}
    if gases:
        rows.append(("全氟化碳折算", r.filing.report.gwp.set.value, r.filing.report.gwp.set.value,
                     "两份报告采用同一套全球变暖潜势；行业指南规定的取值未能取得原文核对"))
    return Table("表15 口径差异（吨二氧化碳当量）", ("项目", "本报告（碳市场口径）", "可持续发展报告", "说明"),
                 tuple(rows), frozenset({1, 2}))
