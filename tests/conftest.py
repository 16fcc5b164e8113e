"""Shared fixtures: the repository's samples and a small valid filing to break in tests."""

from __future__ import annotations

import decimal
from collections.abc import Iterator
from pathlib import Path

import pytest

from disclosure.units import PRECISION

BASE_FILING = """\
schema_version: "1.0"
report:
  title: {zh-CN: "测试股份有限公司2025年度可持续发展报告", en: "Test Co. 2025 Sustainability Report"}
  fiscal_year: 2025
  period_start: 2025-01-01
  period_end: 2025-12-31
  bases: [sse-no14]
  languages: [zh-CN, en]
  ghg_standard: "GHG Protocol"
  annual_report_date: 2026-04-20
  board_approval_date: 2026-04-18
  publication_date: 2026-04-20
  prepared_by: {name: "张三", role: "经理", date: 2026-03-31}
  revenue: {value: 100000, unit: "10^4CNY"}
entity:
  name: {zh-CN: "测试股份有限公司", en: "Test Co."}
  uscc: "91350100M00020000F"
  ownership: private
  industry: "C0000 测试"
  province: 福建
  consolidation_scope: {zh-CN: "与合并报表范围一致。", en: "Same as the consolidation scope."}
boundary:
  approach: operational-control
  entities:
    - id: P
      name: {zh-CN: "本部", en: "Parent"}
      ownership_pct: 100
      financial_control: true
      operational_control: true
      consolidated: true
facilities:
  - id: F1
    name: {zh-CN: "工厂", en: "Plant"}
    entity: P
    province: 福建
    combustion:
      - id: gas
        fuel: natural_gas
        parameters:
          ncv: {basis: default}
          carbon_content: {basis: default}
          oxidation: {basis: default}
        records:
          - {period: "2025", quantity: 100, unit: "10^4Nm3"}
    electricity:
      - id: grid
        records:
          - {period: "2025", quantity: 1000, unit: MWh}
        location_factor: {series: mee-nbs, year: 2023, region: fujian, justification: {zh-CN: "最新。", en: "Latest."}}
"""


@pytest.fixture(scope="session")
def samples(request: pytest.FixtureRequest) -> Path:
    return Path(request.config.rootpath) / "samples"


@pytest.fixture
def base_filing(tmp_path: Path) -> Path:
    path = tmp_path / "filing.yaml"
    path.write_text(BASE_FILING, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _calculation_precision() -> Iterator[None]:
    """Expected values in tests are computed at the engine's precision."""
    with decimal.localcontext() as ctx:
        ctx.prec = PRECISION
        yield


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite tests/golden/*.txt from the current output instead of comparing.")
