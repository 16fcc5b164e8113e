"""The MEE channel (企业环境信息依法披露): what the carbon section of the annual environmental information
disclosure report needs beyond the sustainability report."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from disclosure.model.base import Amount, Identifier, LocalText, Model


class FacilityYear(Model):
    """A key emitting facility's actual emissions of an earlier year."""

    facility: Identifier
    """Facility id (as in ``facilities``)."""
    year: int = Field(ge=1990, le=2100)
    emissions: Amount
    """Actual emissions of that year at 100 %, tCO2e."""
    verified: bool
    """The figure is the verified one (核查确认), not the reported one."""
    source: str = Field(min_length=1)
    """Verification report or emission report reference."""


class AnnualReport(Model):
    """The annual environmental information disclosure report (年度环境信息依法披露报告) as uploaded to the
    enterprise environmental information disclosure system (due by 15 March): the index states it (MEE-05)."""

    title: LocalText
    """Its title, without 《》, e.g. 青海铝业股份有限公司2025年度环境信息依法披露报告."""
    uploaded: date
    """The date it was uploaded."""


class MEEChannel(Model):
    """Inputs of the MEE annual report's carbon section (written by ``build`` for ETS key emitters)."""

    report: bool = True
    """Write the MEE document; filings with no ETS-covered facility get it only when this is given."""
    prior_year: list[FacilityYear] = Field(default_factory=list)
    """Each key emitting facility's actual emissions of the prior year."""
    annual_report: AnnualReport | None = None
    """The annual environmental information disclosure report of the year, once uploaded (MEE-05)."""
