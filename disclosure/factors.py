"""The factor library: emission factors, fuel defaults and GWPs as data, each with its status (provenance,
for the trail and validate) and, where known, the official document a report cites for it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from disclosure.resources import load_data_yaml

_FILES = ("factors/electricity.yaml", "factors/fuels.yaml", "factors/other.yaml", "factors/event.yaml")


@dataclass(frozen=True, slots=True)
class Citation:
    """An official document as a published report cites it: issuer, 《title》, 文号, date (and the
    clause or table of the factor). ``data/factors/citations.yaml``."""

    key: str
    issuer: dict[str, str]
    title: dict[str, str]
    number: dict[str, str]
    date: str
    designation: str = ""
    """A standard's number and year (GB/T 32151.34—2024), printed before its title."""

    def text(self, lang: str, clause: str = "") -> str:
        """The citation in ``lang``: 发布机构《标题》（文号，日期）条款, or GB/T ……《标题》条款."""
        zh = lang == "zh-CN"
        title = f"《{self.title[lang]}》" if zh else self.title[lang]
        if self.designation:
            head = f"{self.designation}{title}" if zh else f"{self.designation} {title}"
            tail = [] if zh else []
        else:
            head = f"{self.issuer[lang]}{title}" if zh else f"{self.issuer[lang]}, {title}"
            tail = [x for x in (self.number[lang], _date(self.date, lang)) if x]
        text = head + (("（" + "，".join(tail) + "）") if zh and tail else (f" ({', '.join(tail)})" if tail else ""))
        if clause:
            text += clause if zh else f", {clause}"
        return text


def _date(value: str, lang: str) -> str:
    parts = value.split("-")
    if lang == "zh-CN":
        return "".join(f"{int(p)}{u}" for p, u in zip(parts, ("年", "月", "日"), strict=False))
    months = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")
    if len(parts) == 1:
        return parts[0]
    month = months[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


@dataclass(frozen=True, slots=True)
class Factor:
    """One library entry: value, unit and provenance."""

    id: str
    kind: str
    value: Decimal
    unit: str
    status: str
    document: str
    url: str = ""
    note: str = ""
    series: str | None = None
    year: int | None = None
    years: tuple[int, ...] = ()
    region_level: str | None = None
    region: str | None = None
    fuel: str | None = None
    parameter: str | None = None
    gas: str | None = None
    gwp_set: str | None = None
    document_date: str = ""
    cite: str | None = None
    """Key of the official document in ``citations.yaml``; None where no official citation is known."""
    clause: dict[str, str] | None = None
    """The table or clause of that document (zh-CN, en)."""

    def citation(self, lang: str) -> str | None:
        """The official citation a report prints, or None when it is unknown."""
        if self.cite is None:
            return None
        return library().citations[self.cite].text(lang, (self.clause or {}).get(lang, ""))

    def source_text(self) -> str:
        """The provenance in one line, for the trail and the verifier (never printed in the report)."""
        parts = [self.document]
        if self.document_date:
            parts.append(self.document_date)
        if self.url:
            parts.append(self.url)
        return "; ".join(p for p in parts if p)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "value": str(self.value), "unit": self.unit,
            "status": self.status, "series": self.series, "year": self.year,
            "region": self.region, "document": self.document, "document_date": self.document_date,
            "url": self.url, "note": self.note, "cite": self.cite,
        }


@dataclass(frozen=True, slots=True)
class Fuel:
    key: str
    zh: str
    en: str
    form: str
    unit: str


