"""Figures and words that reconcile (issue 12, review P1-3, P1-4, P1-6, P2-11, P2-12): one purchased-
electricity figure in every table, on-site generation never deducted as a market-based instrument, no
meter ids or code keys in printed cells, one sign convention for differences, zero differences as "0"."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from disclosure import load, validate
from disclosure.compute import Figures
from disclosure.model import Filing
from disclosure.word.content import Builder
from disclosure.word.document import Block, Table
from disclosure.word.markup import texts
from tests.test_report_content import _blocks

GJ_PER_MWH = Decimal("3.6")
TCE_GJ = Decimal("29.3076")


def _outcome(path: Path) -> tuple[Filing, Figures]:
    loaded = load(path)
    outcome = validate(loaded)
    assert outcome.filing is not None and outcome.figures is not None, [i.code for i in outcome.report.issues]
    return outcome.filing, outcome.figures


def _table(parsed: list[Block], caption: str) -> Table:
    found = [b for b in parsed if isinstance(b, Table) and b.caption.endswith(caption)]
    assert len(found) == 1, [b.caption for b in parsed if isinstance(b, Table)]
    return found[0]


def _row(table: Table, first: str) -> tuple[str, ...]:
    found = [r for r in table.rows if r[0] == first]
    assert len(found) == 1, [r[0] for r in table.rows]
    return found[0]


def _int(value: Decimal) -> str:
    return f"{value.quantize(Decimal(1), rounding=ROUND_HALF_UP):,}"


# --- P1-3: purchased electricity is one number -----------------------------------------------------------

def test_purchased_electricity_is_one_figure_in_every_table(samples: Path) -> None:
    filing, fig = _outcome(samples / "qinghai-aluminium" / "filing.yaml")
    # by hand: the grid purchases of both plants (MWh, 100 % shares) at 3.6 GJ/MWh, 1 tce = 29.3076 GJ
    mwh = sum((s.quantity or Decimal(0)) * f.share for f in fig.facilities for s in f.sources
              if s.kind == "electricity")
    anode = next(f for f in filing.facilities if f.id == "QHCARBON-ANODE")
    assert mwh == Decimal(3576000) + sum(r.quantity for r in anode.electricity[0].records) == Decimal(3662400)
    purchased = _int(mwh * GJ_PER_MWH / TCE_GJ)
    own = _int(Decimal(12600) * GJ_PER_MWH / TCE_GJ)  # rooftop solar used on site, energy.additional
    assert (purchased, own) == ("449,871", "1,548")
    for lang, bought, self_used, indirect in (("zh-CN", "外购电力", "自发自用电力", "间接能源消费量"),
                                              ("en", "Purchased electricity", "Self-generated electricity used on site",
                                               "Indirect energy consumption")):
        parsed = _blocks(samples / "qinghai-aluminium" / "filing.yaml", lang)
        energy = next(b for b in parsed if isinstance(b, Table) and b.rows and any(r[0] == bought for r in b.rows)
                      and len(b.rows[0]) == 4)
        assert _row(energy, bought)[1] == purchased, lang
        assert _row(energy, self_used)[1] == own, lang
        structure = next(b for b in parsed if isinstance(b, Table) and any(r[0] == indirect for r in b.rows))
        assert _row(structure, indirect)[1] == purchased, lang  # no purchased heat in this filing
        printed = [r for b in parsed if isinstance(b, Table) for r in b.rows if r[0] == bought and len(r) > 1
                   and re.fullmatch(r"[\d,]+", r[1])]
        assert printed and all(r[1] == purchased for r in printed), printed


def test_self_generated_power_is_direct_energy(samples: Path) -> None:
    _, fig = _outcome(samples / "qinghai-aluminium" / "filing.yaml")
    assert fig.energy_gj["self-generated-electricity"] == Decimal(12600) * GJ_PER_MWH
    assert fig.energy is not None
    indirect_gj = fig.energy_gj["electricity"]
    assert fig.energy.indirect_tce == indirect_gj / TCE_GJ
    assert fig.energy.direct_tce + fig.energy.indirect_tce == pytest.approx(fig.energy.total_tce, abs=Decimal("1e-20"))


# --- P1-4: on-site generation is not a market-based instrument --------------------------------------------

def test_onsite_instrument_is_refused_with_a_coded_error(base_filing: Path) -> None:
    text = base_filing.read_text("utf-8")
    text = text.replace("        location_factor:", "        instruments:\n"
                        "          - {type: onsite, quantity: 200, unit: MWh}\n        location_factor:")
    base_filing.write_text(text, "utf-8")
    report = validate(load(base_filing)).report
    found = [i for i in report.issues if i.code == "rule.elec.onsite-not-instrument"]
    assert len(found) == 1, [i.code for i in report.issues]
    issue = found[0]
    assert issue.severity == "error"
    assert issue.location.path[-3:] == ("instruments", 0, "type")
    assert issue.location.line == text.splitlines().index("          - {type: onsite, quantity: 200, unit: MWh}") + 1
    assert "200" in issue.message("zh-CN") and "energy.additional" in issue.hint("zh-CN")
    assert "not purchased electricity" in issue.message("en")


def test_cement_market_based_scope2_deducts_nothing(samples: Path) -> None:
    _, fig = _outcome(samples / "szse-cement" / "filing.yaml")
    line1 = next(f for f in fig.facilities if f.id == "YD-L1")
    grid = next(s for s in line1.sources if s.kind == "electricity")
    # by hand: 11,248.6 万kWh = 112,486 MWh on the grid bill × 0.4419 tCO2/MWh (Guangdong 2023); no instrument
    assert grid.emissions == Decimal(112486) * Decimal("0.4419")
    assert grid.market == grid.emissions
    assert fig.totals.scope2_market == fig.totals.scope2_location
    assert _int(fig.totals.scope2_market) == "106,071"
    trail = {e.id: e for e in fig.trail}
    market = trail[f"YD-L1/{grid.source}/market"]
    assert not [i for i in market.inputs if i.basis == "instrument"]


def test_market_note_names_the_instruments_applied(samples: Path, base_filing: Path) -> None:
    def note(parsed: list[Block]) -> str:
        return next(b for b in parsed if isinstance(b, Table) and b.caption.endswith(("温室气体排放总览",
                                                                                        "GHG emissions overview"))).note
    qh = note(_blocks(samples / "qinghai-aluminium" / "filing.yaml"))
    assert "扣除了绿色电力证书对应的电量" in qh and "绿色电力交易" not in qh
    assert "green electricity certificate" in note(_blocks(samples / "qinghai-aluminium" / "filing.yaml", "en")).lower()
    cement = note(_blocks(samples / "szse-cement" / "filing.yaml"))
    assert "扣除" not in cement and "相同" in cement
    text = base_filing.read_text("utf-8").replace("        location_factor:", "        instruments:\n"
                                                  "          - {type: ppa, quantity: 200, unit: MWh}\n"
                                                  "          - {type: green-power-trade, quantity: 100, unit: MWh}\n"
                                                  "        location_factor:")
    base_filing.write_text(text, "utf-8")
    both = note(_blocks(base_filing))
    assert "扣除了绿色电力交易、购电协议对应的电量" in both and "证书" not in both


# --- P1-6: no meter ids or code keys in printed tables -----------------------------------------------------

_ID_FIELDS = frozenset({"id", "key", "meter", "meters", "facility", "entity", "source", "sources", "type", "kind",
                        "measures", "fuel", "energy_use", "subject"})
_CODE = re.compile(r"[A-Z0-9]+-[A-Z0-9-]+|[a-z]+-[a-z-]+")


def _ids(node: object, field: str = "") -> set[str]:
    """Every code-like value the filing gives under an id or code field."""
    if isinstance(node, dict):
        return set().union(*(_ids(v, k) for k, v in node.items())) if node else set()
    if isinstance(node, list):
        return set().union(*(_ids(v, field) for v in node)) if node else set()
    if isinstance(node, str) and field in _ID_FIELDS and _CODE.fullmatch(node):
        return {node}
    return set()


@pytest.mark.parametrize("name", ["qinghai-aluminium", "central-soe-power", "szse-cement"])
@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_no_code_like_id_in_any_printed_table_cell(samples: Path, name: str, lang: str) -> None:
    filing, _ = _outcome(samples / name / "filing.yaml")
    ids = _ids(filing.model_dump(mode="json"))
    assert ids  # the samples do have coded ids (meters such as GATE-330, sources such as kiln-coal)
    found = []
    for b in _blocks(samples / name / "filing.yaml", lang):
        if isinstance(b, Table):
            for row in b.rows:
                for cell in row:
                    hits = [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", cell)]
                    if hits:
                        found.append((b.caption, cell, hits))
    assert not found, found


# --- P2-12 and P2-11: one sign convention; zero and tiny differences ---------------------------------------

def test_every_difference_is_ours_minus_the_other_source(samples: Path) -> None:
    path = samples / "qinghai-aluminium" / "filing.yaml"
    _, fig = _outcome(path)
    trail = {e.id: e for e in fig.trail}
    coal = trail["check/QHAL-SMELTER/captive-coal/stock-balance"]
    # reported 607,440 t (monthly as-fired coal) against receipts less stock change 607,436 t
    assert coal.value == Decimal(607440) - Decimal(607436) == 4 and coal.formula == "gap = reported − second source"
    assert trail["check/QHAL-SMELTER/grid/meter-readings"].value == Decimal(3576000) - Decimal(3576120)
    verified = trail["verify/QHAL-SMELTER/scope1"]
    assert verified.formula == "gap = computed − verified" and verified.value > 0  # 1,975,337.26 − 1,975,337
    for lang, caption, words in (("zh-CN", "多源数据交叉校验结果", "差异 = 报告值 − 第二来源值"),
                                 ("en", "Multi-source cross-checks", "Gap = reported − second source")):
        parsed = _blocks(path, lang)
        checks = _table(parsed, caption)
        assert words in checks.note
        assert [r[5].split("（")[0].split(" (")[0] for r in checks.rows] == ["+4", "-120"]
        captions = ("核查报告数据与本报告核算结果对账", "Verified figures reconciled with the figures of this report")
        verification = next(b for b in parsed if isinstance(b, Table) and b.caption.endswith(captions))
        convention = ("差异 = 本报告核算值 − 核查值" if lang == "zh-CN"
                      else "Difference = computed in this report − verified")
        assert convention in verification.note


def test_a_difference_that_rounds_to_nothing_prints_0(samples: Path) -> None:
    cement = _blocks(samples / "szse-cement" / "filing.yaml")
    checks = _table(cement, "多源数据交叉校验结果")
    assert [r[5] for r in checks.rows if r[1] == "烟煤"] == ["-300（-0.12%）"]  # 260,180 − 260,480 t
    grid = [r for r in checks.rows if r[1] == "外购电力"]
    assert [r[5] for r in grid] == ["0"]  # 112,486 MWh on both sources (not "0（0.00%）")
    verification = _table(cement, "核查报告数据与本报告核算结果对账")
    assert verification.rows[0][2] == verification.rows[0][3] == "1,583,259"
    assert verification.rows[0][4] == "0"  # 1,583,258.96 − 1,583,259 = −0.04 t: not "-0.04（-<0.01%）" nor "-0.0"
    qh = _table(_blocks(samples / "qinghai-aluminium" / "filing.yaml"), "核查报告数据与本报告核算结果对账")
    assert qh.rows[0][4] == "0"  # +0.26 t beside two identical printed figures
    power = _table(_blocks(samples / "central-soe-power" / "filing.yaml"), "多源数据交叉校验结果")
    assert [r[5] for r in power.rows] == ["-178（-0.01%）", "-4（-0.02%）"]


def test_tiny_differences_keep_their_sign(samples: Path, base_filing: Path) -> None:
    filing, fig = _outcome(base_filing)
    b = Builder(filing, fig, [], "zh-CN", texts("zh-CN"), "t")
    assert b.gap(Decimal(4), Decimal("0.0007")) == "+4（+<0.01%）"
    assert b.gap(Decimal(-4), Decimal("-0.0007")) == "-4（-<0.01%）"
    assert b.gap(Decimal("0.49"), Decimal("0.00001")) == "0"
    assert b.gap(Decimal(0), Decimal(0)) == "0"
    assert b.gap(Decimal("-0.5"), Decimal("-0.00001")) == "-1（-<0.01%）"
    assert b.gap(Decimal(300), Decimal("0.1152")) == "+300（+0.12%）"


def test_cement_reconciliation_names_the_ets_line_without_a_report(samples: Path) -> None:
    for lang, caption, sentence in (
            ("zh-CN", "核查报告数据与本报告核算结果对账",
             "英德熟料二线（4500t/d）的2025年度核查报告尚未出具，未列入上表。"),
            ("en", "Verified figures reconciled with the figures of this report",
             "The 2025 verification report of Yingde clinker line 2 (4,500 t/d) has not yet been issued")):
        table = _table(_blocks(samples / "szse-cement" / "filing.yaml", lang), caption)
        assert sentence in table.note, table.note
        assert len(table.rows) == 1
    qh = _table(_blocks(samples / "qinghai-aluminium" / "filing.yaml"), "核查报告数据与本报告核算结果对账")
    assert "尚未出具" not in qh.note  # its one ETS facility has its report


# --- P2-16, P2-17, P2-18: the cement sample says what its data says ----------------------------------------

def test_cement_words_agree_with_its_boundary_and_bases(samples: Path) -> None:
    from tests.test_report_content import _text

    path = samples / "szse-cement" / "filing.yaml"
    zh, en = _blocks(path), _blocks(path, "en")
    excluded = _table(zh, "未纳入的范围三类别及原因")
    reason = next(r[1] for r in excluded.rows if "15" in r[0])
    assert "已按35%股权比例计入范围一、二" in reason and "无金融投资" not in reason  # the 35 % associate
    text = _text(zh)
    assert "参照《国际财务报告可持续披露准则第2号》第29(a)(iv)段" in text and "第29(a)(iv)段的要求" not in text
    assert "With reference to IFRS S2 paragraph 29(a)(iv)" in _text(en)
    qh = _text(_blocks(samples / "qinghai-aluminium" / "filing.yaml"))  # adopts IFRS S2 in its bases
    assert "按照《国际财务报告可持续披露准则第2号》第29(a)(iv)段的要求" in qh
    facilities = _table(zh, "按设施分列的排放量")
    assert _row(facilities, "西江水泥熟料线")[2] == "否"
    assert "由联营方西江水泥有限公司作为全国碳市场重点排放单位履约" in facilities.note
    assert "surrenders for it" in _table(en, "Emissions by facility").note
