"""Statements the report makes on the filer's word: enforcement in the period (penalties, rectification,
investigation), the board's statement, contact details and the assurance statement's text."""

from __future__ import annotations

from pydantic import Field

from disclosure.model.base import LocalText, Model


class Enforcement(Model):
    """Administrative penalties, rectification orders and investigations concerning carbon emissions
    in the period (Art. 24; Guide No. 2, requirement 20: 是否被要求整改或立案调查). The report states
    each answer; a ``true`` needs a description."""

    penalties: bool
    """Subject to an administrative penalty (行政处罚) for carbon emissions in the period."""
    rectification: bool
    """Ordered by the authorities to rectify (被要求整改)."""
    investigation: bool
    """Investigated (立案调查)."""
    description: LocalText | None = None
    """What happened, the amount of any fine and the response; required when any answer is true."""

    @property
    def any(self) -> bool:
        return self.penalties or self.rectification or self.investigation


class Contact(Model):
    """Where readers send questions and feedback on the report (联系方式与意见反馈)."""

    department: LocalText
    """e.g. 董事会办公室."""
    address: LocalText | None = None
    postcode: str | None = Field(default=None, pattern=r"^[0-9]{6}$")
    phone: str | None = Field(default=None, min_length=5, max_length=40)
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    website: str | None = None


class BoardStatement(Model):
    """The board's statement on the report (董事会声明) and its approval."""

    text: LocalText | None = None
    """The statement; the report's standard wording (the board and every director answer for the truth,
    accuracy and completeness of the report) when not given."""
    meeting: LocalText | None = None
    """The meeting that approved the report, e.g. 第九届董事会第十二次会议."""
