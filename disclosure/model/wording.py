"""Short texts that were one string and may now be given in both report languages: names, roles,
industry, standards, verifier and assurance provider (issue 12, item 5).

A ``Wording`` field takes either a plain string (as before) or ``{zh-CN: …, en: …}``. Its value is a
``Bilingual``: a ``str`` (the primary text: Chinese, else English), so every reader that used the
field as a string keeps working, with ``get(lang)`` for renderers that print the report language.
``validate`` warns when English is a report language and such a text exists only in Chinese
(``rule.text.translation-missing``).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


class Bilingual(str):
    """The primary text as a ``str``, with the text in each language it was given in."""

    zh: str | None
    en: str | None

    def __new__(cls, zh: str | None, en: str | None) -> Bilingual:
        obj = super().__new__(cls, zh or en or "")
        obj.zh, obj.en = zh, en
        return obj

    def get(self, lang: str) -> str:
        """The text in ``lang``, falling back to the other one."""
        if lang == "en":
            return self.en or self.zh or ""
        return self.zh or self.en or ""

    def missing(self, lang: str) -> bool:
        """Whether the text has no version in ``lang``: a plain string counts for English only when it
        has no Chinese characters (a name like "ISO 14064-3:2019" reads the same in both)."""
        if lang == "en":
            return not self.en and bool(_CJK.search(self.zh or ""))
        return not self.zh and not self.en

    def __reduce__(self) -> tuple[Any, ...]:
        return (Bilingual, (self.zh, self.en))


def _wording(value: Any) -> Bilingual:
    if isinstance(value, Bilingual):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise ValueError("empty text / 文本为空")
        return Bilingual(text, None) if _CJK.search(text) else Bilingual(None, text)
    if isinstance(value, dict):
        unknown = set(value) - {"zh-CN", "zh", "en"}
        if unknown:
            raise ValueError(f"unknown language {sorted(unknown)[0]!r} (use zh-CN and en) / 未知语言")
        zh, en = value.get("zh-CN", value.get("zh")), value.get("en")
        if not all(v is None or isinstance(v, str) for v in (zh, en)):
            raise ValueError("each language's text is a string / 各语言文本须为字符串")
        zh, en = (v.strip() or None if isinstance(v, str) else None for v in (zh, en))
        if not zh and not en:
            raise ValueError("empty text / 文本为空")
        return Bilingual(zh, en)
    raise ValueError("a text, or {zh-CN: …, en: …} / 应为文本或 {zh-CN: …, en: …}")


def _dump(value: Bilingual) -> Any:
    if value.zh and value.en:
        return {"zh-CN": value.zh, "en": value.en}
    return str(value)


Wording = Annotated[
    Bilingual,
    PlainValidator(_wording),
    PlainSerializer(_dump),
    WithJsonSchema({"anyOf": [
        {"type": "string", "minLength": 1},
        {"type": "object", "additionalProperties": False, "minProperties": 1,
         "properties": {"zh-CN": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}}},
    ], "description": "A text, or the text in each report language: {zh-CN: …, en: …}."}),
]
"""A short text in one language (a plain string) or both ({zh-CN, en})."""
