"""Validate and build never disagree: what the XBRL and Word writers, and the XBRL rules the build
verifies its own outputs against, would reject is a validate finding here, at the input.

- VR-GHG-001 (no negative emissions, energy or carbon-market quantity) on every input that becomes
  such a fact, and on the computed figures as they are reported (whole tonnes, half up);
- VR-CM-001 (CCER ≤ 5 % of the obligation) on the reported whole-tonne figures, which can fail
  when the exact ones pass;
- facts that would be inconsistent duplicates (two compliance entries for one facility and year,
  two targets with one id);
- texts that become Word document properties (at most 255 characters);
- computed figures beyond what a report carries (|x| < 10^18 at its reporting precision).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from disclosure.intake.bounds import magnitude_ok, number_ok
from disclosure.issues import Issue, PathPart
from disclosure.limits import MAX_PROPERTY_CHARS
from disclosure.rules.registry import RuleContext, rule

CCER_SHARE = Decimal("0.05")
_WHOLE = Decimal(1)


def reported(value: Decimal) -> Decimal:
    """A tonne figure as the XBRL facts carry it: whole units, half up (see xbrl/facts.py)."""
    return value.quantize(_WHOLE, rounding=ROUND_HALF_UP)


@rule("rule.ghg.negative")
def rule_reported_non_negative(ctx: RuleContext) -> Iterator[Issue]:
    """VR-GHG-001: emissions, energy and carbon-market quantities are never negative (carbon market,
    prior years, and the computed figures as reported)."""
    market = ctx.filing.carbon_market
    if market is not None:
        for i, c in enumerate(market.compliance):
            for name in ("allocated", "obligation", "surrendered_allowances", "ccer_surrendered"):
                value = getattr(c, name)
                if value < 0:
                    yield ctx.at("rule.ghg.negative", ("carbon_market", "compliance", i, name), field=name, value=value)
        quantities = [("credits", i, x.quantity) for i, x in enumerate(market.credits)]
        quantities += [("reductions", i, x.quantity) for i, x in enumerate(market.reductions)]
        for group, i, quantity in quantities:
            if quantity < 0:
                yield ctx.at("rule.ghg.negative", ("carbon_market", group, i, "quantity"), field="quantity",
                             value=quantity)
    for i, prior in enumerate(ctx.filing.history):
        for name in ("scope1", "scope2_location", "scope2_market", "scope3", "energy_tce"):
            value = getattr(prior, name)
            if value is not None and value < 0:
                yield ctx.at("rule.ghg.negative", ("history", i, name), field=name, value=value)
    yield from _computed_negatives(ctx)


def _computed_negatives(ctx: RuleContext) -> Iterator[Issue]:
    """Computed figures that would be reported below zero (a negative factor, say), at the facility."""
    for i, fac in enumerate(ctx.figures.facilities):
        for name in ("scope1", "scope2_location", "scope2_market", "scope2_ets"):
            value = getattr(fac, name)
            if value is not None and magnitude_ok(value) and reported(value) < 0:
                yield ctx.at("rule.ghg.negative", ("facilities", i), field=f"{fac.id}: {name}", value=value)
    fig = ctx.figures
    for label, values in (("energy", fig.energy_gj), ("gas", fig.by_gas), ("source type", fig.by_source_type)):
        for key, value in values.items():
            if magnitude_ok(value) and reported(value) < 0:
                yield ctx.at("rule.ghg.negative", ("facilities",), field=f"{label} {key}", value=value)


@rule("rule.market.ccer-cap")
def rule_ccer_cap_reported(ctx: RuleContext) -> Iterator[Issue]:
    """VR-CM-001 on the reported figures: round(CCER) ≤ 5 % × round(obligation), as the XBRL check sees
    them (the exact comparison is rule_compliance's)."""
    market = ctx.filing.carbon_market
    for i, c in enumerate(market.compliance if market else []):
        if not (number_ok(c.ccer_surrendered) and number_ok(c.obligation)):
            continue
        exact_ok = c.ccer_surrendered <= c.obligation * CCER_SHARE
        ccer, obligation = reported(c.ccer_surrendered), reported(c.obligation)
        if exact_ok and ccer > obligation * CCER_SHARE:
            yield ctx.at("rule.market.ccer-cap", ("carbon_market", "compliance", i, "ccer_surrendered"),
                         ccer=ccer, cap=obligation * CCER_SHARE, obligation=obligation)


@rule("rule.ids.duplicate")
def rule_duplicate_facts(ctx: RuleContext) -> Iterator[Issue]:
    """Target ids are unique, and a facility has one compliance entry a year: otherwise the XBRL
    report would carry inconsistent duplicate facts."""
    ids = Counter(t.id for t in ctx.filing.targets)
    for dup in sorted(k for k, n in ids.items() if n > 1):
        yield ctx.at("rule.ids.duplicate", ("targets",), id=dup)
    market = ctx.filing.carbon_market
    if market is not None:
        seen: set[tuple[str, int]] = set()
        for i, c in enumerate(market.compliance):
            key = (c.facility, c.compliance_year)
            if key in seen:
                yield ctx.at("rule.ids.duplicate", ("carbon_market", "compliance", i),
                             id=f"{c.facility} {c.compliance_year}")
            seen.add(key)


@rule("rule.text.too-long")
def rule_document_properties(ctx: RuleContext) -> Iterator[Issue]:
    """The report title and the company name are also the Word document's title and author, which the
    OOXML core properties carry up to 255 characters."""
    reason = {"reason_zh": f"Word 文档属性（标题、作者）最多 {MAX_PROPERTY_CHARS} 个字符",
              "reason_en": f"Word document properties (title, author) hold at most {MAX_PROPERTY_CHARS} characters"}
    for base, text in ((("report", "title"), ctx.filing.report.title), (("entity", "name"), ctx.filing.entity.name)):
        for key, value in (("zh-CN", text.zh), ("en", text.en)):
            if value is not None and len(value) > MAX_PROPERTY_CHARS:
                path: tuple[PathPart, ...] = (*base, key)
                yield ctx.at("rule.text.too-long", path, field=".".join(map(str, path)), length=len(value),
                             limit=MAX_PROPERTY_CHARS, **reason)


@rule("rule.figure.out-of-range")
def rule_figures_reportable(ctx: RuleContext) -> Iterator[Issue]:
    """Every computed figure is reported as a number below 10^18 (the writers round it to its
    reporting precision, which larger values would exceed): emissions, energy, intensities."""
    fig = ctx.figures
    for i, fac in enumerate(fig.facilities):
        for name in ("scope1", "scope2_location", "scope2_market"):
            value = getattr(fac, name)
            if not magnitude_ok(value):
                yield ctx.at("rule.figure.out-of-range", ("facilities", i), figure=f"{fac.id}: {name}", value=value)
    groups = {"scope3": fig.scope3, **{f"energy {k}": v for k, v in fig.energy_gj.items()},
              **{f"energy tce {k}": v for k, v in fig.energy_tce.items()}}
    for figure, value in groups.items():
        if value is not None and not magnitude_ok(value):
            yield ctx.at("rule.figure.out-of-range", ("facilities",), figure=figure, value=value)
    for key, value in fig.intensity_revenue.items():
        if not magnitude_ok(value):
            yield ctx.at("rule.figure.out-of-range", ("report", "revenue"), figure=f"intensity {key}", value=value)
    for product, entry in fig.intensity_product.items():
        for key in ("quantity", "intensity_scope1", "intensity_scope12_location"):
            value = entry.get(key)
            if isinstance(value, Decimal) and not magnitude_ok(value):
                yield ctx.at("rule.figure.out-of-range", ("facilities",), figure=f"{product} {key}", value=value)
    yield from _target_progress(ctx)


def _target_progress(ctx: RuleContext) -> Iterator[Issue]:
    """Progress towards a target divides by its base value: a base value near zero makes it unreportable."""
    fig = ctx.figures
    current = {"scope1": fig.totals.scope1, "scope2": fig.totals.scope2_location, "scope3": fig.scope3}
    for i, t in enumerate(ctx.filing.targets):
        if not t.base_value:
            continue
        now: Decimal | None
        if t.kind == "absolute":
            now = sum((current[s.value] or Decimal(0) for s in t.scopes), Decimal(0))
        elif t.kind == "intensity-revenue":
            scopes = {s.value for s in t.scopes}
            key = "scope1" if scopes == {"scope1"} else "scope12_location" if scopes == {"scope1", "scope2"} else ""
            now = fig.intensity_revenue.get(key)
        else:
            product = fig.intensity_product.get(t.product or "") or {}
            now = product.get("intensity_scope12_location")
        if now is None or not magnitude_ok(now):
            continue
        progress = (t.base_value - now) / t.base_value * 100
        if not magnitude_ok(progress):
            yield ctx.at("rule.figure.out-of-range", ("targets", i, "base_value"), figure=f"{t.id} progress %",
                         value=progress)
