"""Chinese punctuation as printed: the half-width marks a preparer types into Chinese text become the
full-width ones Chinese typesetting uses (，。；：？！（）“”), and a title in ``<<…>>`` becomes 《…》.

A mark changes only where it touches Chinese text: a comma, colon or full stop between digits
(1,234; 10:30; 0.5), inside a code (GB/T 32151.34—2024, CEC-QH-2026-0412) or in Latin text (Scope 1,
Scope 2) stays as it is. Parentheses change as a pair, when their content is Chinese or they open
after Chinese text: 东海电厂(2×660MW) → 东海电厂（2×660MW）, but a paragraph reference such as
IFRS S2 29(a)(iv) and (tCO2e) in English stay. Applied to every text of a
zh-CN report when it is written (:func:`disclosure.word.document.write`); idempotent.
"""

from __future__ import annotations

import re

CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e"
_CJK = f"[{CJK}]"
MARKS = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}

_AFTER_CJK = re.compile(rf"(?<={_CJK})([,;:?!]) *")
"""A mark right after a Chinese character (the spaces a typist leaves after it go too)."""
_BEFORE_CJK = re.compile(rf"(?<![0-9]) *([,;:?!]) *(?={_CJK})")
"""A mark right before a Chinese character, unless it follows a digit (a number's separator)."""
_STOP = re.compile(rf"(?<={_CJK})\.(?=$|\s|{_CJK})")
_PARENS = re.compile(r"\(([^()]*)\)")
_TITLE = re.compile(r"(?:<<|＜＜|〈〈)([^<>＜＞〈〉]+)(?:>>|＞＞|〉〉)")
_QUOTES = re.compile(rf'"([^"]*{_CJK}[^"]*)"')
_HAS_CJK = re.compile(_CJK)


def normalise(text: str) -> str:
    """``text`` with Chinese punctuation where it touches Chinese (see the module docstring)."""
    if not _HAS_CJK.search(text):
        return text
    text = _TITLE.sub(r"《\1》", text)
    text = _QUOTES.sub(r"“\1”", text)
    text = _PARENS.sub(_parens, text)
    text = _AFTER_CJK.sub(lambda m: MARKS[m.group(1)], text)
    text = _BEFORE_CJK.sub(lambda m: MARKS[m.group(1)], text)
    return _STOP.sub("。", text)


def _parens(m: re.Match[str]) -> str:
    before = m.string[m.start() - 1] if m.start() else ""
    if _HAS_CJK.search(m.group(1)) or _HAS_CJK.match(before):
        return f"（{m.group(1).strip()}）"
    return m.group(0)


DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100}
PARTS = {"条": "Art.", "章": "Ch.", "节": "Sec.", "款": "para.", "项": "item"}
_NUM = r"(?:[零〇一二两三四五六七八九十百]+|[0-9]+)"
_CLAUSE = re.compile(rf"第 ?({_NUM}(?:、{_NUM})*) ?([条章节款项])")
PLURAL = {"Art.": "Arts.", "Ch.": "Chs.", "Sec.": "Secs.", "para.": "paras.", "item": "items"}


def chinese_number(text: str) -> int:
    """A Chinese numeral up to the hundreds as an int: 二十四 → 24, 十 → 10, 一百零五 → 105."""
    total, digit = 0, 0
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        else:
            total += (digit or 1) * UNITS[ch]
            digit = 0
    return total + digit


