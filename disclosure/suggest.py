"""'Did you mean': the closest known spellings of a mistyped key, fuel, unit or region."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def suggestions(word: str, known: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` known spellings close to ``word`` (case-insensitive), best first."""
    choices = {k.lower(): k for k in known}
    found = difflib.get_close_matches(word.strip().lower(), list(choices), n=n, cutoff=0.6)
    return [choices[f] for f in found]


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """The suggestions as text for a message ("-" when there is none)."""
    found = suggestions(word, known)
    return ", ".join(found) if found else "-"
