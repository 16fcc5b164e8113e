"""What the report says depends on what the filing holds (issue 12, item 3): the carbon-market chapter
only for ETS key emitters and credit users, formulas only for the methods used, the enforcement
statement as the filing gives it, PFC sub-rows shown as part of their parent."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from disclosure import load, validate
from disclosure.build import BuildOptions, RenderInput
from disclosure.word import blocks
from disclosure.word.document import Block, Bullets, Heading, Para, Table


def _blocks(path: Path, lang: str = "zh-CN") -> list[Block]:
    loaded = load(path)
    outcome = validate(loaded)
    assert outcome.filing is not None and outcome.figures is not None, [i.code for i in outcome.report.issues]
    parsed, _ = blocks(RenderInput(outcome.filing, outcome.figures, loaded,
                                   BuildOptions(output=Path("unused"), lang=lang, ghg_unit="t")))
    return parsed


def _chapters(parsed: list[Block]) -> list[str]:
    return [b.text for b in parsed if isinstance(b, Heading) and b.level == 1]


def _text(parsed: list[Block]) -> str:
    out = []
    for b in parsed:
        if isinstance(b, Para):
            out.append(b.text)
        elif isinstance(b, Bullets):
            out.extend(b.items)
        elif isinstance(b, Table):
            out.extend(c for row in b.rows for c in row)
    return "\n".join(out)


def _with(base_filing: Path, extra: str) -> Path:
    base_filing.write_text(base_filing.read_text("utf-8") + extra, "utf-8")
    return base_filing


def test_no_market_chapter_outside_the_ets_without_credits(base_filing: Path) -> None:
    zh = _chapters(_blocks(base_filing))
    assert not any("碳市场" in c or "减排实践" in c for c in zh), zh
    assert "六、数据质量与核查" in zh  # the later chapters move up
    en = _chapters(_blocks(base_filing, "en"))
    assert not any("Carbon market" in c for c in en) and "6 Data quality and verification" in en, en


def test_reductions_without_a_market_make_a_reduction_practice_chapter(base_filing: Path) -> None:
    path = _with(base_filing, """\
carbon_market:
  reductions:
    - {scope: scope1, quantity: 120, measure: {zh-CN: "锅炉燃烧优化", en: "Boiler combustion tuning"},
       investment: {value: 35, unit: "10^4CNY"}}
""")
    parsed = _blocks(path)
    assert "六、减排实践" in _chapters(parsed)
    assert "公司报告期内未参与碳排放权交易或使用碳信用" not in _text(parsed)
    table = next(b for b in parsed if isinstance(b, Table) and b.caption.endswith("减排措施及减排量"))
    assert table.rows[0][2:] == ("120", "35")


def test_the_market_chapter_for_ets_and_credit_users(samples: Path) -> None:
    for name in ("qinghai-aluminium", "central-soe-power", "szse-cement"):
        assert "六、碳市场参与" in _chapters(_blocks(samples / name / "filing.yaml")), name


def test_formulas_only_for_the_methods_used(samples: Path, base_filing: Path) -> None:
    def formulas(parsed: list[Block]) -> str:
        i = next(i for i, b in enumerate(parsed) if isinstance(b, Heading) and b.text == "计算公式")
        return "\n".join(b.items[0] if isinstance(b, Bullets) else "" for b in parsed[i:i + 4]) + "\n".join(
            x for b in parsed[i:i + 4] if isinstance(b, Bullets) for x in b.items)

    power = formulas(_blocks(samples / "central-soe-power" / "filing.yaml"))
    assert "化石燃料燃烧" in power and "外购电力" in power
    assert not any(w in power for w in ("熟料", "阳极", "全氟化碳", "外购热力")), power
    assert "未使用合约工具" in power  # no instruments: market-based equals location-based
    aluminium = formulas(_blocks(samples / "qinghai-aluminium" / "filing.yaml"))
    assert "阳极消耗" in aluminium and "斜率法" in aluminium and "熟料" not in aluminium
    assert "扣除绿色电力证书" in aluminium
    cement = formulas(_blocks(samples / "szse-cement" / "filing.yaml"))
    assert "熟料煅烧" in cement and "阳极" not in cement
    base = formulas(_blocks(base_filing))
    assert "化石燃料燃烧" in base and "移动源" not in base and "熟料" not in base


def test_enforcement_is_stated_as_the_filing_gives_it(samples: Path, base_filing: Path) -> None:
    text = _text(_blocks(samples / "central-soe-power" / "filing.yaml"))
    assert "报告期内，公司未因碳排放受到行政处罚，未被主管部门要求整改，未被立案调查。" in text
    en = _text(_blocks(samples / "central-soe-power" / "filing.yaml", "en"))
    assert "was not subject to any administrative penalty for carbon emissions" in en
    path = _with(base_filing, """\
