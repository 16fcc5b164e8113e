"""GWP sets: the values a filing gives agree with the set it declares."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure.issues import Issue
from disclosure.rules.registry import RuleContext, rule

_SET_WORDS = {
    "AR2": re.compile(r"\bSAR\b|\bAR2\b|第二次评估"), "AR4": re.compile(r"\bAR4\b|第四次评估"),
    "AR5": re.compile(r"\bAR5\b|第五次评估"), "AR6": re.compile(r"\bAR6\b|第六次评估"),
}


@rule("rule.gwp.set-mismatch")
def rule_gwp_values(ctx: RuleContext) -> Iterator[Issue]:
    """A GWP given in ``report.gwp.values`` is the declared set's value (IPCC table of that report)
    and its source names that report: a filing declaring AR5 with AR6 numbers is refused."""
    gwp = ctx.filing.report.gwp
    declared = gwp.set.value
    for n, entry in enumerate(gwp.values):
        path = ("report", "gwp", "values", n)
        library = ctx.lib.gwp(declared, entry.gas)
        cited = [s for s, rx in _SET_WORDS.items() if rx.search(entry.source)]
        if library is not None and library.value != entry.value:
            yield ctx.at("rule.gwp.set-mismatch", (*path, "value"), gas=entry.gas, value=entry.value,
                         set=declared, expected=library.value,
                         found=", ".join(ctx.lib.gwp_sets_of(entry.gas, entry.value)) or "-")
        elif cited and declared not in cited:
            yield ctx.at("rule.gwp.set-mismatch", (*path, "source"), gas=entry.gas, value=entry.value,
                         set=declared, expected=library.value if library else "-", found=", ".join(cited))