class Library:
    """Look-ups over the shipped factor files."""

    def __init__(self) -> None:
        self.by_id: dict[str, Factor] = {}
        self.fuels: dict[str, Fuel] = {}
        self.regions: dict[str, dict[str, str]] = {}
        self.citations: dict[str, Citation] = {
            key: Citation(key, info["issuer"], info["title"], info["number"], str(info["date"]),
                          info.get("designation", ""))
            for key, info in load_data_yaml("factors/citations.yaml")["citations"].items()}
        for name in _FILES:
            raw = load_data_yaml(name)
            for key, info in (raw.get("fuels") or {}).items():
                self.fuels[key] = Fuel(key, info["zh-CN"], info["en"], info["form"], info["unit"])
            self.regions.update(raw.get("regions") or {})
            for entry in raw.get("factors") or []:
                factor = _factor(entry)
                if factor.id in self.by_id:
                    raise ValueError(f"duplicate factor id {factor.id}")
                if factor.cite is not None and factor.cite not in self.citations:
                    raise ValueError(f"factor {factor.id} cites unknown document {factor.cite}")
                self.by_id[factor.id] = factor
        self._zh_regions = {info["zh-CN"]: key for key, info in self.regions.items()}
        self.ets_by_year: dict[int, Factor] = {}
        for f in self.by_id.values():
            if f.series != "ets-national":
                continue
            if f.year is not None:
                raise ValueError(f"ETS factor {f.id} must give its compliance years as years: [...]")
            for y in f.years:
                if y in self.ets_by_year:
                    raise ValueError(f"ETS year {y} has two factors: {self.ets_by_year[y].id}, {f.id}")
                self.ets_by_year[y] = f

    def region_key(self, text: str) -> str | None:
        """Normalise '青海', '青海省', 'Qinghai' or 'qinghai' to the region key."""
        t = text.strip()
        if t.lower() in self.regions:
            return t.lower()
        for suffix in ("省", "市", "自治区", "壮族自治区", "回族自治区", "维吾尔自治区"):
            if t.endswith(suffix) and t[: -len(suffix)] in self._zh_regions:
                return self._zh_regions[t[: -len(suffix)]]
        if t in self._zh_regions:
            return self._zh_regions[t]
        for key, info in self.regions.items():
            if info["en"].lower() == t.lower():
                return key
        return None

    def region_names(self) -> list[str]:
        """Every spelling of a region the look-up accepts (keys, Chinese and English names)."""
        names = list(self.regions)
        for info in self.regions.values():
            names += [info["zh-CN"], info["en"]]
        return names

    def electricity(self, series: str, year: int, region: str) -> Factor | None:
        if series == "ets-national":
            found = self.ets_by_year.get(year)
            return found if found is not None and found.region == region else None
        for f in self.by_id.values():
            if f.kind != "grid-electricity" or f.series != series or f.region != region:
                continue
            if f.year == year or year in f.years:
                return f
        return None

    def electricity_years(self, series: str) -> list[int]:
        years: set[int] = set()
        for f in self.by_id.values():
            if f.series == series:
                years.update(f.years)
                if f.year is not None:
                    years.add(f.year)
        return sorted(years)

    def electricity_regions(self, series: str) -> list[str]:
        return sorted({f.region for f in self.by_id.values() if f.series == series and f.region})

    def ets_values(self) -> set[Decimal]:
        """Every value the ETS grid-factor series has taken (tCO2/MWh)."""
        return {f.value for f in self.ets_by_year.values()}

    def gwp_sets_of(self, gas: str, value: Decimal) -> list[str]:
        """The assessment reports whose GWP for ``gas`` is ``value``."""
        return sorted(f.gwp_set or "" for f in self.by_id.values()
                      if f.kind == "gwp" and f.gas == gas and f.value == value)

    def fuel_default(self, fuel: str, parameter: str) -> Factor | None:
        return self.by_id.get(f"fuel.{fuel}.{parameter}")

    def gwp(self, gwp_set: str, gas: str) -> Factor | None:
        return self.by_id.get(f"gwp.{gwp_set}.{gas}")


def _factor(entry: dict[str, Any]) -> Factor:
    return Factor(
        id=entry["id"], kind=entry["kind"], value=Decimal(str(entry["value"])),
        unit=str(entry["unit"]), status=entry["status"], document=entry.get("document", ""),
        url=entry.get("url", "") or "", note=entry.get("note", "") or "",
        series=entry.get("series"), year=entry.get("year"),
        years=tuple(entry.get("years") or ()), region_level=entry.get("region_level"),
        region=entry.get("region"), fuel=entry.get("fuel"), parameter=entry.get("parameter"),
        gas=entry.get("gas"), gwp_set=entry.get("gwp_set"),
        document_date=str(entry.get("document_date", "") or ""),
        cite=entry.get("cite"), clause=entry.get("clause"),
    )


@cache
def library() -> Library:
    """The shipped library (loaded once)."""
    return Library()
