"""The SOE channel: the report mapped to the SASAC reference indicators, for the owner."""

from __future__ import annotations

from pydantic import Field

from disclosure.model.base import LocalText, Model


class SASACIndicator(Model):
    """One indicator of the SASAC reference system (央企控股上市公司ESG专项报告参考指标体系) and the
    checklist items of this report that answer it. The indicator table itself is not public in a
    form this project could read, so the filer supplies code and name from its copy."""

    code: str = Field(min_length=1, max_length=32)
    """The indicator's code or number in the filer's copy of the reference system."""
    name: LocalText
    """The indicator's name."""
    items: list[str] = Field(min_length=1)
    """Checklist ids whose disclosures answer it, e.g. MT-03, ENE-01."""


class SOEReporting(Model):
    """What a state-owned filer reports to its owner from the same filing."""

    owner: LocalText
    """The owner (出资人), e.g. 国务院国资委 or 青海省国资委."""
    sasac_index: list[SASACIndicator] = Field(default_factory=list)
    """The report's index against the SASAC reference indicators."""
