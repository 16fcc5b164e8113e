"""Numbers in the preparer's words agree with the computed figures (issue 12, item 3):
``rule.narrative.figure-mismatch`` warns with both values, and only where a text states a current share."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from disclosure import load, validate
from disclosure.rules.narrative import mismatches

COMPUTED = {"green-electricity": Decimal("16.44"), "process-share": Decimal("64.7"), "clean-energy": Decimal("12.3")}


@pytest.mark.parametrize(("text", "lang", "found"), [
    ("2025年绿证覆盖外购电量的16.8%。", "zh-CN", "16.8%"),
    ("2025年绿证覆盖外购电量的16.4%。", "zh-CN", None),
    ("GECs covered 16.8 % of purchased electricity in 2025.", "en", "16.8 %"),
    ("GECs covered 16.4 % of purchased electricity in 2025.", "en", None),
    ("熟料煅烧过程排放占范围一约六成。", "zh-CN", "约六成"),
    ("熟料煅烧过程排放占范围一约65%。", "zh-CN", None),
    ("熟料煅烧过程排放占范围一超过六成。", "zh-CN", None),
    ("熟料煅烧过程排放占范围一不足六成。", "zh-CN", "不足六成"),
    ("Calcination is about 60 % of Scope 1.", "en", "about 60 %"),
    ("Calcination is about 65 % of Scope 1.", "en", None),
    ("清洁能源占比12.3%。", "zh-CN", None),
    ("清洁能源占比15%。", "zh-CN", "15%"),
    # forward-looking or about something else: not checked
    ("2030年清洁能源占综合能耗比例达到30%。", "zh-CN", None),
    ("清洁能源占比目标为30%。", "zh-CN", None),
    ("Clean energy will reach a 30 % share of energy use.", "en", None),
    ("电力成本约占电解铝成本的四成。", "zh-CN", None),
    # two shares in one sentence (a change): not pinned
    ("清洁能源占比由10%提高到15%。", "zh-CN", None),
])
def test_statements_are_compared_with_the_computed_share(text: str, lang: str, found: str | None) -> None:
    result = [s.text for _, s, _ in mismatches(text, lang, 2025, COMPUTED)]
    assert result == ([found] if found else [])


def test_validate_warns_with_both_values_at_the_text(base_filing: Path) -> None:
    text = base_filing.read_text("utf-8")
    text = text.replace('consolidation_scope: {zh-CN: "与合并报表范围一致。", en: "Same as the consolidation scope."}',
                        'consolidation_scope: {zh-CN: "与合并报表范围一致。2025年绿证覆盖外购电量的25%。", '
                        'en: "Same as the consolidation scope. GECs covered 20 % of purchased electricity."}')
    text = text.replace("        location_factor:", "        instruments:\n"
                        "          - {type: green-certificate, quantity: 200, unit: MWh}\n        location_factor:")
    base_filing.write_text(text, "utf-8")
    report = validate(load(base_filing)).report
    found = [i for i in report.issues if i.code == "rule.narrative.figure-mismatch"]
    assert len(found) == 1, [i.code for i in report.issues]
    issue = found[0]
    assert issue.severity == "warning"
    assert issue.context["stated"] == "25%" and issue.context["computed"] == "20.0%"
    assert issue.location.line == text.splitlines().index(
        next(line for line in text.splitlines() if "25%" in line)) + 1
    assert "25%" in issue.message("zh-CN") and "20.0%" in issue.message("zh-CN")
    assert "20.0%" in issue.message("en")
