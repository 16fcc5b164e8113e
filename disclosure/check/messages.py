"""Arelle's messages as findings: our assertion ids with zh-CN and en texts, Arelle's own codes with a
zh-CN lead-in naming the rule set, every text readable (no Python object dumps)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from disclosure.check.findings import ERROR, WARNING, Finding
from disclosure.taxonomy import definition

ERRORS = frozenset({"arelle:duplicateFacts"})
"""Arelle warnings that make a disclosure invalid: two different values for the same figure."""
FAMILIES = (("calc11e:", "计算关系不一致（Calculations 1.1）："), ("xbrl.", "不符合 XBRL 2.1 规范："),
            ("xbrldte:", "维度分类标准错误："), ("xbrldie:", "维度实例错误（该要素不能以此维度报告）："),
            ("utre:", "单位不符合单位类型注册表："), ("enum2ie:", "枚举值错误（Extensible Enumerations 2.0）："),
            ("xbrlje:", "xBRL-JSON 错误："), ("xbrlce:", "xBRL-CSV 错误："), ("ix", "Inline XBRL 错误："),
            ("oime:", "开放信息模型错误："), ("rpe:", "报告包错误（Report Packages 1.0）："),
            ("err:", "公式计算无法完成（事实值无效）："), ("xmlSchema", "不符合 XML Schema："),
            ("arelle:", "Arelle："), ("message:", "公式断言："))
_OBJECT = re.compile(r"model\w*\[[^\]]*\]\(")
_ADDRESS = re.compile(r"<[\w.]+ object at 0x[0-9a-f]+>")


def from_arelle(raw: dict[str, Any]) -> Finding:
    level = str(raw.get("levelname", ""))
    code = str(raw.get("messageCode", ""))
    text = readable(str(raw.get("msg", "")))
    severity = ERROR if code in ERRORS or level != "WARNING" else WARNING
    concept = context = period = ""
    line: int | None = None
    refs = [r for r in raw.get("refs") or [] if not str(r.get("href", "")).startswith(definition().meta["published"])]
    # The filing's objects (not the taxonomy's formula resource); the first in the document, so the
    # finding does not depend on the order Arelle bound a sequence in.
    for ref in sorted(refs, key=lambda r: _int(r.get("sourceLine")) or 0):
        line = _int(ref.get("sourceLine"))
        for prop in ref.get("properties") or []:
            if prop[0] == "QName":
                concept = str(prop[1])
            elif prop[0] == "contextRef":
                context = str(prop[1])
                period = _period(prop[2] if len(prop) > 2 else [])
        break
    assertion = code.removeprefix("message:")
    if assertion in templates():
        zh, en = both_languages(assertion, text)
        return Finding(assertion, severity, zh, en, concept, context, period, line)
    return Finding(code, severity, f"{family(code)}{text}", text, concept, context, period, line)


def readable(text: str) -> str:
    """Arelle's text with the Python reprs of model objects it sometimes interpolates (e.g. a formula
    error on a fact whose value failed its transformation) replaced by what they name: concept, line and
    value."""
    out, pos = [], 0
    for found in _OBJECT.finditer(text):
        if found.start() < pos:
            continue
        end = _closing(text, found.end() - 1)
        if end is None:
            break
        out += [text[pos:found.start()], _describe(text[found.end():end])]
        pos = end + 1
    out.append(text[pos:])
    return re.sub(r"\s*\n\s*", " ", _ADDRESS.sub("", "".join(out))).strip()


def _closing(text: str, start: int) -> int | None:
    depth = 0
    quote = ""
    for i in range(start, len(text)):
        ch = text[i]
        if quote:
            if ch == quote and text[i - 1] != "\\":
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
    return None


def _describe(props: str) -> str:
    def get(name: str) -> str:
        found = re.search(rf"\('{re.escape(name)}', (?:'((?:[^'\\]|\\.)*)'|([^,()']*))\)", props)
        return (found.group(1) if found.group(1) is not None else found.group(2)) if found else ""

    qname = get("QName") or get("name") or "?"
    parts = [f"line {get('line')}" if get("line") else "", f"value {get('html value') or get('value')!r}"
             if get("html value") or get("value") else ""]
    detail = ", ".join(p for p in parts if p)
    return f"{qname} ({detail})" if detail else qname


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int) or (isinstance(value, str) and value.isdigit()) else None


def _period(parts: list[Any]) -> str:
    values = {p[0]: p[1] for p in parts if isinstance(p, tuple | list) and len(p) >= 2}
    if "startDate" in values and "endDate" in values:
        return f"{values['startDate']}/{values['endDate']}"
    return str(values.get("instant", ""))


def family(code: str) -> str:
    """A zh-CN lead-in naming the rule set a message of Arelle's comes from (its text is in English)."""
    return next((zh for prefix, zh in FAMILIES if code.startswith(prefix)), "XBRL 校验：")


@cache
def templates() -> dict[str, dict[str, str]]:
    """Assertion id → language → message, as the formula linkbase holds them."""
    from disclosure.taxonomy.formula import message_templates

    return message_templates(definition())


def both_languages(assertion: str, text: str) -> tuple[str, str]:
    """Arelle evaluates an assertion's message in one language; the other is filled with the same values
    by matching the evaluated text against the template it came from."""
    texts = templates()[assertion]
    for lang, template in texts.items():
        values = _match(template, text)
        if values is None:
            continue
        other = "en" if lang == "zh-CN" else "zh-CN"
        filled = _fill(texts[other], values)
        return (text, filled) if lang == "zh-CN" else (filled, text)
    return text, text


def _fill(template: str, values: dict[str, str]) -> str:
    return re.sub(r"\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def _match(template: str, text: str) -> dict[str, str] | None:
    parts = re.split(r"(\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})", template)
    pattern = "".join(f"(?P<g{i}>.*?)" if p.startswith("{") else re.escape(p) for i, p in enumerate(parts))
    found = re.fullmatch(pattern, text, re.S)
    if found is None:
        return None
    return {p[1:-1]: found.group(f"g{i}") for i, p in enumerate(parts) if p.startswith("{")}
