"""Values the computation and the writers cannot carry, found before anything is computed.

One iterative walk over the validated model checks every number (finite, |x| < 10^18, at most 20
decimal places: ``schema.out-of-range`` at its cell) and every text (only characters XML 1.0 allows,
at most ``MAX_TEXT_CHARS``: ``rule.text.character`` / ``rule.text.too-long``). A number out of range
stops validation before the computation (which would overflow or lose exactness); a text problem
does not, but keeps the filing invalid, so ``validate`` and ``build`` never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from pydantic import BaseModel

from disclosure.intake.loader import Loaded
from disclosure.issues import Issue, PathPart, dotted
from disclosure.limits import MAX_NUMBER_EXPONENT, MAX_TEXT_CHARS, MIN_NUMBER_EXPONENT

ILLEGAL_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters outside the XML 1.0 ``Char`` production: C0 controls, lone surrogates, U+FFFE, U+FFFF."""
NUMBER_LIMIT = f"|x| < 10^{MAX_NUMBER_EXPONENT + 1}, ≤ {-MIN_NUMBER_EXPONENT} decimal places"
_MAX_INT = 10 ** (MAX_NUMBER_EXPONENT + 1)
_MAX_DECIMAL = Decimal(_MAX_INT)
TEXT_REASON = {"reason_zh": "文本长度上限见 docs/security.md", "reason_en": "docs/security.md lists the text limits"}


@dataclass(frozen=True)
class Bounds:
    """What the walk found: numbers out of range (they stop validation) and unwritable texts."""

    numbers: list[Issue]
    texts: list[Issue]


def number_ok(value: Decimal | int) -> bool:
    """Finite, below 10^18 in magnitude, with at most 20 significant decimal places."""
    if isinstance(value, int):
        return bool(-_MAX_INT < value < _MAX_INT)
    if not value.is_finite() or not -_MAX_DECIMAL < value < _MAX_DECIMAL:
        return False
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    if exponent >= MIN_NUMBER_EXPONENT or not value:
        return True
    trailing = len(digits) - len(bytes(digits).rstrip(b"\x00"))
    return exponent + trailing >= MIN_NUMBER_EXPONENT


def magnitude_ok(value: Decimal) -> bool:
    """A computed figure a report can carry: finite and below 10^18 in magnitude (any precision)."""
    return bool(value.is_finite() and (not value or value.adjusted() <= MAX_NUMBER_EXPONENT))


def text_problem(text: str) -> str | None:
    """The first character XML cannot carry, as ``U+XXXX``, or None."""
    bad = ILLEGAL_XML.search(text)
    return None if bad is None else f"U+{ord(bad.group()):04X}"


@cache
def _keys(model: type[BaseModel]) -> dict[str, str]:
    """Key in the filing of each field of ``model`` whose key differs from its attribute name."""
    return {name: info.alias for name, info in model.model_fields.items() if info.alias and info.alias != name}


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else f"{text[:20]}…{text[-8:]} ({len(text)} characters)"


def scan(filing: BaseModel, loaded: Loaded) -> Bounds:
    """Walk every value of ``filing`` (no recursion; paths built only for findings)."""
    numbers: list[Issue] = []
    texts: list[Issue] = []
    stack: list[tuple[Any, tuple[PathPart, ...]]] = [(filing, ())]
    while stack:
        obj, path = stack.pop()
        if isinstance(obj, BaseModel):
            keys = _keys(type(obj))
            items: Any = ((keys.get(attr, attr), value) for attr, value in obj.__dict__.items()) if keys \
                else obj.__dict__.items()
        elif isinstance(obj, list | tuple):
            items = enumerate(obj)
        elif isinstance(obj, dict):
            items = obj.items()
        else:
            continue
        for key, value in items:
            if value is None:
                continue
            kind = type(value)
            if kind is str:
                if len(value) > MAX_TEXT_CHARS:
                    where = (*path, key)
                    texts.append(Issue("rule.text.too-long", loaded.location(where), {
                        "field": dotted(where), "length": len(value), "limit": MAX_TEXT_CHARS, **TEXT_REASON}))
                elif (bad := text_problem(value)) is not None:
                    where = (*path, key)
                    texts.append(Issue("rule.text.character", loaded.location(where),
                                       {"field": dotted(where), "char": bad}))
            elif kind is Decimal or kind is int:
                if not number_ok(value):
                    where = (*path, key)
                    numbers.append(Issue("schema.out-of-range", loaded.location(where), {
                        "field": dotted(where), "value": _shown(value), "limit": NUMBER_LIMIT,
                        "expected": "-", "detail": "-"}))
            elif isinstance(value, BaseModel | list | tuple | dict):
                stack.append((value, (*path, key)))
    return Bounds(numbers, texts)
