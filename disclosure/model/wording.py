"""Short texts that were one string and may now be given in both report languages: names, roles,
industry, standards, verifier and assurance provider (issue 12, item 5).

A ``Wording`` field takes either a plain string (as before) or ``{zh-CN: …, en: …}``, like ``LocalText``
(so ``filing.xlsx`` gives it ``.zh-CN`` and ``.en`` columns). ``str()`` of it, and so an f-string, is the
primary text (Chinese, else English): readers that printed the old string keep working; renderers call
``get(lang)``. ``validate`` warns when English is a report language and such a text exists only in
Chinese (``rule.text.translation-missing``); a plain string without Chinese characters ("ISO
14064-3:2019") reads the same in both languages.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from pydantic import Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from disclosure.model.base import Model

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


class Wording(Model):
    """A name or short text: a plain string, or the text in each report language."""

    zh: str | None = Field(default=None, alias="zh-CN", min_length=1)
    """Simplified Chinese text."""
    en: str | None = Field(default=None, min_length=1)
    """English text."""

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, value: Any) -> Any:
        if isinstance(value, (int, Decimal, float)) and not isinstance(value, bool):
            value = str(value)  # as the plain string field did (coerce_numbers_to_str)
        if isinstance(value, str):
            text = value.strip()
            if not text:
                raise ValueError("empty text / 文本为空")
            return {"zh-CN": text} if _CJK.search(text) else {"en": text}
        return value

    @model_validator(mode="after")
    def _some(self) -> Wording:
        if not self.zh and not self.en:
            raise ValueError("give the text in zh-CN or en / 请给出 zh-CN 或 en 文本")
        return self

    @classmethod
    def __get_pydantic_json_schema__(cls, core: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        own = handler(core)
        return {"anyOf": [{"type": "string", "minLength": 1}, own],
                "description": "A text, or the text in each report language: {zh-CN: …, en: …}."}

    def __str__(self) -> str:
        return self.zh or self.en or ""

    def get(self, lang: str) -> str:
        """The text in ``lang``, falling back to the other one."""
        if lang == "en":
            return self.en or self.zh or ""
        return self.zh or self.en or ""

    def missing(self, lang: str) -> bool:
        """Whether a reader of ``lang`` lacks the text: English lacks it when there is only Chinese text."""
        if lang == "en":
            return not self.en and bool(_CJK.search(self.zh or ""))
        return not self.zh and not self.en
