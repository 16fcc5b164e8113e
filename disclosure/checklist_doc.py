"""``docs/checklist.md``, generated from the checklist: sources and where each was read, counts per
source, every item with its obligations, references and how it is met, and the mandatory concept list.

Regenerate with ``python -m disclosure.checklist_doc > docs/checklist.md`` (a test keeps it in sync).
"""

from __future__ import annotations

import sys
from collections import Counter

from disclosure.checklist import CLASSES, Item, Ref, items, mandatory_concepts, sources

STATUS = {"V": "verified", "S": "secondary", "NF": "not found"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _ref(r: Ref) -> str:
    where = f"{r.source} {r.article}".strip()
    note = f" — {r.note}" if r.note else ""
    return f"{where} [{r.status}]{note}"


def _met(it: Item) -> str:
    if it.out_of_scope:
        return f"out of scope: {it.out_of_scope}"
    parts = []
    if it.rendered:
        parts.append(f"rendered: {it.rendered}")
    parts += [f"`{p}`" for p in it.met_paths]
    if it.rule:
        parts.append(f"rule `{it.rule}`")
    if it.applies_if:
        parts.append("applies if " + ", ".join(f"`{p}`" for p in it.applies_if))
    if it.partial:
        parts.append(f"partial: {it.partial}")
    if it.fact:
        parts.append(f"index states `{it.fact}`")
    if it.by_exchange:
        parts.append("wording per exchange: " + ", ".join(k for k, _ in it.by_exchange))
    return "; ".join(parts)


def _numbered(r: Ref) -> bool:
    """The reference names a specific article, paragraph or requirement (not a whole document)."""
    return bool(r.article) and "未查到" not in r.note


def requirement_state(it: Item) -> str:
    """How the tool meets the item: full, partial or out-of-scope."""
    if it.out_of_scope:
        return "out-of-scope"
    return "partial" if it.partial else "full"


def counts() -> dict[str, Counter[str]]:
    """Per source: requirements (distinct articles cited; where no article number was found, each item's
    reference counts on its own) by reading status and by how the tool meets them (a requirement takes
    the best state of the items citing it)."""
    rank = {"full": 2, "partial": 1, "out-of-scope": 0}
    best: dict[tuple[str, str], str] = {}
    status: dict[tuple[str, str], str] = {}
    for it in items():
        state = requirement_state(it)
        for r in it.refs:
            key = (r.source, r.article if _numbered(r) else f"{r.article}/{r.note}/{it.id}")
            if key not in best or rank[state] > rank[best[key]]:
                best[key] = state
            status[key] = r.status
    out: dict[str, Counter[str]] = {s: Counter() for s in sources()}
    for (src, _), state in best.items():
        out[src]["requirements"] += 1
        out[src][state] += 1
    for (src, _), st in status.items():
        out[src][st] += 1
    return out


def markdown() -> str:
    lines = [
        "# Disclosure checklist",
        "",
        "Generated from `disclosure/data/checklist.yaml` by `python -m disclosure.checklist_doc > docs/checklist.md`;",
        "do not edit by hand. The checklist is the single source of the validate rule `rule.checklist.*`, the",
        "Word disclosure index, and the mandatory concept list below (for the taxonomy's references, VR-RPT-001",
        "and the checker). Reading status: V verified in the official text or a word-for-word copy, S secondary,",
        "NF not found (no text, and no value, is invented for it).",
        "",
        "## Sources and where they were read",
        "",
        "| Key | Document | Issuer | Date | Where its text was read |",
        "|---|---|---|---|---|",
    ]
    for key, s in sources().items():
        lines.append(f"| {key} | {_cell(s['zh-CN'])}<br>{_cell(s['en'])} | {s['issuer']} | {s['date']} | "
                     f"{_cell(s['read'])} |")
    lines += ["", "## Counts per source", "",
              "A requirement is a distinct article (or, where none was found, a distinct requirement) cited by the",
              "checklist. Full: met by schema fields, computed figures or the report itself; partial: met with a",
              "stated gap; out of scope: not met, with the reason. The MoF climate standard's articles were not",
              "found, so its requirements are counted by the chapter the checklist cites; IFRS S2 paragraphs were",
              "not re-read (secondary). Coverage says the schema, figures and report can carry the requirement;",
              "whether a filing meets it is `disclosure.checklist.status`.", "",
              "| Source | Requirements | Full | Partial | Out of scope | Coverage (full) | Read V / S / NF |",
              "|---|---|---|---|---|---|---|"]
    total: Counter[str] = Counter()
    for key, c in counts().items():
        total.update(c)
        pct = f"{100 * c['full'] / c['requirements']:.0f} %" if c["requirements"] else "—"
        lines.append(f"| {key} | {c['requirements']} | {c['full']} | {c['partial']} | {c['out-of-scope']} | {pct} | "
                     f"{c['V']} / {c['S']} / {c['NF']} |")
    lines.append(f"| **all** | {total['requirements']} | {total['full']} | {total['partial']} | "
                 f"{total['out-of-scope']} | {100 * total['full'] / total['requirements']:.0f} % | "
                 f"{total['V']} / {total['S']} / {total['NF']} |")
    lines += ["", f"{len(items())} items. Obligation levels by filer class ({', '.join(CLASSES)}): R required,",
              "C conditional, E encouraged, X expected (SASAC). The report's index shows the exchange guideline's",
              "level for the filer's class (else the regulator's: MEE, SASAC), with a stricter level of a standard",
              "the filer adopts (mof, ifrs) as a note beside it — 鼓励（所采用准则要求） — never instead of it.",
              "", "## Items", "",
              "| Id | Obligation | Requirement | Sources | Met by | Concepts |", "|---|---|---|---|---|---|"]
    for it in items():
        ob = ", ".join(f"{k} {v}" for k, v in it.obligation.items())
        if it.four_pillar:
            ob += " (four-pillar)"
        concepts = ", ".join(it.concepts)
        if it.proposed:
            concepts += ("; " if concepts else "") + "proposed: " + ", ".join(it.proposed)
        lines.append(f"| {it.id} | {ob} | {_cell(it.text['zh-CN'])}<br>{_cell(it.text['en'])} | "
                     f"{'<br>'.join(_cell(_ref(r)) for r in it.refs)} | {_cell(_met(it))} | {concepts} |")
    lines += ["", "## API", "",
              "`disclosure.checklist`: `items()`, `item(id)`, `sources()`, `filer_classes(filing)`,",
              "`obligation(item, filing)`, `applies(item, filing, figures)`, `met(item, filing, figures)`,",
              "`status(item, filing, figures)` (met / omitted / missing / optional / out-of-scope / n/a),",
              "`mandatory_items(filer_class)`, `mandatory_concepts(filer_class)` and `concept_references()`.",
              "", "## Mandatory items and their concepts (mandatory disclosers)", "",
              "`disclosure.checklist.mandatory_concepts('mandatory')`: the items required of every mandatory",
              "discloser unconditionally, with the concepts whose undimensioned fact of the year proves each.",
              "", "| Item | Concepts |", "|---|---|"]
    for item_id, names in mandatory_concepts("mandatory").items():
        lines.append(f"| {item_id} | {', '.join(names)} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown())
