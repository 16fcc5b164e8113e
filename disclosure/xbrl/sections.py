"""Text blocks as the report prints them: a narrative concept's value is the XHTML of its report section.

The filing's narratives become the report's chapters through the template (headings, run-in labels, tables
of risks and scenarios, the methodology's citations). A text block built from the filing's fields instead
would hold other words than the report the board approved, and could not be tagged where it is printed. So
each text-block concept that has a section of its own takes that section's blocks, written as the Inline
XBRL report writes them (:mod:`disclosure.xbrl.report_html`), as its value: the instance and the iXBRL
report carry the same text, and :mod:`disclosure.xbrl.placing` finds it as a run of whole blocks.

A section holding a chart, or absent from the report, keeps the value made from the filing's fields."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from lxml import etree

from disclosure.word import markup
from disclosure.word.document import Block, Heading, Image, PageBreak, Toc
from disclosure.xbrl.facts import Fact
from disclosure.xbrl.inline import H

SECTIONS = {
    "GovernanceExplanatory": "governance",
    "ClimateRelatedRisksAndOpportunitiesExplanatory": "strategy.risks_opportunities",
    "TransitionPlanExplanatory": "strategy.transition",
    "ClimateResilienceExplanatory": "strategy.resilience",
    "RiskManagementExplanatory": "risk",
    "ForwardLookingInformationExplanatory": "about.forward_looking",
    "RestatementOfPriorYearFiguresExplanatory": "metrics.restatements",
    "GHGMethodologyExplanatory": "methodology",
    "AssuranceStatementExplanatory": "assurance_statement",
}
"""Text-block concept → the report section (chapter key, or chapter.subsection key of the texts) it is."""

XHTML_NS = f' xmlns="{H[1:-1]}"'


def spans(blocks: list[Block], texts: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Section key → (first, end) block indices of its content (after its heading, up to the next heading
    of the same or a higher level; a chapter's content includes its subsections' headings)."""
    tops = {v: k for k, v in texts["sections"].items()}
    subs = {v: k for k, v in texts["subsections"].items()}
    found: dict[str, tuple[int, int]] = {}
    open_: list[tuple[str, int, int]] = []  # (key, level, first)
    top = ""

    def close(level: int, at: int) -> None:
        while open_ and open_[-1][1] >= level:
            key, _, first = open_.pop()
            found.setdefault(key, (first, at))

    for i, b in enumerate(blocks):
        if isinstance(b, Heading) and b.level in (1, 2):
            close(b.level, i)
            if b.level == 1:
                top = tops.get(b.text, "")
                if top:
                    open_.append((top, 1, i + 1))
            elif top and b.text in subs:
                open_.append((f"{top}.{subs[b.text]}", 2, i + 1))
    close(1, len(blocks))
    return found


def xhtml(blocks: list[Block], lang: str) -> str:
    """The blocks as the Inline XBRL report writes them, untagged: an XHTML fragment (default namespace)."""
    from disclosure.xbrl.placing import Placement
    from disclosure.xbrl.report_html import Writer

    body = etree.Element(f"{H}div")
    writer = Writer(Placement(), None, lang)  # type: ignore[arg-type]  # nothing to tag: no tagger used
    for i, b in enumerate(blocks):
        writer.block(body, i, b, [])
    return "".join(etree.tostring(child, encoding="unicode").replace(XHTML_NS, "") for child in body)


def from_report(found: list[Fact], blocks: list[Block], lang: str) -> list[Fact]:
    """``found`` with each sectioned text block's value replaced by its report section's XHTML."""
    where = spans(blocks, markup.texts(lang))
    out = []
    for f in found:
        key = SECTIONS.get(f.concept)
        if f.html and key in where and not f.explicit and not f.typed:
            first, end = where[key]
            part = blocks[first:end]
            if part and not any(isinstance(b, Image | PageBreak | Toc) for b in part):
                f = replace(f, value=xhtml(part, lang))
        out.append(f)
    return out


__all__ = ["SECTIONS", "from_report", "spans", "xhtml"]
