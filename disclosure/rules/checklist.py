"""Every applicable checklist item is disclosed or its omission explained (comply or explain, Art. 7;
RPT-08). The items, their obligations and "met when" come from ``disclosure.checklist``."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure import checklist
from disclosure.issues import Issue
from disclosure.rules.registry import RuleContext, rule
from disclosure.vocabulary import label


@rule("rule.checklist.missing", "rule.checklist.missing-voluntary")
def rule_checklist(ctx: RuleContext) -> Iterator[Issue]:
    """Art. 7 / RPT-08: every item required of the filer (by its class: mandatory or voluntary discloser,
    MoF or IFRS S2 preparer, central SOE, ETS key emitter) is disclosed, or its omission explained."""
    f, g = ctx.filing, ctx.figures
    mandatory = "mandatory" in checklist.filer_classes(f)
    for it in checklist.items():
        if checklist.status(it, f, g) != "missing" or not _reported(it):
            continue
        strict = mandatory and checklist.obligation(it, f) in ("R", "C")
        code = "rule.checklist.missing" if strict else "rule.checklist.missing-voluntary"
        yield ctx.at(code, ("omissions",), item=it.id, title_zh=it.text["zh-CN"], title_en=it.text["en"])


def _reported(it: checklist.Item) -> bool:
    """The item is a requirement of the sustainability report (the exchange guideline or a standard the
    filer adopts), not only of another channel (the MEE upload, SASAC): those the report states when the
    filing gives them, and a gap is a warning."""
    return bool(set(it.obligation) & (checklist.EXCHANGE_CLASSES | checklist.ADOPTED_CLASSES))


@rule("rule.checklist.unexplained")
def rule_checklist_unexplained(ctx: RuleContext) -> Iterator[Issue]:
    """An encouraged or if-applicable item (or one of another channel: the MEE upload) the filing neither
    discloses nor explains: the index can only say "not disclosed (no reason given)" — the preparer gives
    the fact or the reason in ``omissions`` (不适用：公司未参与其他减排机制)."""
    f, g = ctx.filing, ctx.figures
    for it in checklist.items():
        state = checklist.status(it, f, g)
        if state == "optional" or (state == "missing" and not _reported(it)):
            yield ctx.at("rule.checklist.unexplained", ("omissions",), item=it.id, title_zh=it.text["zh-CN"],
                         title_en=it.text["en"])


@rule("rule.checklist.material-topic")
def rule_checklist_material_topic(ctx: RuleContext) -> Iterator[Issue]:
    """Arts. 5 and 7: a topic the double-materiality assessment finds material is disclosed — in this report,
    or in another report the filing names (``disclosed_in``) — or its omission is explained (``omission``)."""
    f, g = ctx.filing, ctx.figures
    dm = f.report.double_materiality
    if dm is None:
        return
    for i, t in enumerate(dm.topics):
        if t not in checklist.material_topics(f) or checklist.topic_section(t, f, g) is not None:
            continue
        if (t.disclosed_in is not None and (t.disclosed_in.zh or t.disclosed_in.en)) or (
                t.omission is not None and (t.omission.zh or t.omission.en)):
            continue
        yield ctx.at("rule.checklist.material-topic", ("report", "double_materiality", "topics", i),
                     topic_zh=label("topic", t.topic, "zh-CN"), topic_en=label("topic", t.topic, "en"))
