"""Rules on the reporting entity and its boundary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from disclosure.identifiers import lei_problem, uscc_problem
from disclosure.issues import Issue
from disclosure.rules.registry import RuleContext, rule
from disclosure.suggest import did_you_mean


@rule("rule.entity.uscc")
def rule_uscc(ctx: RuleContext) -> Iterator[Issue]:
    """统一社会信用代码 has 18 characters from the GB 32100-2015 set and a valid check character."""
    problem = uscc_problem(ctx.filing.entity.uscc)
    if problem:
        yield ctx.at("rule.entity.uscc", ("entity", "uscc"), value=ctx.filing.entity.uscc,
                     problem=problem)


@rule("rule.entity.lei")
def rule_lei(ctx: RuleContext) -> Iterator[Issue]:
    """An LEI has 20 characters and passes the ISO 17442 (ISO 7064 MOD 97-10) check."""
    lei = ctx.filing.entity.lei
    if lei is not None and (problem := lei_problem(lei)):
        yield ctx.at("rule.entity.lei", ("entity", "lei"), value=lei, problem=problem)


@rule("rule.entity.province")
def rule_province(ctx: RuleContext) -> Iterator[Issue]:
    """Provinces are named by pinyin key or Chinese name, so factors can be matched to them."""
    if ctx.lib.region_key(ctx.filing.entity.province) is None:
        yield ctx.at("rule.entity.province", ("entity", "province"), value=ctx.filing.entity.province,
                     suggestion=did_you_mean(ctx.filing.entity.province, ctx.lib.region_names()))
    for i, fac in enumerate(ctx.filing.facilities):
        key = ctx.lib.region_key(fac.province)
        if key is None or ctx.lib.regions[key]["level"] != "province":
            yield ctx.at("rule.entity.province", ("facilities", i, "province"), value=fac.province,
                         suggestion=did_you_mean(fac.province, ctx.lib.region_names()))


@rule("rule.ids.duplicate")
def rule_duplicate_ids(ctx: RuleContext) -> Iterator[Issue]:
    """Ids of entities, facilities and each facility's sources are unique."""
    f = ctx.filing
    groups: list[tuple[tuple[str | int, ...], list[str]]] = [
        (("boundary", "entities"), [e.id for e in f.boundary.entities]),
        (("facilities",), [x.id for x in f.facilities]),
    ]
    for i, fac in enumerate(f.facilities):
        ids = [s.id for s in fac.combustion] + [s.id for s in fac.electricity]
        ids += [s.id for s in fac.heat] + [s.id for s in fac.process]
        groups.append((("facilities", i), ids))
    for path, ids in groups:
        for dup in sorted(k for k, n in Counter(ids).items() if n > 1):
            yield ctx.at("rule.ids.duplicate", path, id=dup)


@rule("rule.boundary.excluded-facility")
def rule_boundary(ctx: RuleContext) -> Iterator[Issue]:
    """A facility whose entity contributes 0 % under the chosen approach is pointed out."""
    shares = {f.id: f.share for f in ctx.figures.facilities}
    for i, fac in enumerate(ctx.filing.facilities):
        if shares.get(fac.id) == 0:
            yield ctx.at("rule.boundary.excluded-facility", ("facilities", i, "entity"),
                         facility=fac.id, approach=ctx.filing.boundary.approach.value)
