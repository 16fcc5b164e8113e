"""The event's documents: the carbon-neutrality report and the neutrality statement in Word (each
language of the filing), with the figures as JSON and the trail, written by the build like the disclosure's."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from disclosure.event.check import EventResult
from disclosure.event.compute import OTHER_UNITS, ActivityResult
from disclosure.event.model import Category, OffsetType, Stage
from disclosure.word.document import Block, Heading, Meta, Para, Table, write
from disclosure.word.figures import DASH, date_text, number

TEXT: dict[str, dict[str, Any]] = {
    "zh-CN": {
        "stage": {Stage.PREPARATION: "筹备阶段", Stage.HOLDING: "举办阶段", Stage.WRAP_UP: "收尾阶段"},
        "category": {Category.VENUE_ENERGY: "场馆及设施能源", Category.TRANSPORT_PARTICIPANTS: "人员交通",
                     Category.TRANSPORT_GOODS: "物资运输", Category.ACCOMMODATION: "住宿", Category.CATERING: "餐饮",
                     Category.MATERIALS: "物料与印刷品", Category.WASTE: "废弃物处理"},
        "offset": {OffsetType.ALLOWANCE: "全国碳排放权交易配额", OffsetType.CCER: "国家核证自愿减排量（CCER）",
                   OffsetType.INCLUSIVE: "碳普惠减排量", OffsetType.FORESTRY: "林业碳汇", OffsetType.OTHER: "其他"},
        "basis": {"measured": "实测", "user": "供应方或组织方提供", "verified": "官方值",
                  "secondary": "官方值（二手来源）",
                  "unverified": "缺省值（未经原文核实）"},
        "report": "碳中和报告", "statement": "碳中和声明",
        "mode": {"air-passenger": "航空客运", "road-freight-heavy-diesel": "重型柴油货车运输（载重30吨）",
                 "road-freight-medium-diesel": "中型柴油货车运输（载重8吨）", "hotel-china": "酒店住宿（中国）",
                 "material-aluminium": "铝板带"},
    },
    "en": {
        "stage": {Stage.PREPARATION: "Preparation", Stage.HOLDING: "Holding", Stage.WRAP_UP: "Wrap-up"},
        "category": {Category.VENUE_ENERGY: "Venue and facility energy",
                     Category.TRANSPORT_PARTICIPANTS: "Transport of participants",
                     Category.TRANSPORT_GOODS: "Transport of goods", Category.ACCOMMODATION: "Accommodation",
                     Category.CATERING: "Catering", Category.MATERIALS: "Materials and printing",
                     Category.WASTE: "Waste treatment"},
        "offset": {OffsetType.ALLOWANCE: "National ETS allowances (CEA)", OffsetType.CCER: "CCER",
                   OffsetType.INCLUSIVE: "Provincial carbon-inclusion credits", OffsetType.FORESTRY: "Forestry sink",
                   OffsetType.OTHER: "Other"},
        "basis": {"measured": "measured", "user": "supplier or organiser", "verified": "official",
                  "secondary": "official (secondary copy)", "unverified": "default (not checked against the text)"},
        "report": "Carbon Neutrality Report", "statement": "Carbon Neutrality Statement",
        "mode": {"air-passenger": "Air travel", "road-freight-heavy-diesel": "Heavy diesel lorry (30 t load)",
                 "road-freight-medium-diesel": "Medium diesel lorry (8 t load)", "hotel-china": "Hotel stay (China)",
                 "material-aluminium": "Aluminium sheet and strip"},
    },
}
GUIDELINE = {"zh-CN": "《大型活动碳中和实施指南（试行）》（生态环境部，2019年）",
             "en": "the MEE Implementation Guide for Carbon Neutrality of Large-scale Events (Trial, 2019)"}


def _t(v: Decimal, places: int = 2) -> str:
    return number(v, places)


def _unit(unit: str, lang: str) -> str:
    return OTHER_UNITS[unit][0 if lang == "zh-CN" else 1] if unit in OTHER_UNITS else unit


def _basis(a: ActivityResult, lang: str) -> str:
    names = TEXT[lang]["basis"]
    return "、".join(names.get(b, b) for b in a.basis.split(",")) if lang == "zh-CN" else \
        ", ".join(names.get(b, b) for b in a.basis.split(","))


def report_blocks(ev: EventResult, lang: str) -> list[Block]:
    f, fig = ev.filing, ev.figures
    T = TEXT[lang]
    zh = lang == "zh-CN"
    e = f.event
    name = e.name.get(lang)
    venues = ("、" if zh else "; ").join(v.name.get(lang) for v in e.venues)
    out: list[Block] = [
        Para(f.report.title.get(lang), "Title"),
        Para(e.organiser.name.get(lang), "Subtitle"),
        Heading(2, "一、活动概况" if zh else "1. The event"),
        Table("表1 活动基本信息" if zh else "Table 1 The event",
              ("项目", "内容") if zh else ("Item", "Content"),
              ((("活动名称", name), ("组织者", e.organiser.name.get(lang)),
                ("统一社会信用代码", e.organiser.uscc or DASH),
                ("举办日期", f"{date_text(e.start, lang)}至{date_text(e.end, lang)}"), ("场馆", venues))
               if zh else (("Event", name), ("Organiser", e.organiser.name.get(lang)),
                           ("Unified social credit code", e.organiser.uscc or DASH),
                           ("Dates", f"{date_text(e.start, lang)} to {date_text(e.end, lang)}"), ("Venues", venues)))),
        Table("表2 参与人员" if zh else "Table 2 Attendance", ("人员", "人数", "人·天") if zh else
              ("Group", "People", "Person-days"),
              tuple((a.group.get(lang), f"{a.count:,}", f"{a.person_days:,}" if a.person_days is not None else DASH)
                    for a in e.attendance), frozenset({1, 2})),
        Heading(2, "二、核算边界与方法" if zh else "2. Boundary and method"),
        Para(f"本报告依据{GUIDELINE[lang]}，核算活动筹备、举办和收尾三个阶段的温室气体排放，排放源包括场馆及设施能源、"
             "人员交通、物资运输、住宿、餐饮、物料与印刷品和废弃物处理。化石燃料燃烧排放 = 消耗量 × 低位发热量 × "
             "单位热值含碳量 × 碳氧化率 × 44/12；购入电力排放 = 用电量 × 生态环境部、国家统计局发布的区域电力二氧化碳"
             f"排放因子；其他活动排放 = 活动数据 × 排放因子。温室气体按{f.report.gwp.set.value}全球变暖潜势折算。"
             if zh else
             f"This report follows {GUIDELINE[lang]} and accounts for the emissions of the event's preparation, "
             "holding "
             "and wrap-up stages from venue energy, transport of participants and goods, accommodation, catering, "
             "materials and waste. Fuel combustion = quantity × net calorific value × carbon per heat × oxidation × "
             "44/12; purchased electricity = consumption × the MEE/NBS electricity CO2 factor of the region; other "
             f"activities = activity data × factor. Gases are converted with {f.report.gwp.set.value} GWPs."),
    ]
    if f.exclusions:
        out.append(Table("表3 排除的排放源" if zh else "Table 3 Exclusions",
                         ("阶段", "类别", "理由") if zh else ("Stage", "Category", "Reason"),
                         tuple((T["stage"][x.stage], T["category"][x.category], x.reason.get(lang))
                               for x in f.exclusions)))
    out += [Heading(2, "三、温室气体排放量" if zh else "3. Emissions"),
            Table("表4 各排放源排放量" if zh else "Table 4 Emissions by source",
                  ("阶段", "类别", "排放源", "活动数据", "单位", "因子依据", "排放量（tCO₂e）") if zh else
                  ("Stage", "Category", "Source", "Activity data", "Unit", "Factor basis", "Emissions (tCO2e)"),
                  tuple((T["stage"][a.activity.stage], T["category"][a.activity.category], a.activity.name.get(lang),
                         _t(a.quantity), _unit(a.unit, lang), _basis(a, lang), _t(a.emissions))
                        for a in fig.activities), frozenset({3, 6})),
            Table("表5 分阶段与分类别排放量" if zh else "Table 5 Emissions by stage and category",
                  ("项目", "排放量（tCO₂e）", "占比") if zh else ("Item", "Emissions (tCO2e)", "Share"),
                  (*((T["stage"][s], _t(v), _share(v, fig.total)) for s, v in fig.by_stage().items()),
                   *((T["category"][c], _t(v), _share(v, fig.total)) for c, v in fig.by_category().items() if v),
                   ("合计" if zh else "Total", _t(fig.total), "100.0%")), frozenset({1, 2}), frozenset({10})),
            ]
    out.append(factor_table(ev, lang))
    out.append(Heading(2, "四、减排措施" if zh else "4. Reductions"))
    out.append(Table("表7 减排措施" if zh else "Table 7 Reduction measures",
                     ("阶段", "措施", "估算减排量（tCO₂e）") if zh else ("Stage", "Measure", "Estimated (tCO2e)"),
                     tuple((T["stage"][r.stage], r.measure.get(lang),
                            _t(r.estimated_t) if r.estimated_t is not None else DASH) for r in f.reductions),
                     frozenset({2}), note="减排量为估算值，未从排放量中扣除。" if zh else
                     "Estimates; not deducted from the emissions."))
    out += [Heading(2, "五、碳抵消" if zh else "5. Offsets"),
            Table("表8 用于抵消的配额和减排量" if zh else "Table 8 Allowances and credits retired",
                  ("类型", "项目", "年份", "数量（tCO₂e）", "注销日期", "注销证明", "注册登记系统") if zh else
                  ("Type", "Project", "Vintage", "Quantity (tCO2e)", "Retired on", "Certificate", "Registry"),
                  tuple((T["offset"][o.type], o.project or DASH, str(o.vintage), _t(o.quantity),
                         o.retired_on.isoformat() if o.retired_on else DASH, o.evidence or DASH, o.registry)
                        for o in fig.counted), frozenset({3})),
            Heading(2, "六、碳中和平衡" if zh else "6. Neutrality balance"),
            Table("表9 碳中和平衡" if zh else "Table 9 Balance", ("项目", "tCO₂e") if zh else ("Item", "tCO2e"),
                  (("活动排放总量" if zh else "Event emissions", _t(fig.total)),
                   ("注销的抵消量" if zh else "Offsets retired", _t(fig.offset_total)),
                   ("差额（抵消量 − 排放量）" if zh else "Balance (offsets − emissions)", _t(fig.balance))),
                  frozenset({1}), frozenset({2})),
            Para((f"注销的配额和减排量（{_t(fig.offset_total)}吨）不少于活动排放量（{_t(fig.total)}吨），"
                  f"{name}实现碳中和。" if fig.neutral else "抵消量不足，未实现碳中和。") if zh else
                 (f"The allowances and credits retired ({_t(fig.offset_total)} t) are not less than the event's "
                  f"emissions ({_t(fig.total)} t): {name} is carbon neutral." if fig.neutral else
                  "Offsets are short: the event is not carbon neutral.")),
            ]
    ev_ = f.neutrality.evaluation
    if ev_ is not None:
        out.append(Para(f"本次碳中和由{ev_.body}评价（报告编号 {ev_.report_no}，{date_text(ev_.date, lang)}）。"
                        if zh else
                        f"The neutrality was evaluated by {ev_.body} (report {ev_.report_no}, "
                        f"{date_text(ev_.date, lang)})."))
    p = f.report.prepared_by
    out.append(Para(f"编制：{p.name}（{p.role}，{date_text(p.date, lang)}）。" if zh else
                    f"Prepared by {p.name} ({p.role}), {date_text(p.date, lang)}."))
    return out


def factor_rows(ev: EventResult, lang: str) -> list[tuple[str, str, str, str]]:
    """Every factor the figures used: the library's by their public name and official citation (a draft
    marker where the library knows none), then those the filing gives with the source it names."""
    from disclosure.word.citations import DRAFT_MARK, name

    rows = []
    for factor in ev.figures.factors_used.values():
        label = TEXT[lang]["mode"].get(factor.parameter or "", factor.parameter) if factor.kind == "event" else \
            name(factor, lang)
        rows.append((label, _exact(factor.value),
                     _factor_unit(factor.unit, lang), factor.citation(lang) or DRAFT_MARK[lang]))
    for a in ev.figures.activities:
        ref = a.activity.factor
        if a.basis == "user" and ref is not None and ref.value is not None:
            rows.append((a.activity.name.get(lang), _exact(ref.value),
                         _factor_unit(ref.unit or "", lang), ref.source or DASH))
    return rows


def _exact(value: Decimal) -> str:
    """A factor as published: all its decimals, no more."""
    exponent = value.as_tuple().exponent
    return number(value, -exponent if isinstance(exponent, int) and exponent < 0 else 0)


def _factor_unit(unit: str, lang: str) -> str:
    from disclosure.word.citations import unit_text

    numerator, _, per = unit.partition("/")
    if per in OTHER_UNITS:
        mass = {"kgCO2e": ("千克二氧化碳当量", "kgCO₂e"), "tCO2e": ("吨二氧化碳当量", "tCO₂e")}.get(numerator)
        if mass is not None:
            return f"{mass[0]}/{OTHER_UNITS[per][0]}" if lang == "zh-CN" else f"{mass[1]}/{OTHER_UNITS[per][1]}"
    if unit == "kgCO2e/t":
        return "千克二氧化碳当量/吨" if lang == "zh-CN" else "kgCO₂e/t"
    return unit_text(unit, lang)


def factor_table(ev: EventResult, lang: str) -> Table:
    zh = lang == "zh-CN"
    return Table("表6 排放因子及出处" if zh else "Table 6 Emission factors and their sources",
                 ("排放因子", "数值", "单位", "出处") if zh else ("Factor", "Value", "Unit", "Source"),
                 tuple(factor_rows(ev, lang)), frozenset({1}))


def _share(v: Decimal, whole: Decimal) -> str:
    return f"{v / whole * 100:.1f}%" if whole else DASH


def statement_blocks(ev: EventResult, lang: str) -> list[Block]:
    f, fig = ev.filing, ev.figures
    zh = lang == "zh-CN"
    e = f.event
    n = f.neutrality
    kinds = ("、" if zh else ", ").join(sorted({TEXT[lang]["offset"][o.type] for o in fig.counted}))
    body = (f"{e.organiser.name.get(lang)}作为{e.name.get(lang)}"
            f"（{date_text(e.start, lang)}至{date_text(e.end, lang)}）"
            f"的组织者，依据{GUIDELINE[lang]}，核算了活动筹备、举办和收尾阶段的温室气体排放量共计{_t(fig.total)}吨"
            f"二氧化碳当量，并通过注销{kinds}共{_t(fig.offset_total)}吨二氧化碳当量完成抵消。特此声明：{e.name.get(lang)}"
            "实现碳中和。" if zh else
            f"{e.organiser.name.get(lang)}, organiser of {e.name.get(lang)} ({date_text(e.start, lang)} to "
            f"{date_text(e.end, lang)}), has accounted, following {GUIDELINE[lang]}, for the greenhouse-gas emissions "
            f"of the event's preparation, holding and wrap-up stages, {_t(fig.total)} tCO2e in total, and has offset "
            f"them by retiring {_t(fig.offset_total)} tCO2e of {kinds}. We hereby state that {e.name.get(lang)} is "
            "carbon neutral.")
    out: list[Block] = [Para(TEXT[lang]["statement"], "Title"), Para(e.name.get(lang), "Subtitle"), Para(body),
                        Table("注销明细" if zh else "Retirements",
                              ("类型", "数量（tCO₂e）", "注销证明", "注销日期") if zh else
                              ("Type", "Quantity (tCO2e)", "Certificate", "Retired on"),
                              tuple((TEXT[lang]["offset"][o.type], _t(o.quantity), o.evidence or DASH,
                                     o.retired_on.isoformat() if o.retired_on else DASH) for o in fig.counted),
                              frozenset({1}))]
    if n.evaluation is not None:
        out.append(Para(f"评价机构：{n.evaluation.body}（{n.evaluation.report_no}）。" if zh else
                        f"Evaluated by {n.evaluation.body} ({n.evaluation.report_no})."))
    out.append(Para(f"{e.organiser.name.get(lang)}    {n.signed_by.name}（{n.signed_by.role}）    "
                    f"{date_text(n.statement_date, lang)}" if zh else
                    f"{e.organiser.name.get(lang)}    {n.signed_by.name} ({n.signed_by.role})    "
                    f"{date_text(n.statement_date, lang)}"))
    return out


def files(ev: EventResult, source_epoch: int | None) -> dict[str, bytes]:
    """The event's documents in each language, its figures and its trail."""
    from disclosure.output import to_json
    from disclosure.word import reference_bytes

    f = ev.filing
    day = f.neutrality.statement_date
    stamp = datetime.fromtimestamp(source_epoch, tz=UTC) if source_epoch is not None else datetime(
        day.year, day.month, day.day, tzinfo=UTC)
    out: dict[str, bytes] = {
        "event-figures.json": to_json(ev.figures.to_dict()),
        "event-trail.json": to_json({"entries": [e.to_dict() for e in ev.figures.trail]}),
    }
    for lang in f.report.languages:
        org = f.event.organiser.name.get(lang)
        for kind, make in (("report", report_blocks), ("statement", statement_blocks)):
            title = f"{f.event.name.get(lang)}{TEXT[lang][kind]}" if lang == "zh-CN" else \
                f"{f.event.name.get(lang)} — {TEXT[lang][kind]}"
            meta = Meta(title=title, author=org, subject=title, language=lang,
                        keywords="大型活动碳中和" if lang == "zh-CN" else "large-event carbon neutrality", header=title,
                        footer="第 {PAGE} 页" if lang == "zh-CN" else "Page {PAGE}", timestamp=stamp)
            out[f"event-{kind}.{lang}.docx"] = write(make(ev, lang), meta, reference_bytes())
    return out
