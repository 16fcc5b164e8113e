"""Data-quality inputs: meters (计量器具), second sources (多源数据交叉校验), downtime, acknowledgements.

These models are referenced from :mod:`disclosure.model.sources` (per facility and source) and from
the filing root (``acknowledgements``). Each is evidence a verifier asks for; the rules in
``disclosure/rules/quality/`` check them and ``docs/data-quality.md`` explains every threshold.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from disclosure.model.base import Amount, Identifier, LocalText, Model, Percent
from disclosure.model.wording import Wording

Period = Annotated[str, Field(pattern=r"^[0-9]{4}(-(0[1-9]|1[0-2]))?$")]
"""A fiscal year ``2025`` or a month ``2025-03``."""

AccuracyClass = Annotated[str, Field(pattern=r"^[0-9]+(\.[0-9]+)?S?级?$")]
"""An accuracy class such as 0.2S, 0.5, 1.0 or 2.0 (a trailing 级 is allowed)."""


class MeterUse(StrEnum):
    """What a measuring instrument measures (the rows of GB 17167 Table 3)."""

    ELECTRICITY = "electricity"
    """Active AC energy meter (电能表)."""
    WEIGHING_STATIC = "fuel-weighing-static"
    """Static weighing of fuel (衡器：静态计量，如地磅).."""
    WEIGHING_DYNAMIC = "fuel-weighing-dynamic"
    """Dynamic weighing of fuel (衡器：动态计量，如皮带秤、给煤机)."""
    OIL_FLOW = "oil-flow"
    """Flow meter for refined oil products (成品油)."""
    HEAVY_OIL_FLOW = "heavy-oil-flow"
    """Flow meter for heavy or residual oil (重油、渣油)."""
    GAS_FLOW = "gas-flow"
    """Gas flow meter (天然气、煤气)."""
    STEAM_FLOW = "steam-flow"
    """Steam or heat meter (蒸汽)."""
    PRODUCTION = "production"
    """Production weighing or counting (产量计量)."""
    OTHER = "other"


class Calibration(Model):
    """One calibration or verification (检定/校准) of a measuring instrument."""

    date: dt.date
    """Date of calibration (检定/校准日期)."""
    valid_until: dt.date
    """Last day the certificate is valid (有效期至)."""
    certificate: str = Field(min_length=1)
    """Certificate number or other evidence (证书编号)."""


class Meter(Model):
    """A measuring instrument in the facility's register (计量器具台账)."""

    id: Identifier
    """Id, unique within the facility; records name it in ``meter``."""
    measures: MeterUse
    """What it measures."""
    name: LocalText | None = None
    """Description and location, e.g. 1号皮带秤 or 关口电能表."""
    accuracy_class: AccuracyClass
    """Accuracy class (准确度等级), e.g. 0.5S or 0.5."""
    calibrations: list[Calibration] = Field(min_length=1)
    """Calibrations covering the reporting year."""


class CheckKind(StrEnum):
    """Where a second figure for the same quantity comes from."""

    GRID_BILL = "grid-bill"
    """电费结算单 (electricity settlement bill)."""
    METER_READINGS = "meter-readings"
    """抄表记录 (meter readings)."""
    ENERGY_STATISTICS = "energy-statistics"
    """能源统计报表 (energy statistics report)."""
    WEIGHBRIDGE = "weighbridge"
    """入厂地磅 (weighbridge receipts)."""
    STOCK_BALANCE = "stock-balance"
    """入厂量 − 库存变化 (receipts minus stock change)."""
    PRODUCTION_REPORT = "production-report"
    """生产报表 (production report)."""
    ETS_SUPPLEMENTARY = "ets-supplementary"
    """碳市场补充数据表 (ETS supplementary data table)."""
    INVOICE = "invoice"
    """购销发票 (purchase invoices)."""
    OTHER = "other"


class CheckRecord(Model):
    """One month or year of a second source: a quantity, or receipts and stocks (stock balance)."""

    period: Period
    """``2025`` or ``2025-03``."""
    quantity: Amount | None = None
    """The quantity; for a stock balance it may be left out and is receipts + opening − closing."""
    unit: str
    """Unit of every quantity in this record."""
    receipts: Amount | None = None
    """Stock balance: quantity received (入厂量)."""
    opening_stock: Amount | None = None
    """Stock balance: stock at the start of the period (期初库存)."""
    closing_stock: Amount | None = None
    """Stock balance: stock at the end of the period (期末库存)."""
    evidence: str | None = None
    """Document reference of this record."""
    meter: Identifier | None = None
    """The meter that measured it, from the facility's register."""


class SecondSource(Model):
    """The same quantity from another source, reconciled month by month and for the year."""

    kind: CheckKind
    """Where the figures come from."""
    evidence: str = Field(min_length=1)
    """The document (report, ledger, bill series) the figures come from."""
    records: list[CheckRecord] = Field(min_length=1)
    """Monthly or annual figures, inline or ``{file: table.csv, select: {...}}``."""
    tolerance_pct: Percent | None = None
    """Largest accepted annual gap in percent; the default depends on ``kind`` (docs/data-quality.md)."""
    explanation: LocalText | None = None
    """Reconciling explanation of a known gap (shown in the report; an explained gap is not an error)."""


class Downtime(Model):
    """Months in which a facility or some of its sources did not run (停产、检修), with evidence."""

    months: list[Period] = Field(min_length=1)
    """The months, e.g. ['2025-04', '2025-05']."""
    sources: list[Identifier] = Field(default_factory=list)
    """Ids of the sources concerned; empty for the whole facility."""
    reason: LocalText
    """Why (e.g. 停炉检修)."""
    evidence: str = Field(min_length=1)
    """Evidence (停产报告、检修记录)."""


class Reviewer(Model):
    """Who reviewed an acknowledgement, and when."""

    name: Wording
    role: Wording
    date: dt.date


class Acknowledgement(Model):
    """A finding the preparer has reviewed and confirms is right (e.g. a maintenance month).

    ``path`` is the finding's location as ``validate`` prints it, e.g.
    ``facilities[0].combustion[0].records[7].quantity``; list items may also be named by id or
    period: ``facilities[QHAL-SMELTER].combustion[captive-coal].records[2025-08]``.
    """

    code: str = Field(min_length=1)
    """The finding code, e.g. rule.magnitude.monthly."""
    path: str = Field(min_length=1)
    """Where the finding points."""
    reason: LocalText
    """Why the figure is right."""
    evidence: str | None = None
    """Supporting document."""
    reviewed_by: Reviewer
    """Who reviewed and accepted it."""
