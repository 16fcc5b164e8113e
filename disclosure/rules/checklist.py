"""Every applicable checklist item is disclosed or its omission explained (comply or explain, Art. 7;
RPT-08). The items, their obligations and "met when" come from ``disclosure.checklist``."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure import checklist
from disclosure.issues import Issue
from disclosure.rules.registry import RuleContext, rule


@rule("rule.checklist.missing", "rule.checklist.missing-voluntary")
def rule_checklist(ctx: RuleContext) -> Iterator[Issue]:
    """Art. 7 / RPT-08: every item required of the filer (by its class: mandatory or voluntary discloser,
    MoF or IFRS S2 preparer, central SOE, ETS key emitter) is disclosed, or its omission explained."""
    f, g = ctx.filing, ctx.figures
    mandatory = "mandatory" in checklist.filer_classes(f)
    for it in checklist.items():
        if checklist.status(it, f, g) != "missing":
            continue
        strict = mandatory and checklist.obligation(it, f) in ("R", "C")
        code = "rule.checklist.missing" if strict else "rule.checklist.missing-voluntary"
        yield ctx.at(code, ("omissions",), item=it.id, title_zh=it.text["zh-CN"], title_en=it.text["en"])
