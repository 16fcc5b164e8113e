"""Chinese typesetting conventions (issue 12 item 4, docs/typesetting.md): punctuation as printed,
text widths from the installed fonts, line breaking as LibreOffice breaks."""

from __future__ import annotations

import pytest

from disclosure.word.columns import FAMILY
from disclosure.word.metrics import Face, face, width
from disclosure.word.punctuation import normalise
from disclosure.word.wrap import lines, pieces


@pytest.mark.parametrize(("typed", "printed"), [
    ("范围一,范围二.", "范围一，范围二。"),
    ("比例:高; 是否核查?是!", "比例：高；是否核查？是！"),
    ("参照<<温室气体排放核算>>执行", "参照《温室气体排放核算》执行"),
    ("东海电厂(2×660MW)", "东海电厂（2×660MW）"),
    ("他说\"低碳\"很重要", "他说“低碳”很重要"),
    ("《指南》(环办气候函〔2022〕485号); GHG Protocol", "《指南》（环办气候函〔2022〕485号）；GHG Protocol"),
])
def test_chinese_text_gets_full_width_punctuation(typed: str, printed: str) -> None:
    assert normalise(typed) == printed
    assert normalise(printed) == printed  # idempotent


@pytest.mark.parametrize("kept", [
    "1,234吨", "3,576,000 MWh", "GB/T 32151.34—2024", "CEC-QH-2026-0412", "Scope 1, Scope 2",
    "10:30开始", "0.5%", "排放量 (tCO2e)", "Mandatory: yes", "第29(a)(iv)段", "IFRS S2 29(g)；国资委",
])
def test_numbers_codes_and_latin_text_keep_their_marks(kept: str) -> None:
    assert normalise(kept) == kept


def test_widths_come_from_the_installed_table_font() -> None:
    """Noto Sans CJK SC (fonts-noto-cjk) is read: a CJK character is one em, Latin letters proportional."""
    found = face(FAMILY)
    assert found.path.endswith((".ttc", ".otf")), "fonts-noto-cjk is installed by .ci/run"
    assert found.advance("汇") == 1.0
    assert 0.5 < found.advance("M") < 0.95 and found.advance("i") < 0.35
    assert width("Mandatory", 10.5, FAMILY, bold=True) > width("Mandatory", 10.5, FAMILY)


def test_without_the_font_widths_are_estimated() -> None:
    estimate = Face("")
    assert estimate.advance("汇") == 1.0 and estimate.advance("a") == 0.5 and estimate.advance("W") == 0.6


def test_line_breaks_follow_chinese_rules() -> None:
    assert pieces("〔2013〕2526号") == ["〔2013〕2526", "号"]  # a bracket holds on to the number after it
    assert pieces("吨碳/吉焦") == ["吨", "碳/", "吉", "焦"]
    assert "，" not in [p[0] for p in pieces("范围一，范围二")]  # never at the start of a line
    broken = lines("对标索引表；未披露议题按第七条说明", 8 * 10.5 + 0.5, 10.5, FAMILY)
    assert [len(x.text) for x in broken] == [8, 8, 1]
    cut = lines("Mandatory", 20, 10.5, FAMILY)
    assert cut[0].cut and len(cut) > 1


@pytest.mark.parametrize(("cited", "english"), [
    ("Guideline 第二十四条", "Guideline Art. 24"),
    ("Guideline 第四条; Guide No. 1 第一章", "Guideline Art. 4; Guide No. 1 Ch. 1"),
    ("第十条", "Art. 10"), ("第一百零五条", "Art. 105"), ("要求 11 第 3 项", "要求 11 item 3"), ("第三十章", "Ch. 30"),
    ("要求17 第3、4项", "要求17 items 3, 4"),
])
def test_an_english_index_cites_articles_in_english(cited: str, english: str) -> None:
    from disclosure.word.punctuation import english_clauses

    assert english_clauses(cited) == english


def _rows_xml(blocks: list) -> list[str]:  # type: ignore[type-arg]
    import io
    import re
    import zipfile
    from datetime import UTC, datetime

    from disclosure.word import reference_bytes
    from disclosure.word.document import Meta, write

    meta = Meta("t", "a", "s", "k", "zh-CN", "h", "第 {PAGE} 页", datetime(2026, 1, 1, tzinfo=UTC))
    xml = zipfile.ZipFile(io.BytesIO(write(blocks, meta, reference_bytes()))).read("word/document.xml").decode()
    return re.findall(r"<w:tr[ >].*?</w:tr>", xml, re.S)


def test_a_tall_row_may_break_across_pages_a_short_one_never() -> None:
    """Review P2-8: a risk row of twenty lines that cannot split leaves half a page blank before it."""
    from disclosure.word.document import Table

    table = Table("表", ("编号", "描述"), (("R1", "短"), ("R2", "很长的描述。" * 200)))
    rows = _rows_xml([table])
    assert "<w:cantSplit/>" in rows[1] and "<w:cantSplit/>" not in rows[2]


def test_long_descriptions_get_the_width_short_columns_do_not_need() -> None:
    """Review P2-8 (en Table 3-1): Description and Response got about twelve characters and ran 20–30
    lines. The room goes to the columns that make the rows tall; a table whose rows would still be very
    tall at 10.5 pt is set at 9 pt; an English header wraps between its words."""
    from disclosure.word import columns

    text = ("Aluminium smelting joined the national ETS in 2025 and benchmarks tighten each year; the Xining "
            "smelter was about 114,000 t short of allowances for 2024 and the gap may widen.")
    head = ("No.", "Kind", "Horizon and rating", "Description", "Response", "Current financial effect",
            "Anticipated financial effect")
    rows = [(f"R{i}", "Transition risk — policy and legal", "Medium term; likelihood high; magnitude medium",
             text * 2, text, "About CNY 28.6 million spent on allowances.", "—") for i in range(3)]
    fitted = columns.layout(head, rows)
    no, kind, horizon, description, response, current, anticipated = fitted.widths
    assert description > max(no, kind, horizon, current, anticipated) and response > max(no, kind, horizon)
    assert fitted.size == 9.0
    cells = [[columns.Cell(h, True)] + [columns.Cell(r[i], False) for r in rows] for i, h in enumerate(head)]
    assert columns.tallest(cells, fitted.widths, fitted.size, fitted.padding) <= 16
