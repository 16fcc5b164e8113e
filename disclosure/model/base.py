"""Shared building blocks of the filing schema."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class Model(BaseModel):
    """Base of every schema model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        coerce_numbers_to_str=True,
        populate_by_name=True,
        allow_inf_nan=False,
    )


NonNegative = Annotated[Decimal, Field(ge=0, allow_inf_nan=False)]
"""A non-negative exact quantity."""

Amount = Annotated[Decimal, Field(allow_inf_nan=False)]
"""An exact quantity; sign rules are business rules so they can point at the input."""

Percent = Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False)]
"""A percentage between 0 and 100."""

Identifier = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")]
"""A short id made of ASCII letters, digits, '-', '_' and '.'."""


class LocalText(Model):
    """A text in Simplified Chinese and/or English; the languages the report uses must be present."""

    zh: str | None = Field(default=None, alias="zh-CN", min_length=1)
    """Simplified Chinese text (简体中文)."""
    en: str | None = Field(default=None, min_length=1)
    """English text."""

    def get(self, lang: str) -> str:
        """The text in ``lang``, falling back to the other language."""
        if lang == "en":
            return self.en or self.zh or ""
        return self.zh or self.en or ""


class Basis(StrEnum):
    """Whether a parameter value was measured or taken from a default (缺省值)."""

    MEASURED = "measured"
    DEFAULT = "default"


class FactorStatus(StrEnum):
    """How far a factor's value has been checked against its official source."""

    VERIFIED = "verified"
    SECONDARY = "secondary"
    UNVERIFIED = "unverified"
    USER = "user"
