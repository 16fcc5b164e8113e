"""The root of the filing schema."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from disclosure.model.base import Model
from disclosure.model.energy import Energy
from disclosure.model.finance import ClimateMetrics, LowCarbonOffering, Restatement
from disclosure.model.mee import MEEChannel
from disclosure.model.metrics import BaseYear, CarbonMarket, PriorYear, Scope3, Target
from disclosure.model.narrative import (
    Assurance,
    Governance,
    Omission,
    RiskManagement,
    Strategy,
)
from disclosure.model.quality import Acknowledgement
from disclosure.model.report import Boundary, Entity, Report
from disclosure.model.soe import SOEReporting
from disclosure.model.sources import Facility

SCHEMA_VERSION = "1.0"


class Filing(Model):
    """A company's annual GHG and climate disclosure filing (filing.yaml)."""

    schema_version: Literal["1.0"]
    """Version of this schema; '1.0'."""
    kind: Literal["corporate"] = "corporate"
    """The filing kind: a company's disclosure (the default); ``event`` files a large event's carbon
    neutrality instead (``disclosure.event``)."""
    report: Report
    entity: Entity
    boundary: Boundary
    facilities: list[Facility] = Field(min_length=1)
    scope3: Scope3 | None = None
    history: list[PriorYear] = Field(default_factory=list)
    """Figures of earlier years (comparatives, base year)."""
    base_year: BaseYear | None = None
    targets: list[Target] = Field(default_factory=list)
    carbon_market: CarbonMarket | None = None
    governance: Governance | None = None
    strategy: Strategy | None = None
    risk_management: RiskManagement | None = None
    assurance: Assurance | None = None
    omissions: list[Omission] = Field(default_factory=list)
    """Checklist items not disclosed, with the reason (comply or explain)."""
    energy: Energy | None = None
    """Energy use beyond the emission sources: clean energy, targets, measures, limits (Art. 35)."""
    climate_metrics: ClimateMetrics | None = None
    """Exposures, capital deployed, internal carbon price, remuneration (IFRS S2 §29(b)–(g))."""
    low_carbon: list[LowCarbonOffering] = Field(default_factory=list)
    """Low-carbon technologies, products and services (Art. 28)."""
    restatements: list[Restatement] = Field(default_factory=list)
    """Prior-year figures restated, with the reason (Art. 26)."""
    soe: SOEReporting | None = None
    """The SOE channel: owner and SASAC indicator index."""
    mee: MEEChannel | None = None
    """The MEE channel: prior-year emissions per key emitting facility for the annual environmental
    information disclosure report (企业环境信息依法披露)."""
    acknowledgements: list[Acknowledgement] = Field(default_factory=list)
    """Findings the preparer reviewed and confirms (a true outlier); each must match a finding."""
