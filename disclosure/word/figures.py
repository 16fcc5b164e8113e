"""The report's numbers: read from the XBRL facts, so the Word report and the iXBRL show the same
rounded values, formatted per language (thousand separators; 万吨 when chosen)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from disclosure.taxonomy import definition
from disclosure.taxonomy.definition import flatten
from disclosure.xbrl.facts import Fact
from disclosure.xbrl.inline import display_number

DASH = "—"

Dims = tuple[tuple[str, str], ...]


def number(value: Decimal, places: int) -> str:
    """``value`` rounded half up to ``places`` with thousand separators (for derived, non-fact numbers)."""
    q = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{q:,.{places}f}"


def date_text(d: date | None, lang: str) -> str:
    if d is None:
        return DASH
    if lang == "zh-CN":
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.day} {d.strftime('%B')} {d.year}"


class FactTable:
    """The facts of a filing by (concept, year, explicit members, typed members)."""

    def __init__(self, facts: Iterable[Fact], year: int, lang: str) -> None:
        self.year = year
        self.lang = lang
        self._by: dict[tuple[str, int, Dims, Dims], Fact] = {}
        self.facts = list(facts)
        for f in self.facts:
            self._by[(f.concept, f.period[1].year, f.explicit, f.typed)] = f

    def get(self, concept: str, *, year: int | None = None, explicit: Dims = (), typed: Dims = ()) -> Fact | None:
        return self._by.get((concept, year or self.year, explicit, typed))

    def value(self, concept: str, **where: object) -> Decimal | None:
        fact = self.get(concept, **where)  # type: ignore[arg-type]
        return fact.value if fact is not None and isinstance(fact.value, Decimal) else None

    def show(self, concept: str, *, percent_sign: bool = True, **where: object) -> str:
        """The fact as the iXBRL report displays it (same rounding, scale and separators), or a dash."""
        return self.show_or(concept, DASH, percent_sign=percent_sign, **where)

    def show_or(self, concept: str, otherwise: str, *, percent_sign: bool = True, **where: object) -> str:
        """The fact as displayed (tagged in the iXBRL report), or ``otherwise`` when there is no such fact (a
        report built without facts prints the computed figure)."""
        fact = self.get(concept, **where)  # type: ignore[arg-type]
        return show(fact, percent_sign=percent_sign) if fact is not None else otherwise

    def members(self, concept: str, axis: str, *, year: int | None = None) -> list[tuple[str, Fact]]:
        """(member, fact) of ``concept`` broken down on the explicit ``axis``, in taxonomy order."""
        order = {m: i for i, m in enumerate(_all_members(axis))}
        found = [(f.explicit[0][1], f) for f in self.facts
                 if f.concept == concept and f.period[1].year == (year or self.year)
                 and len(f.explicit) == 1 and f.explicit[0][0] == axis and not f.typed]
        return sorted(found, key=lambda mf: order.get(mf[0], len(order)))

    def years(self, concept: str) -> list[int]:
        """Years with an undimensioned fact of ``concept``, newest first."""
        return sorted({f.period[1].year for f in self.facts if f.concept == concept and not f.explicit
                       and not f.typed}, reverse=True)


class Shown(str):
    """A figure as printed that carries its fact: Word prints the text, the Inline XBRL report tags it."""

    fact: Fact

    def __new__(cls, text: str, fact: Fact) -> Shown:
        shown = super().__new__(cls, text)
        shown.fact = fact
        return shown


class ShownParts(str):
    """A printed text holding several figures (a range 1,200–2,500): each at its offset with its fact."""

    parts: tuple[tuple[int, Fact], ...]


def joined(*pieces: str) -> str:
    """The pieces as one text; the figures among them (:class:`Shown`) keep their facts (:class:`ShownParts`)."""
    text, parts = "", []
    for piece in pieces:
        if isinstance(piece, Shown):
            parts.append((len(text), piece.fact))
        elif isinstance(piece, ShownParts):
            parts.extend((len(text) + offset, f) for offset, f in piece.parts)
        text += piece
    if not parts:
        return text
    out = ShownParts(text)
    out.parts = tuple(parts)
    return out


def show(fact: Fact, *, percent_sign: bool = True) -> str:
    assert isinstance(fact.value, Decimal) and fact.decimals is not None
    text, negative = display_number(fact.value, fact.decimals, fact.scale)
    if negative:
        text = "-" + text
    if fact.unit == "pure" and fact.scale == -2 and percent_sign:
        text += "%"
    return Shown(text, fact)


def label(name: str, lang: str) -> str:
    """A concept's or member's standard label in ``lang`` from the taxonomy."""
    concept = definition().concepts.get(name)
    return concept.label.get(lang, name) if concept is not None else name


def _all_members(axis: str) -> list[str]:
    return list(flatten(definition().axes[axis].members))


def share(part: Decimal | None, whole: Decimal | None) -> str:
    """A percentage of ``whole`` to one decimal, or a dash."""
    if part is None or not whole:
        return DASH
    return number(part * 100 / whole, 1) + "%"


def change(now: Decimal | None, before: Decimal | None) -> str:
    """Year-on-year change in percent, signed, to one decimal."""
    if now is None or not before:
        return DASH
    pct = (now - before) * 100 / before
    sign = "+" if pct > 0 else ""
    return sign + number(pct, 1) + "%"


def signed(value: Decimal, places: int = 0) -> str:
    """``value`` rounded as :func:`number`, with its sign (+ for a positive value, none for zero)."""
    text = number(value, places)
    return f"+{text}" if value > 0 and text.strip("0.,") else text


GASES = {"CO2": "CO₂", "CH4": "CH₄", "CH4-FOSSIL": "CH₄-fossil", "CH4-NON-FOSSIL": "CH₄-non-fossil", "N2O": "N₂O",
         "SF6": "SF₆", "NF3": "NF₃", "CF4": "CF₄", "C2F6": "C₂F₆"}
"""Gas formulas with subscripts, as printed."""


def number_text(value: Decimal) -> str:
    """An exact value as given (its own decimals), with thousand separators: 12,400; 0.1796; 389.31."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return f"{value:,.{places}f}"


def trend(now: Decimal | None, before: Decimal | None, prior: int, lang: str) -> str:
    """The year-on-year change in words, computed from the figures: 同比上升4.4% / 同比下降1.2% / 与上年持平;
    up 4.4% on 2024 / down 1.2% on 2024 / unchanged on 2024. Empty when either year is missing."""
    if now is None or not before:
        return ""
    pct = (now - before) * 100 / before
    shown = number(abs(pct), 1)
    if shown.strip("0.") == "":
        return "与上年持平" if lang == "zh-CN" else f"unchanged on {prior}"
    if lang == "zh-CN":
        return f"同比{'上升' if pct > 0 else '下降'}{shown}%"
    return f"{'up' if pct > 0 else 'down'} {shown}% on {prior}"