def english_clauses(text: str) -> str:
    """Article, chapter and item numbers of Chinese rules as an English reader cites them:
    第二十四条 → Art. 24, 第一章 → Ch. 1, 第3项 → item 3 (the index of an en report); the guides'
    section titles and the checklist's notes in English (五、报告名称和发布方式 → V. Report title and
    publication, 准则披露要求11 → Disclosure Requirement 11, （一）→ (1))."""
    def one(m: re.Match[str]) -> str:
        values = [str(int(n) if n.isdigit() else chinese_number(n)) for n in m.group(1).split("、")]
        part = PARTS[m.group(2)]
        return f"{PLURAL[part] if len(values) > 1 else part} {', '.join(values)}"

    text = _CLAUSE.sub(one, text)
    if not _HAS_CJK.search(text):
        return text
    text = _NUMBERED.sub(lambda m: f"{NUMBERED[m.group(1)]} {m.group(2)}", text)
    text = _NOTES.sub(lambda m: f" ({NOTES[m.group(1)]})", text)
    text = _SECTIONS.sub(lambda m: SECTIONS[m.group(0)], text)
    text = _ROMAN.sub(lambda m: f"{ROMAN[chinese_number(m.group(1)) - 1]}. ", text)
    text = _ITEM.sub(lambda m: f" ({chinese_number(m.group(1))}) ", text)
    if _HAS_CJK.search(text.replace("（", "").replace("）", "").replace("；", "").replace("、", "")):
        return text  # Chinese left (a name without a translation): its punctuation stays Chinese
    for zh, en in (("（", " ("), ("）", ") "), ("；", "; "), ("、", ", ")):
        text = text.replace(zh, en)
    text = re.sub(r" +", " ", text)
    return re.sub(r"\( ", "(", re.sub(r" ([),;])", r"\1", text)).strip()


NUMBERED = {"准则披露要求": "Disclosure Requirement", "披露要点": "Key Point", "表": "Table", "注": "Note"}
_NUMBERED = re.compile(r"(准则披露要求|披露要点|表|注) ?([0-9]+)")
SECTIONS = {
    # Titles of the guides' chapters and sections and the checklist's notes, as an en index cites them.
    "报告名称和发布方式": "Report title and publication", "报告期间": "Reporting period", "报告范围": "Reporting scope",
    "审议程序": "Review and approval", "其他相关要求": "Other requirements", "报告披露": "Report disclosure",
    "议题重要性分析步骤": "Steps of the materiality analysis", "设定目标": "Setting targets",
    "对标索引表示例": "example index", "总则": "General provisions", "治理": "Governance", "战略": "Strategy",
    "风险和机遇管理": "Risk and opportunity management", "指标和目标": "Metrics and targets",
    "综合能耗核算方法": "Calculating comprehensive energy consumption",
    "能源利用相关风险和机遇评估": "Assessing energy-related risks and opportunities",
    "参数来源或依据": "parameter sources", "通知": "Notice", "格式准则": "Format Standard",
    "管理办法": "Administrative Measures", "附件 参考指标体系": "Annex: reference indicator system",
}
NOTES = {
    "全覆盖要求": "full coverage", "鼓励情景分析": "scenario analysis encouraged", "鼓励": "encouraged",
    "减排目标": "reduction targets", "资金投入": "investment", "价值链": "value chain",
    "双重重要性": "double materiality", "第三方鉴证": "third-party assurance",
    "当期财务影响": "current financial effects", "预期财务影响": "anticipated financial effects",
    "气候相关影响": "climate-related impacts", "气候韧性": "climate resilience",
    "跨行业指标": "cross-industry metrics", "温室气体排放核算依据": "basis of GHG accounting",
    "行业指标": "industry metrics",
    "阶段性目标": "interim targets", "低碳产品": "low-carbon products", "指标选取": "choice of metrics",
    "步骤四": "step 4",
}
"""The checklist's notes in brackets after an article (第二十二条（鼓励情景分析）)."""
_WHOLE = "|".join(re.escape(k) for k in sorted(SECTIONS, key=len, reverse=True))
_SECTIONS = re.compile(f"(?<![\u4e00-\u9fff])(?:{_WHOLE})(?![\u4e00-\u9fff])")
"""A title only as a whole (治理 in 第二章 治理, never in 公司治理报告)."""
_NOTES = re.compile("（(" + "|".join(re.escape(k) for k in sorted(NOTES, key=len, reverse=True)) + ")）")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_ROMAN = re.compile(r"(?<![0-9A-Za-z])([一二三四五六七八九十]{1,2})、 ?")
_ITEM = re.compile(r" ?（([一二三四五六七八九十]{1,2})）")


__all__ = ["chinese_number", "english_clauses", "normalise"]
