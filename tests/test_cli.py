"""The CLI as an adapter: same JSON as the library, documented exit codes, atomic builds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from disclosure import load, validate
from disclosure.cli import main

SAMPLES = ("qinghai-aluminium", "central-soe-power", "szse-cement")


def test_validate_json_equals_library(samples: Path) -> None:
    path = samples / "central-soe-power" / "filing.yaml"
    result = CliRunner().invoke(main, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == json.loads(validate(load(path)).report.to_json())


def test_samples_are_valid_and_strict_counts_warnings(samples: Path) -> None:
    runner = CliRunner()
    for name in SAMPLES:
        result = runner.invoke(main, ["validate", str(samples / name / "filing.yaml"), "--lang", "en"])
        assert result.exit_code == 0, result.output
    strict = runner.invoke(main, ["validate", str(samples / "central-soe-power" / "filing.yaml"), "--strict"])
    assert strict.exit_code == 1
    issues = json.loads(runner.invoke(main, [
        "validate", str(samples / "central-soe-power" / "filing.yaml"), "--format", "json"]).output)["issues"]
    codes = {(i["code"], i["severity"]) for i in issues}
    # the warnings, and the one outlier the sample acknowledges (April's backup supply), still shown
    assert codes == {("rule.mrv.substitution", "warning"), ("rule.factor.unverified", "warning"),
                     ("rule.magnitude.monthly", "acknowledged")}
    qinghai = str(samples / "qinghai-aluminium" / "filing.yaml")
    assert runner.invoke(main, ["validate", qinghai, "--strict"]).exit_code == 0


def test_invalid_filing_exit_1_with_location(base_filing: Path) -> None:
    base_filing.write_text(base_filing.read_text("utf-8").replace("2025-12-31", "2025-11-30"), "utf-8")
    result = CliRunner().invoke(main, ["validate", str(base_filing), "--lang", "en"])
    assert result.exit_code == 1
    assert f"{base_filing}:6:" in result.output and "rule.report.period" in result.output


def test_usage_error_exit_2() -> None:
    assert CliRunner().invoke(main, ["validate"]).exit_code == 2
    assert CliRunner().invoke(main, ["build", "x.yaml"]).exit_code == 2


def test_build_writes_outputs_and_refuses_overwrite(samples: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    runner = CliRunner()
    path = samples / "szse-cement" / "filing.yaml"
    first = runner.invoke(main, ["build", str(path), "-o", str(out)])
    assert first.exit_code == 0, first.output
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert {o["file"] for o in manifest["outputs"]} >= {"figures.json", "trail.csv", "trail.json"}
    assert {i["file"] for i in manifest["inputs"]} == {"filing.yaml", "kiln_coal_2025.xlsx"}
    before = (out / "figures.json").read_bytes()
    again = runner.invoke(main, ["build", str(path), "-o", str(out)])
    assert again.exit_code == 3 and "build.output-exists" in again.output
    assert (out / "figures.json").read_bytes() == before
    forced = runner.invoke(main, ["build", str(path), "-o", str(out), "--force"])
    assert forced.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging left behind


def test_failed_build_leaves_existing_output_untouched(samples: Path, tmp_path: Path) -> None:
    src = tmp_path / "in"
    shutil.copytree(samples / "qinghai-aluminium", src)
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(src / "filing.yaml"), "-o", str(out)]).exit_code == 0
    snapshot = {p.name: p.read_bytes() for p in out.iterdir()}
    (src / "coal_monthly.csv").write_text("broken", encoding="utf-8")
    result = runner.invoke(main, ["build", str(src / "filing.yaml"), "-o", str(out), "--force"])
    assert result.exit_code == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == snapshot


def test_build_is_deterministic(samples: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    path = samples / "central-soe-power" / "filing.yaml"
    for name in ("a", "b"):
        assert runner.invoke(main, ["build", str(path), "-o", str(tmp_path / name), "--viewer", "--ghg-unit", "10kt"],
                             env={"SOURCE_DATE_EPOCH": "1767225600"}).exit_code == 0
    assert {"report.xbrl", "report.html", "report.json", "report-viewer.html", "ixbrlviewer.js",
            "cn-ghg-2026.zip", "manifest.json"} <= {f.name for f in (tmp_path / "a").iterdir()}
    assert "万吨二氧化碳当量" in (tmp_path / "a" / "report.html").read_text(encoding="utf-8")
    for f in (tmp_path / "a").iterdir():
        assert f.read_bytes() == (tmp_path / "b" / f.name).read_bytes(), f.name


def test_figures_json_equals_computed_decimals(samples: Path, tmp_path: Path) -> None:
    path = samples / "qinghai-aluminium" / "filing.yaml"
    assert CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "o")]).exit_code == 0
    data = json.loads((tmp_path / "o" / "figures.json").read_text("utf-8"))
    fig = validate(load(path)).figures
    assert fig is not None
    from decimal import Decimal

    assert Decimal(data["scope1"]) == fig.totals.scope1
    assert Decimal(data["scope2_market"]) == fig.totals.scope2_market


def test_init_writes_a_filing_that_parses(tmp_path: Path) -> None:
    runner = CliRunner()
    for sector in ("power", "aluminium", "cement", "generic"):
        d = tmp_path / sector
        assert runner.invoke(main, ["init", str(d), "--sector", sector]).exit_code == 0
        report = validate(load(d / "filing.yaml")).report
        # the starter parses and computes; what stops it is exactly its sample text and USCC (the power
        # starter gives all twelve months of lab data)
        assert report.errors, sector
        placeholders = {"rule.placeholder.text", "rule.placeholder.uscc"}
        assert {i.code for i in report.errors} - placeholders == set(), (sector, report.flatten())
        assert runner.invoke(main, ["init", str(d), "--sector", sector]).exit_code == 3


def test_codes_and_factors_commands() -> None:
    runner = CliRunner()
    assert "rule.market.ccer-cap" in runner.invoke(main, ["codes"]).output
    out = runner.invoke(main, ["factors", "--kind", "grid-electricity"]).output
    assert "elec.mee-nbs.2023.qinghai\t0.1796 tCO2/MWh\tsecondary" in out
