"""Worker-process memos of work Arelle repeats identically for every filing of a batch.

Each filing is checked in a fresh Arelle session against the same taxonomy, so a worker keeps what
depends only on that taxonomy and on Arelle's own resources:

- the XPath 2.0 parses of the formula linkbase's expressions (pyparsing; about a third of a check).
  A parse depends only on the expression, the namespace bindings in scope and the kind of resource it
  sits on; each model gets a fresh header naming its own element, for messages. Only parses that
  logged nothing are kept, so an expression with an error is parsed, and reported, every time;
- the Unit Type Registry table (utr.xml read and indexed for every validation);
- the compiled XML Schema of XHTML + Inline XBRL that every iXBRL document is validated against;
- whether a concept's type derives from one of a set of types (e.g. the twelve enumeration types
  Arelle asks about for every concept of the DTS): answered in one walk of the type hierarchy and kept
  on the concept, where Arelle walks it once per type of the set. A per-concept memo (the concept
  belongs to one model): nothing is carried from one filing to the next.

Installed by ``disclosure check`` workers only (``install()``). The findings with and without the
memos are compared by the tests, and 500 verdicts with Arelle's own command line by
benchmarks/bench_check.py.
"""

from __future__ import annotations

from typing import Any

_installed = False
_XPATH: dict[tuple[Any, ...], list[Any]] = {}
_UTR: dict[tuple[Any, ...], Any] = {}
_SCHEMAS: dict[str, Any] = {}


def install() -> None:
    global _installed
    if _installed:
        return
    _xpath()
    _utr()
    _xhtml_schema()
    _type_sets()
    _installed = True


def _errors(model: Any) -> int:
    counts = getattr(model, "logCount", None)
    return sum(counts.values()) if isinstance(counts, dict) else 0


def _xpath() -> None:
    from arelle.formula import XPathParser

    original = XPathParser.parse

    def parse(modelObject: Any, xpathExpression: str | None, element: Any, name: str, traceType: int) -> Any:
        if not xpathExpression or element is None:
            return original(modelObject, xpathExpression, element, name, traceType)
        key = (xpathExpression, tuple(sorted((element.nsmap or {}).items(), key=lambda kv: kv[0] or "")),
               element.localName, name, traceType)
        program = _XPATH.get(key)
        if program is not None:
            header = XPathParser.ProgHeader(modelObject, name, element, program[0].sourceStr, traceType)
            return [header, *program[1:]]
        before = _errors(modelObject.modelXbrl)
        result = original(modelObject, xpathExpression, element, name, traceType)
        if result and isinstance(result[0], XPathParser.ProgHeader) and _errors(modelObject.modelXbrl) == before:
            _XPATH[key] = list(result)  # Arelle empties the list it was given when the model closes
        return result

    XPathParser.parse = parse


def _utr() -> None:
    from arelle import ValidateUtr

    original = ValidateUtr.loadUtr

    def load(modelXbrl: Any, statusFilters: list[str] | None = None) -> None:
        system = modelXbrl.modelManager.disclosureSystem
        key = (tuple(system.utrUrl or ()), tuple(statusFilters or ()), system.utrStatusFilters)
        if key in _UTR:
            system.utrItemTypeEntries = _UTR[key]
            return
        before = _errors(modelXbrl)
        original(modelXbrl, statusFilters)
        if _errors(modelXbrl) == before:
            _UTR[key] = system.utrItemTypeEntries

    ValidateUtr.loadUtr = load


class _SchemaCachingEtree:
    """lxml.etree as XmlValidate sees it, except that XMLSchema() of a schema file it has compiled
    before returns that compiled schema (lxml XMLSchema objects are immutable once built)."""

    def __init__(self, etree: Any) -> None:
        self._etree = etree

    def __getattr__(self, name: str) -> Any:
        return getattr(self._etree, name)

    def XMLSchema(self, tree: Any = None, **kwargs: Any) -> Any:  # noqa: N802 - lxml's name
        url = getattr(getattr(tree, "docinfo", None), "URL", None)
        if not url or kwargs:
            return self._etree.XMLSchema(tree, **kwargs)
        if url not in _SCHEMAS:
            _SCHEMAS[url] = self._etree.XMLSchema(tree)
        return _SCHEMAS[url]


def _xhtml_schema() -> None:
    from arelle import XmlValidate

    XmlValidate.etree = _SchemaCachingEtree(XmlValidate.etree)


def instance_of_types(concept: Any, types: frozenset[Any]) -> bool:
    """Whether ``concept``'s type is, derives from or substitutes for one of ``types``: Arelle's
    ``ModelConcept.instanceOfType`` answer, in one walk, memoised on the concept under the frozenset.

    Arelle answers a collection as ``any(self.instanceOfType(qn) for qn in types)``: a walk of the type
    derivation chain and substitution group per member, each memoised under that member only. Its own
    ``_instanceOfTypeUncached`` accepts a collection (same tests, ``in`` for ``==``)."""
    cache = concept._instanceOfTypeCache
    try:
        return bool(cache[types])
    except KeyError:
        result = cache[types] = bool(concept._instanceOfTypeUncached(types))
        return result


def _type_sets() -> None:
    """ModelConcept.instanceOfType of a frozenset through ``instance_of_types``; lists, sets (not hashable)
    and single QNames go to Arelle's method unchanged."""
    from arelle.ModelDtsObject import ModelConcept

    original = ModelConcept.instanceOfType

    def instance_of_type(self: Any, typeqname: Any) -> bool:
        if isinstance(typeqname, frozenset):
            return instance_of_types(self, typeqname)
        return bool(original(self, typeqname))

    ModelConcept.instanceOfType = instance_of_type
