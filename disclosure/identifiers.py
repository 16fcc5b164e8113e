"""Check characters of entity identifiers: 统一社会信用代码 (GB 32100-2015) and LEI (ISO 17442)."""

from __future__ import annotations

import re

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""The 31 characters GB 32100-2015 allows (no I, O, S, V, Z)."""

_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_RE = re.compile(r"^[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{10}$")
_LEI_RE = re.compile(r"^[0-9A-Z]{18}[0-9]{2}$")


def uscc_check_character(first17: str) -> str:
    """The 18th character of a unified social credit code, from its first 17."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """``None`` if ``code`` is a well-formed USCC with a correct check character, else why not."""
    if len(code) != 18:
        return "length"
    if not _USCC_RE.match(code):
        return "charset"
    if uscc_check_character(code[:17]) != code[17]:
        return "check"
    return None


def lei_problem(code: str) -> str | None:
    """``None`` if ``code`` is a well-formed LEI whose ISO 7064 MOD 97-10 check passes."""
    if len(code) != 20:
        return "length"
    if not _LEI_RE.match(code):
        return "charset"
    number = int("".join(str(int(c, 36)) for c in code))
    if number % 97 != 1:
        return "check"
    return None


def lei_check_digits(first18: str) -> str:
    """The two check digits of an LEI, from its first 18 characters."""
    number = int("".join(str(int(c, 36)) for c in first18 + "00"))
    return f"{98 - number % 97:02d}"
