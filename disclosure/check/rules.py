"""The checks of ours on the model Arelle loaded: entity identifier (scheme, GB 32100 check character),
one entity, full fiscal years, the obligation to disclose (the regulator's list against the filing's own
flag) and the mandatory items. The mandatory list is ``disclosure.taxonomy.obligations`` — the same one
the formula VR-RPT-001 is generated from — with the same meaning: a total is an undimensioned fact, nil
and blank values are missing, and an item in the omissions table is explained."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from disclosure.check.findings import Finding, finding
from disclosure.check.obligations import Obligations
from disclosure.identifiers import uscc_problem
from disclosure.taxonomy import definition
from disclosure.taxonomy.obligations import mandatory_items

USCC_PROBLEMS = {"length": ("长度不是18位", "not 18 characters"), "charset": ("含非法字符", "invalid characters"),
                 "check": ("校验码错误", "wrong check character")}


def own_checks(model: Any, obligations: Obligations | None = None) -> tuple[list[Finding], str, str]:
    """Findings, the entity and the latest fiscal year of the loaded report."""
    scheme = definition().meta["scheme_uscc"]
    found: list[Finding] = []
    identifiers: set[str] = set()
    latest = None
    for ctx in model.contexts.values():
        ident_scheme, ident = ctx.entityIdentifier
        identifiers.add(ident)
        if ident_scheme != scheme:
            found.append(finding("check.entity-scheme", context=ctx.id, scheme=ident_scheme, expected=scheme,
                                 line=ctx.sourceline))
        else:
            problem = uscc_problem(ident)
            if problem is not None:
                zh, en = USCC_PROBLEMS[problem]
                found.append(finding("check.entity-identifier", context=ctx.id, identifier=ident, problem_zh=zh,
                                     problem_en=en, line=ctx.sourceline))
        if ctx.isStartEndPeriod:
            start, end = ctx.startDatetime, ctx.endDatetime - timedelta(days=1)  # Arelle's end is exclusive
            if not (start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31
                    and start.year == end.year):
                found.append(finding("check.period", context=ctx.id, period=f"{start.date()}/{end.date()}",
                                     line=ctx.sourceline))
            elif latest is None or end.year > latest:
                latest = end.year
        else:
            found.append(finding("check.period", context=ctx.id, period="instant/forever", line=ctx.sourceline))
    if len(identifiers) > 1:
        found.append(finding("check.entity-mixed", identifiers=", ".join(sorted(identifiers))))
    found += _facts(model)
    entity = next(iter(identifiers)) if len(identifiers) == 1 else ""
    if latest is not None:
        mandatory, decided = _obligation(model, entity, latest, obligations)
        found += decided
        if mandatory:
            found += _mandatory(model, latest)
    return found, ", ".join(sorted(identifiers)), str(latest or "")


LANGUAGES = {"EntityNameChinese": "zh", "EntityNameEnglish": "en"}
"""Facts whose language is known from the concept: their xml:lang must say it."""


def _facts(model: Any) -> list[Finding]:
    """Numbers state their precision as @decimals (what Calculations 1.1 and our tolerances read), and the
    entity's names carry the language they are in."""
    found = []
    for f in model.facts:
        concept = f.qname.localName if f.qname is not None else ""
        if f.isNumeric and not f.isNil and f.precision is not None:
            found.append(finding("check.decimals", concept=str(f.qname), line=f.sourceline))
        want = LANGUAGES.get(concept)
        if want and not f.isNil:
            lang = _lang(f)
            if not lang.lower().startswith(want):
                found.append(finding("check.language", concept=str(f.qname), lang=lang or "—", expected=want,
                                     line=f.sourceline))
    return found


def _lang(fact: Any) -> str:
    """The fact's language: its own xml:lang or the nearest ancestor's (Arelle's xmlLang stops at the parent,
    which in Inline XBRL is a table cell)."""
    from arelle import XmlUtil

    return str(XmlUtil.ancestorOrSelfAttr(fact, "{http://www.w3.org/XML/1998/namespace}lang") or "")


def _current(model: Any, name: str, year: int, total: bool = True) -> list[Any]:
    """Non-nil, non-blank facts of ``name`` for ``year`` (undimensioned ones when ``total``)."""
    ns = definition().namespace
    out = []
    for f in model.factsByQname.get(_qname(ns, name), ()):
        ctx = f.context
        if ctx is None or not ctx.isStartEndPeriod or (ctx.endDatetime - timedelta(days=1)).year != year:
            continue
        if (total and ctx.qnameDims) or f.isNil or not (f.value or "").strip():
            continue
        out.append(f)
    return out


def _qname(ns: str, name: str) -> Any:
    from arelle.ModelValue import qname

    return qname(ns, name)


def _obligation(model: Any, entity: str, year: int, obligations: Obligations | None) -> tuple[bool, list[Finding]]:
    """Whether the filer must disclose the mandatory items, and findings where the filing's own flag and the
    regulator's list disagree. Without a list, the flag decides."""
    flags = _current(model, "EntityIsMandatoryDiscloser", year)
    declared = str(flags[0].xValue).lower() in ("true", "1") if flags else None
    if obligations is None:
        return bool(declared), []
    listed = obligations.get((entity, year))
    shown = {True: "true", False: "false", None: "—"}[declared]
    if listed is None:
        return bool(declared), [finding("check.obligation-unlisted", entity=entity or "—", year=year)]
    if listed == "mandatory" and declared is not True:
        return True, [finding("check.obligation-mismatch", entity=entity, year=year, declared=shown,
                              line=flags[0].sourceline if flags else None)]
    if listed != "mandatory" and declared is True:
        return False, [finding("check.obligation-overdeclared", entity=entity, year=year, listed=listed,
                               line=flags[0].sourceline)]
    return listed == "mandatory", []


def _mandatory(model: Any, year: int) -> list[Finding]:
    omitted = set()
    axis = _qname(definition().namespace, "ChecklistItemAxis")
    for f in _current(model, "OmissionReason", year, total=False):
        dim = f.context.qnameDims.get(axis)
        if dim is not None and dim.typedMember is not None:
            omitted.add(dim.typedMember.stringValue.strip())
    prefix = definition().prefix
    return [finding("check.mandatory-missing", concept=f"{prefix}:{item.concept}", item=item.item or "—", year=year)
            for item in mandatory_items("mandatory")
            if not _current(model, item.concept, year, item.total) and not (item.item and item.item in omitted)]