carbon_market:
  credits:
    - {type: CCER, project: "某风电项目 CCER", quantity: 10, vintage: 2024, purpose: voluntary}
  enforcement:
    penalties: true
    rectification: false
    investigation: false
    description:
      zh-CN: "某厂因未按时报送排放报告被处以罚款2万元，已整改。"
      en: "A plant was fined CNY 20,000 for a late emissions report; corrected."
""")
    text = _text(_blocks(path))
    assert "报告期内，公司因碳排放受到行政处罚，未被主管部门要求整改，未被立案调查。" in text
    assert "被处以罚款2万元" in text


def test_enforcement_true_without_description_is_an_error(base_filing: Path) -> None:
    path = _with(base_filing, """\
carbon_market:
  enforcement: {penalties: false, rectification: true, investigation: false}
""")
    report = validate(load(path)).report
    found = [i for i in report.issues if i.code == "rule.market.enforcement-undescribed"]
    assert len(found) == 1 and found[0].severity == "error"


def test_pfc_sub_rows_are_part_of_their_parent(samples: Path) -> None:
    parsed = _blocks(samples / "qinghai-aluminium" / "filing.yaml")
    table = next(b for b in parsed if isinstance(b, Table) and b.caption.endswith("按温室气体种类分列的范围一排放量"))
    top = [r for r in table.rows[:-1] if not r[0].startswith("其中：")]
    subs = [r for r in table.rows[:-1] if r[0].startswith("其中：")]
    assert [r[0] for r in subs] == ["其中：四氟化碳（CF₄）", "其中：六氟乙烷（C₂F₆）"]

    def value(cell: str) -> Decimal:
        return Decimal(cell.replace(",", "").rstrip("%"))

    assert sum(value(r[2]) for r in top) == Decimal(100)  # shares of the top rows add up
    assert sum(value(r[1]) for r in top) == value(table.rows[-1][1])
    parent = next(r for r in top if "PFC" in r[0])
    assert sum(value(r[1]) for r in subs) == value(parent[1])


# --- item 5: content reviewers look for ----------------------------------------------------------

def _cover(parsed: list[Block]) -> list[str]:
    end = next(i for i, b in enumerate(parsed) if isinstance(b, Heading))
    return [b.text for b in parsed[:end] if isinstance(b, Para)]


def test_cover_board_statement_and_contact(samples: Path) -> None:
    zh = _blocks(samples / "qinghai-aluminium" / "filing.yaml")
    assert "证券简称：昆仑铝业　证券代码：600888" in _cover(zh)
    headings = [b.text for b in zh if isinstance(b, Heading)]
    assert headings.index("董事会声明") < headings.index("编制依据")
    text = _text(zh)
    assert "本公司董事会及全体董事保证本报告内容不存在虚假记载、误导性陈述或重大遗漏" in text
    assert "已于2026年4月16日经公司第九届董事会第十二次会议审议通过" in text
    assert "联系方式与意见反馈" in headings
    assert "**电子邮箱**：esg@qhkunlun-al.com.cn" in text and "（邮编810007）" in text
    en = _blocks(samples / "qinghai-aluminium" / "filing.yaml", "en")
    assert "Stock short name: Kunlun Aluminium   Stock code: 600888" in _cover(en)
    assert "Contact and feedback" in [b.text for b in en if isinstance(b, Heading)]


def test_english_report_prints_the_english_names(samples: Path) -> None:
    en = _text(_blocks(samples / "qinghai-aluminium" / "filing.yaml", "en"))
    assert "Ma Haiqing (Manager, Sustainability Department)" in en
    assert "Zhao Jianguo (Secretary to the Board)" in en
    assert "C3216 Aluminium smelting" in en
    assert "China Environmental United Certification Center Co., Ltd." in en
    for chinese in ("马海青", "董事会秘书", "铝冶炼", "中环联合"):
        assert chinese not in en, chinese


def test_a_chinese_only_name_in_an_english_report_is_a_warning(base_filing: Path) -> None:
    path = _with(base_filing, "")
    path.write_text(path.read_text("utf-8").replace('industry: "C0000 测试"', 'industry: "C0000 测试行业"'), "utf-8")
    report = validate(load(path)).report
    found = [i for i in report.issues if i.code == "rule.text.translation-missing"]
    # BASE_FILING's preparer (张三, 经理) is Chinese only too
    assert [i.location.path for i in found] == [("report", "prepared_by", "name"), ("report", "prepared_by", "role"),
                                                ("entity", "industry")]
    assert found[0].severity == "warning"
    path.write_text(path.read_text("utf-8").replace(
        'industry: "C0000 测试行业"', 'industry: {zh-CN: "C0000 测试行业", en: "C0000 Testing"}'), "utf-8")
    report = validate(load(path)).report
    assert ("entity", "industry") not in [i.location.path for i in report.issues
                                          if i.code == "rule.text.translation-missing"]


def test_risks_carry_category_horizon_likelihood_and_magnitude(samples: Path) -> None:
    parsed = _blocks(samples / "qinghai-aluminium" / "filing.yaml")
    risks = next(b for b in parsed if isinstance(b, Table) and b.caption.endswith("气候相关风险与机遇"))
    by_id = {r[0]: r for r in risks.rows}
    assert by_id["R2"][1] == "慢性实体风险" and by_id["R2"][2] == "中期；可能性中；影响程度高"
    assert by_id["R3"][1] == "急性实体风险" and by_id["R4"][1] == "转型风险——市场"
    assert "碳边境调节机制" in by_id["R4"][3]
    effects = next(b for b in parsed if isinstance(b, Table) and b.caption.endswith("气候相关财务影响"))
    assert ["R4", "预期", "1,200–2,000", "营业收入（对欧出口价格折让）", "—"] in [list(r) for r in effects.rows]


def test_scenarios_state_inputs_assumptions_and_results(samples: Path) -> None:
    parsed = _blocks(samples / "qinghai-aluminium" / "filing.yaml")
    items = [x for b in parsed if isinstance(b, Bullets) for x in b.items if x.startswith("**现行政策情景**")]
    assert len(items) == 1
    assert "输入参数：碳价维持100元/吨以下" in items[0] and "关键假设：电网有序用电规则不变" in items[0]
    assert "分析结果：转型成本较低" in items[0]


def test_assurance_statement_appendix_only_when_the_filing_has_one(samples: Path) -> None:
    power = _blocks(samples / "central-soe-power" / "filing.yaml")
    chapters = _chapters(power)
    assert chapters[-1] == "附录四 鉴证报告"
    start = next(i for i, b in enumerate(power) if isinstance(b, Heading) and b.text == "附录四 鉴证报告")
    appendix = _text(power[start:])
    assert "致中能东海发电股份有限公司董事会：" in appendix and "CCSC-GHG-2026-0317" in appendix
    assert "鉴证报告见附录四。" in _text(power[:start])
    assert "附录四 鉴证报告" not in _chapters(_blocks(samples / "qinghai-aluminium" / "filing.yaml"))


def test_acknowledged_outliers_are_described_in_the_reports_words(samples: Path) -> None:
    """An acknowledged outlier is described as a reader understands it, not by the validator's finding
    title ("月度数据相差十的整数次幂"), and the report does not send readers to the internal calculation trail."""
    from disclosure.catalogue import CATALOGUE

    for lang in ("zh-CN", "en"):
        parsed = _blocks(samples / "qinghai-aluminium" / "filing.yaml", lang)
        acknowledged = [b for b in parsed if isinstance(b, Table) and b.caption.endswith(
            ("经复核确认的异常数据", "Outliers reviewed and confirmed"))]
        assert acknowledged and acknowledged[0].rows, lang
        text = _text(parsed)
        titles = {CATALOGUE[c].title[lang] for c in CATALOGUE if c.startswith(("rule.magnitude", "rule.outlier",
                                                                                "rule.plausibility"))}
        assert not [t for t in titles if t in text], lang
        assert "计算溯源记录" not in text and "calculation trail" not in text
