"""A worker-process memo of Arelle's XPath 2.0 parser for the taxonomy's formula expressions.

Every filing loads the same cn-ghg formula linkbase, and Arelle parses its XPath expressions again
each time (pyparsing; about a third of a filing's check). The parse of an expression depends only on
its text, the namespace bindings in scope and the kind of resource it sits on, so the worker keeps
the parsed program and gives each model a fresh copy of its header (which names the model's own
element, for messages). Only parses that raised no message are kept, so an expression with an error
is parsed, and reported, every time. Installed by ``disclosure check`` workers only; the verdicts are
compared with Arelle's own command line by benchmarks/bench_check.py and by the tests.
"""

from __future__ import annotations

from typing import Any

_installed = False
_MEMO: dict[tuple[Any, ...], list[Any]] = {}


def install() -> None:
    global _installed
    if _installed:
        return
    from arelle.formula import XPathParser

    original = XPathParser.parse

    def parse(modelObject: Any, xpathExpression: str | None, element: Any, name: str,
              traceType: int) -> Any:
        if not xpathExpression or element is None:
            return original(modelObject, xpathExpression, element, name, traceType)
        key = (xpathExpression, tuple(sorted((element.nsmap or {}).items(), key=lambda kv: kv[0] or "")),
               element.localName, name, traceType)
        program = _MEMO.get(key)
        if program is not None:
            header = XPathParser.ProgHeader(modelObject, name, element, program[0].sourceStr, traceType)
            return [header, *program[1:]]
        log = modelObject.modelXbrl.logCount if hasattr(modelObject.modelXbrl, "logCount") else None
        before = dict(log) if isinstance(log, dict) else None
        result = original(modelObject, xpathExpression, element, name, traceType)
        after = modelObject.modelXbrl.logCount if hasattr(modelObject.modelXbrl, "logCount") else None
        if result and isinstance(result[0], XPathParser.ProgHeader) and (before is None or after == before):
            _MEMO[key] = list(result)  # Arelle empties the list it was given when the model closes
        return result

    XPathParser.parse = parse
    _installed = True
