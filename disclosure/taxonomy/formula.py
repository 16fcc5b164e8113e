"""The formula linkbases: business and filing rules as XBRL Formula value assertions with stable ids.

Each assertion carries zh-CN and en unsatisfied messages and an Assertion Severity 2.0 (2022)
severity; Arelle reports an unsatisfied one as ``message:<id>`` at that level. ``formula_linkbase(d)``
holds the rules every filing follows; ``formula_linkbase(d, key)`` those of one exchange's entry point.
Sums compare within a tolerance computed from each fact's ``@decimals`` (half a unit of its last
reported digit, summed over the facts compared), as Calculations 1.1 does.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from disclosure.taxonomy.definition import Axis, Definition, tree
from disclosure.taxonomy.obligations import mandatory_items
from disclosure.taxonomy.xml import LINK, XLINK, XML_LANG, XS, XSI, arc, e, linkbase

GEN = "http://xbrl.org/2008/generic"
VARIABLE = "http://xbrl.org/2008/variable"
VA = "http://xbrl.org/2008/assertion/value"
CF = "http://xbrl.org/2008/filter/concept"
DF = "http://xbrl.org/2008/filter/dimension"
ACF = "http://xbrl.org/2010/filter/aspect-cover"
PF = "http://xbrl.org/2008/filter/period"
GF = "http://xbrl.org/2008/filter/general"
MSG = "http://xbrl.org/2010/message"
XFI = "http://www.xbrl.org/2008/function/instance"
SCHEMAS = {
    GEN: "http://www.xbrl.org/2008/generic-link.xsd",
    VARIABLE: "http://www.xbrl.org/2008/variable.xsd",
    VA: "http://www.xbrl.org/2008/value-assertion.xsd",
    CF: "http://www.xbrl.org/2008/concept-filter.xsd",
    DF: "http://www.xbrl.org/2008/dimension-filter.xsd",
    ACF: "http://www.xbrl.org/2010/aspect-cover-filter.xsd",
    PF: "http://www.xbrl.org/2008/period-filter.xsd",
    GF: "http://www.xbrl.org/2008/general-filter.xsd",
    MSG: "http://www.xbrl.org/2010/generic-message.xsd",
}
ARCROLES = {
    "http://xbrl.org/arcrole/2008/variable-set": "http://www.xbrl.org/2008/variable.xsd#variable-set",
    "http://xbrl.org/arcrole/2008/variable-filter": "http://www.xbrl.org/2008/variable.xsd#variable-filter",
    "http://xbrl.org/arcrole/2010/assertion-unsatisfied-message":
        "http://www.xbrl.org/2010/validation-message.xsd#assertion-unsatisfied-message",
    "http://xbrl.org/arcrole/2022/assertion-unsatisfied-severity":
        "http://www.xbrl.org/2022/assertion-severity.xsd#assertion-unsatisfied-severity",
}
SEVERITIES = "http://www.xbrl.org/2022/severities.xml"
MESSAGE_ROLE = "http://www.xbrl.org/2010/role/message"
LINK_ROLE = "http://www.xbrl.org/2008/role/link"

ALL_BUT_PERIOD = ["concept", "entity-identifier", "unit", "dimensions", "non-XDT-segment", "non-XDT-scenario"]
"""Aspects a variable covers to bind every fact of a concept in one period, whatever its breakdown."""


def fact_name(variable: str) -> str:
    """XPath: the concept name of a fact, for an instance fact (its element name) and an Inline XBRL fact
    alike (its @name; Arelle's name() gives ix:nonFraction there)."""
    return f"(if (exists({variable}/@name)) then string({variable}/@name) else name({variable}))"


def concept_of(node: str) -> str:
    """XPath: the concept QName of a fact, instance or Inline XBRL (whose element is ix:nonFraction...)."""
    return f"(if (exists({node}/@name)) then resolve-QName(string({node}/@name), {node}) else node-name({node}))"


def message_text(template: str) -> str:
    """A message as written into the linkbase: ``{$v/name()}`` becomes the name of the fact's concept."""
    return re.sub(r"\{(\$[A-Za-z0-9_]+)/name\(\)\}", lambda m: "{" + fact_name(m.group(1)) + "}", template)


def message_templates(d: Definition) -> dict[str, dict[str, str]]:
    """Assertion id → language → message as Arelle evaluates it (for matching one language to the other)."""
    out = {}
    for spec in d.assertions:
        if spec["kind"] == "member-sum":
            for n, parent in enumerate(d.axes[spec["axis"]].parents()):
                aid = spec["id"] if n == 0 else f"{spec['id']}-{n + 1}"
                out[aid] = {lang: message_text(text.replace("{$member}", d.concepts[parent].label[lang]))
                            for lang, text in spec["message"].items()}
        else:
            out[spec["id"]] = {lang: message_text(text) for lang, text in spec["message"].items()}
    return out


def tolerance(fact: str) -> str:
    """XPath: half a unit of the last digit ``fact`` reports (0.5 × 10^-decimals; 0 for INF)."""
    return (f"(if (string(xfi:decimals({fact})) eq 'INF') then 0 else "
            f"number(concat('5E', string(-1 - xs:integer(xfi:decimals({fact}))))))")


def tolerances(sequence: str) -> str:
    return f"sum(for $f in {sequence} return {tolerance('$f')})"


def measures(fact: str) -> str:
    """XPath: a fact's unit as text, e.g. ``utr:tCO2e`` or ``utr:tCO2e/iso4217:CNY``."""
    unit = f"xfi:unit({fact})"
    num = f"string-join(for $m in xfi:unit-numerator({unit}) return string(xfi:measure-name($m)), '*')"
    den = f"string-join(for $m in xfi:unit-denominator({unit}) return string(xfi:measure-name($m)), '*')"
    return f"concat({num}, if (empty(xfi:unit-denominator({unit}))) then '' else concat('/', {den}))"


class _Writer:
    def __init__(self, d: Definition, link: etree._Element) -> None:
        self.d = d
        self.link = link

    def q(self, name: str) -> str:
        return f"{self.d.prefix}:{name}"

    def qname(self, prefixed: str) -> str:
        """XPath QName constructor for ``prefix:local`` (namespaces of the instance may use other prefixes)."""
        prefix, local = prefixed.split(":")
        ns = {self.d.prefix: self.d.namespace, "utr": "http://www.xbrl.org/2009/utr",
              "iso4217": "http://www.xbrl.org/2003/iso4217", "xbrli": "http://www.xbrl.org/2003/instance"}[prefix]
        return f"QName('{ns}', '{local}')"

    def assertion(self, spec: dict[str, Any], test: str, implicit: bool = True, aid: str | None = None) -> str:
        aid = aid or spec["id"]
        e(self.link, f"{{{VA}}}valueAssertion", {f"{{{XLINK}}}type": "resource", f"{{{XLINK}}}label": aid, "id": aid,
                                                "test": test, "aspectModel": "dimensional",
                                                "implicitFiltering": "true" if implicit else "false"})
        for lang in ("zh-CN", "en"):
            label = f"{aid}_msg_{lang}"
            e(self.link, f"{{{MSG}}}message", {f"{{{XLINK}}}type": "resource", f"{{{XLINK}}}label": label,
                                              f"{{{XLINK}}}role": MESSAGE_ROLE, XML_LANG: lang},
              message_text(spec["message"][lang]))
            arc(self.link, "arc", "http://xbrl.org/arcrole/2010/assertion-unsatisfied-message", aid, label, ns=GEN)
        sev = f"{aid}_severity"
        e(self.link, f"{{{LINK}}}loc", {f"{{{XLINK}}}type": "locator",
                                        f"{{{XLINK}}}href": f"{SEVERITIES}#{spec.get('severity', 'ERROR')}",
                                        f"{{{XLINK}}}label": sev})
        arc(self.link, "arc", "http://xbrl.org/arcrole/2022/assertion-unsatisfied-severity", aid, sev, ns=GEN)
        return str(aid)

    def variable(self, aid: str, name: str, filters: list[etree._Element], sequence: bool = False,
                 fallback: str | None = None, matches: bool = False) -> None:
        label = f"{aid}_{name}"
        attrs = {f"{{{XLINK}}}type": "resource", f"{{{XLINK}}}label": label,
                 "bindAsSequence": "true" if sequence else "false"}
        if fallback is not None:
            attrs["fallbackValue"] = fallback
        if matches:
            # Variables 1.0 §4.1: without @matches a processor must split the sequence into aspect-matched
            # groups, comparing each fact with each group (quadratic in facility facts: 175 s at 3,000).
            attrs["matches"] = "true"
        e(self.link, f"{{{VARIABLE}}}factVariable", attrs)
        arc(self.link, "variableArc", "http://xbrl.org/arcrole/2008/variable-set", aid, label,
            extra={"name": name}, ns=VARIABLE)
        for n, flt in enumerate(filters):
            flabel = f"{label}_f{n}"
            flt.set(f"{{{XLINK}}}type", "resource")
            flt.set(f"{{{XLINK}}}label", flabel)
            self.link.append(flt)
            arc(self.link, "variableFilterArc", "http://xbrl.org/arcrole/2008/variable-filter", label, flabel,
                order=n + 1, extra={"complement": "false", "cover": "true"}, ns=VARIABLE)

    def general(self, aid: str, name: str, select: str) -> None:
        """A general variable: an XPath value computed from the fact variables (used in the test and messages)."""
        label = f"{aid}_{name}"
        e(self.link, f"{{{VARIABLE}}}generalVariable", {f"{{{XLINK}}}type": "resource", f"{{{XLINK}}}label": label,
                                                        "select": select, "bindAsSequence": "true"})
        arc(self.link, "variableArc", "http://xbrl.org/arcrole/2008/variable-set", aid, label,
            extra={"name": name}, ns=VARIABLE)

    def concepts(self, names: list[str]) -> etree._Element:
        flt = etree.Element(f"{{{CF}}}conceptName")
        for name in names:
            e(e(flt, f"{{{CF}}}concept"), f"{{{CF}}}qname", text=self.q(name))
        return flt

    def dimension(self, axis: str, members: list[str]) -> etree._Element:
        flt = etree.Element(f"{{{DF}}}explicitDimension")
        e(e(flt, f"{{{DF}}}dimension"), f"{{{DF}}}qname", text=self.q(axis))
        for member in members:
            e(e(flt, f"{{{DF}}}member"), f"{{{DF}}}qname", text=self.q(member))
        return flt

    def with_context(self) -> etree._Element:
        """Facts that have a context: put before period filters, which Arelle 2.47 applies to a fact whose
        contextRef is wrong by crashing (the fact is an error of its own, xbrl.4.6.1:itemContextRef)."""
        return self.general_filter("exists(xfi:context(.))")

    def period(self, test: str) -> etree._Element:
        """A period filter: the facts whose period (the context item of ``test``) satisfies ``test``."""
        flt = etree.Element(f"{{{PF}}}period")
        flt.set("test", test)
        return flt

    def general_filter(self, test: str) -> etree._Element:
        """A general filter: the facts (the context item of ``test``) that satisfy ``test``."""
        flt = etree.Element(f"{{{GF}}}general")
        flt.set("test", test)
        return flt

    def covers(self, aspects: list[str]) -> etree._Element:
        """Cover ``aspects`` ("all" for every aspect): the facts a sequence variable binds share only the
        uncovered ones with the other variables."""
        flt = etree.Element(f"{{{ACF}}}aspectCover")
        for aspect in aspects:
            e(flt, f"{{{ACF}}}aspect", text=aspect)
        return flt


def formula_linkbase(d: Definition, key: str | None = None) -> etree._Element:
    """The common rules (``key`` None) or the rules of one entry point (``key``)."""
    extra = {"xs": XS, "gen": GEN, "variable": VARIABLE, "va": VA, "cf": CF, "df": DF, "acf": ACF, "pf": PF, "gf": GF,
             "msg": MSG, "xfi": XFI, d.prefix: d.namespace}
    root = linkbase(extra)
    locations = root.get(f"{{{XSI}}}schemaLocation", "")
    root.set(f"{{{XSI}}}schemaLocation", " ".join([locations, *(f"{ns} {where}" for ns, where in SCHEMAS.items())]))
    e(root, f"{{{LINK}}}roleRef", {"roleURI": LINK_ROLE, f"{{{XLINK}}}type": "simple",
                                   f"{{{XLINK}}}href": "http://www.xbrl.org/2008/generic-link.xsd#standard-link-role"})
    e(root, f"{{{LINK}}}roleRef", {"roleURI": MESSAGE_ROLE, f"{{{XLINK}}}type": "simple",
                                   f"{{{XLINK}}}href": "http://www.xbrl.org/2010/generic-message.xsd#standard-message"})
    for arcrole, href in ARCROLES.items():
        e(root, f"{{{LINK}}}arcroleRef", {"arcroleURI": arcrole, f"{{{XLINK}}}type": "simple",
                                          f"{{{XLINK}}}href": href})
    link = e(root, f"{{{GEN}}}link", {f"{{{XLINK}}}type": "extended", f"{{{XLINK}}}role": LINK_ROLE})
    w = _Writer(d, link)
    for spec in assertions(d, key):
        if spec["kind"] == "basis" and key is not None:
            spec = {**spec, "member": d.entry_points[key].basis}
        _BUILDERS[spec["kind"]](w, spec)
    return root


def assertions(d: Definition, key: str | None = None) -> list[dict[str, Any]]:
    """The assertion specs of the common linkbase (``key`` None) or of an entry point's."""
    out = []
    for spec in d.assertions:
        where = spec.get("entry_points")
        if (key is None and not where) or (key is not None and where and key in where):
            out.append(spec)
    return out


# --- builders ------------------------------------------------------------------------------------

def _non_negative(w: _Writer, spec: dict[str, Any]) -> None:
    aid = w.assertion(spec, "$v ge 0")
    w.variable(aid, "v", [w.concepts(spec["concepts"])])


def _tree_sum(w: _Writer, aid: str, concept: str, axis: Axis, members: list[Any],
              prefix: str) -> tuple[str, str, list[str]]:
    """Variables binding the facts of ``members`` (a nested list) and XPath for their sum and tolerance:
    a member with sub-members counts by its own fact when reported, else by the sum of its sub-members
    (so a total is checked against CF4 + C2F6 when the PFC aggregate is absent)."""
    flat = [name for name, children in tree(members) if not children]
    sums: list[str] = []
    tols: list[str] = []
    variables: list[str] = []
    if flat:
        name = f"{prefix}f"
        w.variable(aid, name, [w.concepts([concept]), w.dimension(axis.name, flat)], sequence=True, fallback="()")
        sums.append(f"sum(${name})")
        tols.append(tolerances(f"${name}"))
        variables.append(f"${name}")
    for n, (parent, children) in enumerate((p, c) for p, c in tree(members) if c):
        own = f"{prefix}p{n}"
        w.variable(aid, own, [w.concepts([concept]), w.dimension(axis.name, [parent])], sequence=True, fallback="()")
        sub_sum, sub_tol, sub_vars = _tree_sum(w, aid, concept, axis, children, f"{prefix}c{n}")
        sums.append(f"(if (exists(${own})) then sum(${own}) else {sub_sum})")
        tols.append(f"(if (exists(${own})) then {tolerances(f'${own}')} else {sub_tol})")
        variables += [f"${own}", *sub_vars]
    return " + ".join(sums) or "0", " + ".join(tols) or "0", variables


def _dimension_sum(w: _Writer, spec: dict[str, Any]) -> None:
    axis = w.d.axes[spec["axis"]]
    aid = w.assertion(spec, "empty($parts) or abs($total - $sum) le $tolerance")
    w.variable(aid, "total", [w.concepts([spec["concept"]]), w.dimension(axis.name, [axis.domain])])
    total_sum, total_tol, variables = _tree_sum(w, aid, spec["concept"], axis, list(axis.members), "m")
    w.general(aid, "parts", f"({', '.join(variables)})")
    w.general(aid, "sum", total_sum)
    w.general(aid, "tolerance", f"{tolerance('$total')} + {total_tol}")


def _member_sum(w: _Writer, spec: dict[str, Any]) -> None:
    axis = w.d.axes[spec["axis"]]
    for n, (parent, children) in enumerate(axis.parents().items()):
        aid = spec["id"] if n == 0 else f"{spec['id']}-{n + 1}"
        message = {lang: text.replace("{$member}", w.d.concepts[parent].label[lang])
                   for lang, text in spec["message"].items()}
        w.assertion({**spec, "message": message}, "empty($children) or abs($parent - $sum) le $tolerance", aid=aid)
        w.variable(aid, "parent", [w.concepts([spec["concept"]]), w.dimension(axis.name, [parent])])
        w.variable(aid, "children", [w.concepts([spec["concept"]]), w.dimension(axis.name, children)],
                   sequence=True, fallback="()")
        w.general(aid, "sum", "sum($children)")
        w.general(aid, "tolerance", f"{tolerance('$parent')} + {tolerances('$children')}")


def _magnitude(w: _Writer, spec: dict[str, Any]) -> None:
    # $x: every undimensioned fact of the concepts, whatever its year (one binding); each is compared with
    # the same concept's fact of the year before.
    r = spec["ratio"]

    def year(fact: str) -> str:
        return f"year-from-dateTime(xfi:period-start(xfi:period({fact})))"

    far = f"abs($a) ne 0 and abs($b) ne 0 and (abs($a) ge {r} * abs($b) or abs($b) ge {r} * abs($a))"
    pairs = (f"for $a in $x, $b in $x[{concept_of('.')} eq {concept_of('$a')} and {year('.')} eq {year('$a')} - 1] "
             f"return if ({far}) then concat({fact_name('$a')}, ' ', {year('$a')}, ': ', string($a), ' / ', "
             f"{year('$b')}, ': ', string($b), ' (×', string(round(max((abs($a) div abs($b), "
             f"abs($b) div abs($a))))), ')') else ()")
    aid = w.assertion(spec, "$far eq ''", implicit=False)
    w.variable(aid, "x", [w.concepts(spec["concepts"]), w.with_context(),
                          w.general_filter("empty(xfi:context-scenario(xfi:context(.)))"),
                          w.covers(["all"])], sequence=True, fallback="()")
    w.general(aid, "far", f"string-join(({pairs}), '; ')")


def _ccer_cap(w: _Writer, spec: dict[str, Any]) -> None:
    aid = w.assertion(spec, "$ccer le 0.05 * $obligation")
    w.variable(aid, "ccer", [w.concepts(["CCERUsedForSurrender"])])
    w.variable(aid, "obligation", [w.concepts(["SurrenderObligation"])])


def _single_measure(unit: str, which: str, measure: str) -> str:
    items = f"xfi:unit-{which}({unit})"
    return f"count({items}) eq 1 and xfi:measure-name({items}[1]) eq {measure}"


def _unit(w: _Writer, spec: dict[str, Any]) -> None:
    allowed = w.d.units["allowed"][spec["type"]]
    unit = "xfi:unit($v)"
    tests = []
    for option in allowed:
        num, _, den = option.partition("/")
        test = _single_measure(unit, "numerator", w.qname(num))
        test += f" and {_single_measure(unit, 'denominator', w.qname(den))}" if den else \
            f" and empty(xfi:unit-denominator({unit}))"
        tests.append(f"({test})")
    aid = w.assertion(spec, " or ".join(tests))
    names = [c.name for c in w.d.concepts.values() if c.type == spec["type"]]
    w.variable(aid, "v", [w.concepts(names)])
    w.general(aid, "measures", measures("$v"))


def _product_unit(w: _Writer, spec: dict[str, Any]) -> None:
    """A per-product intensity (``spec["type"]``, default emissions) divides its numerator measure
    (``spec["numerator"]``, default utr:tCO2e) by the unit of the same product's production volume."""
    unit, volume = "xfi:unit($v)", "xfi:unit($volume)"
    den = f"xfi:measure-name(xfi:unit-denominator({unit})[1])"
    numerator = spec.get("numerator", "utr:tCO2e")
    test = (f"{_single_measure(unit, 'numerator', w.qname(numerator))} and "
            f"count(xfi:unit-denominator({unit})) eq 1 and (empty($volume) or "
            f"(empty(xfi:unit-denominator({volume})) and {_single_measure(volume, 'numerator', den)}))")
    aid = w.assertion(spec, test)
    names = [c.name for c in w.d.concepts.values() if c.type == spec.get("type", "intensity-product")]
    w.variable(aid, "v", [w.concepts(names)])
    w.variable(aid, "volume", [w.concepts(["ProductionVolume"]), w.covers(["unit"])], fallback="()")
    w.general(aid, "measures", measures("$v"))
    w.general(aid, "volumeUnit", f"if (empty($volume)) then '-' else {measures('$volume')}")


def _not_above(w: _Writer, spec: dict[str, Any]) -> None:
    """A part is not above its whole in the same context (within their rounding)."""
    aid = w.assertion(spec, f"$v le $limit + {tolerance('$v')} + {tolerance('$limit')}")
    w.variable(aid, "v", [w.concepts([spec["concept"]])])
    w.variable(aid, "limit", [w.concepts([spec["limit"]])])


def _ratio(w: _Writer, spec: dict[str, Any]) -> None:
    """A share or intensity equals its part divided by its whole (same context), within the rounding of the
    three facts: the ratio's half-unit plus the quotient's error from the part's and the whole's."""
    tol = f"{tolerance('$v')} + ({tolerance('$part')} + abs($v) * {tolerance('$whole')}) div $whole"
    aid = w.assertion(spec, "$whole eq 0 or abs($v - $part div $whole) le $tolerance")
    w.variable(aid, "v", [w.concepts([spec["concept"]])])
    # the three facts share every aspect but the concept and the unit
    w.variable(aid, "part", [w.concepts([spec["part"]]), w.covers(["unit"])])
    w.variable(aid, "whole", [w.concepts([spec["whole"]]), w.covers(["unit"])])
    w.general(aid, "tolerance", f"if ($whole eq 0) then 0 else {tol}")


def _range_order(w: _Writer, spec: dict[str, Any]) -> None:
    """The lower end of a range is not above its upper end (same context)."""
    aid = w.assertion(spec, "$low le $high")
    w.variable(aid, "low", [w.concepts([spec["low"]])])
    w.variable(aid, "high", [w.concepts([spec["high"]])])


def _mandatory(w: _Writer, spec: dict[str, Any]) -> None:
    items = mandatory_items("mandatory")
    # $facts binds, as one sequence, every non-nil fact of the mandatory concepts in the flag's period (every
    # aspect covered, the period by a filter on the flag's): one binding, one evaluation a filing. (Measured
    # in Arelle 2.47: a variable per concept, each with a fallback, made it evaluate 2^n combinations.)
    # A total must be undimensioned (no scenario); other items may be on any member of their table. An
    # empty or blank value does not count. A checklist item listed in the omissions table (OmissionReason on
    # ChecklistItemAxis) counts as explained. The list is data (aligned sequences), so the expression
    # stays short to parse.
    axis = w.qname(f"{w.d.prefix}:ChecklistItemAxis")
    same_year = ("xfi:period-start(.) eq xfi:period-start(xfi:period($mandatory)) and "
                 "xfi:period-end(.) eq xfi:period-end(xfi:period($mandatory))")
    # What is present, once: "Name|any" for every non-blank fact, "Name|total" for an undimensioned one.
    name = f"local-name-from-QName({concept_of('$f')})"
    present = (f"for $f in $facts[normalize-space(string(.)) ne ''] return (concat({name}, '|any'), "
               f"if (empty(xfi:context-scenario(xfi:context($f)))) then concat({name}, '|total') else ())")
    missing = ("string-join(for $k in 1 to count($names) return if ($names[$k] = $present or "
               "($items[$k] ne '' and $items[$k] = $omissions)) then () else "
               f"concat('{w.d.prefix}:', substring-before($names[$k], '|')), ', ')")
    # xs:boolean() takes the flag's typed value; not($mandatory) alone would test that the fact exists.
    aid = w.assertion(spec, "not(xs:boolean($mandatory)) or $missing eq ''", implicit=False)
    w.variable(aid, "mandatory", [w.concepts(["EntityIsMandatoryDiscloser"])])
    w.variable(aid, "facts", [w.concepts(sorted({i.concept for i in items})), w.with_context(), w.period(same_year),
                              w.covers(["all"])], sequence=True, fallback="()",
               matches=True)
    w.variable(aid, "omitted", [w.concepts(["OmissionReason"]), w.with_context(), w.period(same_year),
                                w.covers(["all"])], sequence=True, fallback="()",
               matches=True)
    w.general(aid, "names", "(" + ", ".join(f"'{i.concept}|{'total' if i.total else 'any'}'" for i in items) + ")")
    w.general(aid, "items", "(" + ", ".join(f"'{i.item}'" for i in items) + ")")
    w.general(aid, "present", present)
    w.general(aid, "omissions",
              f"for $o in $omitted return string(xfi:fact-typed-dimension-simple-value($o, {axis}))")
    w.general(aid, "missing", missing)


def _fiscal_year(w: _Writer, spec: dict[str, Any]) -> None:
    # $bad is every fact whose period is a duration other than one calendar year, found by a period
    # filter (one XPath test a fact) and bound as one sequence (every aspect covered): one evaluation a
    # filing. Measured slower in Arelle 2.47: a test evaluated a fact (12 ms), facts bound a period at a
    # time (22 ms), one XPath loop over all facts (53 ms).
    start = "xfi:period-start(.)"
    bad = (f"xfi:is-duration-period(.) and not(month-from-dateTime({start}) eq 1 and "
           f"day-from-dateTime({start}) eq 1 and xfi:period-end(.) eq {start} + xs:yearMonthDuration('P1Y'))")
    aid = w.assertion(spec, "empty($bad)", implicit=False)
    w.variable(aid, "bad", [w.with_context(), w.period(bad), w.covers(["all"])], sequence=True, fallback="()")


def _basis(w: _Writer, spec: dict[str, Any]) -> None:
    """The entry point's guideline is among the bases of preparation (``spec["member"]``: its member)."""
    uri = f"{w.d.namespace}#{spec['member']}"
    aid = w.assertion(spec, f"contains(concat(' ', normalize-space(string($basis)), ' '), ' {uri} ')")
    w.variable(aid, "basis", [w.concepts(["BasisOfPreparation"])])


def _identifier(w: _Writer, spec: dict[str, Any]) -> None:
    aid = w.assertion(spec, "normalize-space(string($code)) eq $identifier")
    w.variable(aid, "code", [w.concepts(["EntityUnifiedSocialCreditCode"])])
    w.general(aid, "identifier", "string(xfi:fact-identifier-value($code))")


_BUILDERS = {"non-negative": _non_negative, "dimension-sum": _dimension_sum, "member-sum": _member_sum,
             "magnitude": _magnitude, "ccer-cap": _ccer_cap, "unit": _unit, "product-unit": _product_unit,
             "not-above": _not_above, "range-order": _range_order, "ratio": _ratio, "mandatory": _mandatory,
             "fiscal-year": _fiscal_year, "basis": _basis, "identifier": _identifier}
