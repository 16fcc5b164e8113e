"""What a published report says about the factors it used: each factor's public name and the official
document it cites (issuer, 《title》, 文号, date, clause), never the library's internal id, reading status or
source URL (those stay in the trail and in validate's warnings).

A factor's citation is the library's (``Factor.citation``) or, for a default the preparer took from a
guideline the library cannot cite, the ``source`` the filing gives beside ``factor`` on that parameter.
A publication build refuses a factor with neither (``build.citation-unknown``); a draft prints a marker."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from disclosure.errors import DisclosureError
from disclosure.factors import Factor, library
from disclosure.model import Filing
from disclosure.model.sources import Param

PARAMETERS = {"ncv": ("低位发热量", "net calorific value"), "carbon_content": ("单位热值含碳量", "carbon content"),
              "oxidation": ("碳氧化率", "oxidation rate")}
DRAFT_MARK = {"zh-CN": "出处待补（草稿）", "en": "source to be cited (draft)"}

UNITS: dict[str, tuple[str, str]] = {
    "tCO2/MWh": ("吨二氧化碳/兆瓦时", "tCO₂/MWh"),
    "tC/GJ": ("吨碳/吉焦", "tC/GJ"),
    "tC/t": ("吨碳/吨", "tC/t"),
    "GJ/t": ("吉焦/吨", "GJ/t"),
    "GJ/10^4Nm3": ("吉焦/万标准立方米", "GJ/10⁴ Nm³"),
    "%": ("%", "%"),
    "1": ("—", "—"),
    "tCO2/GJ": ("吨二氧化碳/吉焦", "tCO₂/GJ"),
    "tCO2e/t": ("吨二氧化碳当量/吨", "tCO₂e/t"),
    "t": ("吨", "t"),
    "MWh": ("兆瓦时", "MWh"),
    "10^4Nm3": ("万标准立方米", "10⁴ Nm³"),
    "tce/t": ("吨标准煤/吨", "tce/t"),
    "tce/MWh": ("吨标准煤/兆瓦时", "tce/MWh"),
    "tce/10^4Nm3": ("吨标准煤/万标准立方米", "tce/10⁴ Nm³"),
    "tce/GJ": ("吨标准煤/吉焦", "tce/GJ"),
    "tce/10^4kWh": ("吨标准煤/万千瓦时", "tce/10⁴ kWh"),
    "kgce/kg": ("千克标准煤/千克", "kgce/kg"),
    "kgce/kWh": ("千克标准煤/千瓦时", "kgce/kWh"),
    "kgce/Nm3": ("千克标准煤/标准立方米", "kgce/Nm³"),
    "kg": ("千克", "kg"),
    "kt": ("千吨", "kt"),
    "10^4t": ("万吨", "10⁴ t"),
    "Nm3": ("标准立方米", "Nm³"),
    "10^8Nm3": ("亿标准立方米", "10⁸ Nm³"),
    "kJ": ("千焦", "kJ"),
    "MJ": ("兆焦", "MJ"),
    "GJ": ("吉焦", "GJ"),
    "TJ": ("太焦", "TJ"),
    "kWh": ("千瓦时", "kWh"),
    "10^4kWh": ("万千瓦时", "10⁴ kWh"),
    "GWh": ("吉瓦时", "GWh"),
    "kgce": ("千克标准煤", "kgce"),
    "tce": ("吨标准煤", "tce"),
    "10^4tce": ("万吨标准煤", "10⁴ tce"),
    "tC": ("吨碳", "tC"),
    "tCO2": ("吨二氧化碳", "tCO₂"),
    "tCO2e": ("吨二氧化碳当量", "tCO₂e"),
    "10^4tCO2e": ("万吨二氧化碳当量", "10⁴ tCO₂e"),
    "CNY": ("元", "CNY"),
    "10^4CNY": ("万元", "CNY 10k"),
    "10^8CNY": ("亿元", "CNY 100m"),
}


def unit_text(unit: str, lang: str) -> str:
    """A unit as a reader of ``lang`` writes it: in Chinese in a zh report (吨二氧化碳/兆瓦时), in
    conventional symbols in an en report; an unknown unit as given."""
    names = UNITS.get(unit)
    return unit if names is None else names[0 if lang == "zh-CN" else 1]


def preparer_sources(filing: Filing) -> dict[str, str]:
    """Factor id → the document the preparer names (``source``) for a library default it applied."""
    found: dict[str, str] = {}
    for param in _params(filing):
        if param.factor and param.source:
            found.setdefault(param.factor, param.source)
    return found


def _params(node: Any) -> Iterator[Param]:
    if isinstance(node, Param):
        yield node
    elif isinstance(node, BaseModel):
        for value in node.__dict__.values():
            yield from _params(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _params(value)
    elif isinstance(node, dict):
        for value in node.values():
            yield from _params(value)


def name(factor: Factor, lang: str) -> str:
    """The factor as the report names it (never its library id)."""
    zh = lang == "zh-CN"
    lib = library()
    if factor.kind == "grid-electricity":
        if factor.series == "ets-national":
            return "全国电网平均排放因子（碳市场核算）" if zh else "National grid average emission factor (ETS)"
        region = lib.regions.get(factor.region or "", {}).get(lang, factor.region or "")
        return (f"{region}电力二氧化碳排放因子（{factor.year}年）" if zh
                else f"Electricity CO₂ emission factor, {region} ({factor.year})")
    if factor.kind.startswith("fuel-") and factor.fuel:
        fuel = lib.fuels.get(factor.fuel)
        fuel_name = (fuel.zh if zh else fuel.en) if fuel else factor.fuel
        parameter = PARAMETERS.get(factor.parameter or "", (factor.parameter or "", factor.parameter or ""))
        return f"{fuel_name}{parameter[0]}缺省值" if zh else f"{fuel_name}, {parameter[1]} (default)"
    if factor.kind == "gwp":
        return f"{factor.gas}全球变暖潜势" if zh else f"GWP of {factor.gas}"
    if factor.kind == "heat":
        return "外购热力排放因子缺省值" if zh else "Purchased heat emission factor (default)"
    return {"process-aluminium-anode": ("阳极消耗排放因子缺省值", "Anode consumption emission factor (default)"),
            "process-aluminium-pfc": ("阳极效应全氟化碳排放因子缺省值", "Anode-effect PFC emission factor (default)"),
            }.get(factor.kind, (factor.kind, factor.kind))[0 if zh else 1]


def citation(factor: Factor, lang: str, preparer: dict[str, str], draft: bool) -> str:
    """The official citation printed for ``factor``; in a draft, a marker where none is known."""
    text = preparer.get(factor.id) or factor.citation(lang)
    if text is None:
        if not draft:
            raise uncited([factor.id])
        return DRAFT_MARK[lang]
    return text


def uncited(ids: list[str]) -> DisclosureError:
    listed = ", ".join(sorted(ids))
    return DisclosureError(
        "build.citation-unknown", f"no official citation is known for factor(s) {listed}",
        "Give the document the default comes from as `source:` beside `factor:` on the parameter, measure the "
        "parameter, or build a draft with --draft.", {"factors": listed})


def check(filing: Filing, factors: list[Factor], draft: bool) -> None:
    """Refuse a publication build that would print a factor without an official citation."""
    if draft:
        return
    preparer = preparer_sources(filing)
    missing = [f.id for f in factors if f.id not in preparer and f.cite is None]
    if missing:
        raise uncited(missing)


__all__ = ["DRAFT_MARK", "check", "citation", "name", "preparer_sources", "unit_text", "uncited"]
