"""The report templates: Jinja2 (StrictUndefined) rendering a small line markup into blocks.

Markup, one construct per line (blank lines separate paragraphs):

    # Heading 1 / ## Heading 2 / ### Heading 3
    - bullet item
    ::title TEXT | ::subtitle TEXT | ::cover TEXT   (cover page lines)
    ::toc TITLE       the table of contents field
    ::table NAME      a table built from the figures (see content.py)
    ::chart NAME      a chart image
    ::pagebreak
    text              paragraph text; consecutive lines join; **bold** spans

Templates live in ``templates/report/<lang>/`` (report.md.j2 and texts.yaml) and ship in the package.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import jinja2
import yaml

from disclosure.errors import DisclosureError
from disclosure.resources import templates
from disclosure.word.document import Block, Bullets, Heading, PageBreak, Para, Toc
from disclosure.word.figures import Shown, joined

if TYPE_CHECKING:
    from disclosure.xbrl.facts import Fact

Directive = Callable[[str], Block | None]


def environment(figures: list[Fact] | None = None) -> jinja2.Environment:
    """The one Jinja environment of the Word report: undefined names are errors, no autoescape
    (the output is our markup, not HTML), templates read from the installed package.

    With ``figures``, a figure the template prints (:class:`Shown`, a fact as displayed) is marked in the
    output and its fact appended to ``figures``, so :func:`parse` gives the paragraph the facts it prints
    (:class:`ShownParts`) and the Inline XBRL report tags them there."""
    def finalize(value: Any) -> Any:
        if figures is not None and isinstance(value, Shown):
            figures.append(value.fact)
            return f"{MARK_OPEN}{len(figures) - 1}{MARK_MID}{value}{MARK_CLOSE}"
        return _one_line(value)

    return jinja2.Environment(loader=jinja2.FunctionLoader(_source), undefined=jinja2.StrictUndefined,
                              autoescape=False, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                              finalize=finalize)


MARK_OPEN, MARK_MID, MARK_CLOSE = "\ue000", "\ue001", "\ue002"
"""Private-use characters around a printed figure in the rendered markup: OPEN index MID text CLOSE."""
MARKED = re.compile(f"{MARK_OPEN}(\\d+){MARK_MID}(.*?){MARK_CLOSE}", re.S)


class Rendered(str):
    """The rendered markup and the facts of the figures marked in it."""

    figures: list[Fact]


def unmark(text: str, figures: list[Fact]) -> str:
    """``text`` without figure marks; a text that printed figures keeps their facts (:class:`ShownParts`)."""
    if MARK_OPEN not in text:
        return text
    pieces: list[str] = []
    pos = 0
    for m in MARKED.finditer(text):
        pieces.append(text[pos:m.start()])
        shown = Shown(m.group(2), figures[int(m.group(1))])
        pieces.append(shown)
        pos = m.end()
    pieces.append(text[pos:])
    return joined(*pieces)


def _one_line(value: Any) -> Any:
    """What a template prints is text, never markup: a line break inside a value (a filing's narrative)
    cannot start a heading, a bullet or a ``::`` directive (which forged report structure, or failed the
    build after validate had passed)."""
    return " ".join(value.splitlines()) if isinstance(value, str) else value


def _source(name: str) -> str:
    return templates().joinpath("report", *name.split("/")).read_text(encoding="utf-8")


def texts(lang: str) -> dict[str, Any]:
    """The fixed texts of a language (section titles, column headers, glossary): texts.yaml."""
    data: dict[str, Any] = yaml.load(_source(f"{lang}/texts.yaml"), Loader=yaml.CSafeLoader)
    return data


def render(lang: str, context: Mapping[str, Any]) -> str:
    """The report's markup (a :class:`Rendered`: the figures it prints are marked, see :func:`environment`)."""
    name = f"{lang}/report.md.j2"
    figures: list[Fact] = []
    try:
        out = Rendered(environment(figures).get_template(name).render(**context))
        out.figures = figures
        return out
    except jinja2.UndefinedError as err:
        raise DisclosureError("build.template", f"template {name}: {err.message}",
                              "The report template uses a name the report does not provide; "
                              "check the template against templates/report/template.yaml.") from err
    except jinja2.TemplateError as err:
        raise DisclosureError("build.template", f"template {name}: {err}",
                              "Fix the template syntax.") from err


def parse(text: str, directives: Mapping[str, Directive]) -> list[Block]:
    """Blocks from rendered markup; ``directives`` build the ``::name ARG`` blocks."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    bullets: list[str] = []
    figures: list[Fact] = getattr(text, "figures", [])

    def flush() -> None:
        if paragraph:
            blocks.append(Para(unmark(_join(paragraph), figures)))
            paragraph.clear()
        if bullets:
            blocks.append(Bullets(tuple(unmark(b, figures) for b in bullets)))
            bullets.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#"):
            flush()
            level = len(line) - len(line.lstrip("#"))
            blocks.append(Heading(level, MARKED.sub(r"\2", line[level:]).strip()))
        elif line.startswith("- "):
            if paragraph:
                flush()
            bullets.append(line[2:].strip())
        elif line.startswith("::"):
            flush()
            name, _, arg = MARKED.sub(r"\2", line[2:]).partition(" ")
            block = _directive(name, arg.strip(), directives)
            if block is not None:
                blocks.append(block)
        else:
            if bullets:
                flush()
            paragraph.append(line)
    flush()
    return blocks


def _cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80


def _join(lines: list[str]) -> str:
    """Lines of one paragraph: Chinese joins without a space, English (and mixed Latin ends) with one."""
    text = lines[0]
    for line in lines[1:]:
        text += ("" if _cjk(text[-1]) or _cjk(line[0]) else " ") + line
    return text


def _directive(name: str, arg: str, directives: Mapping[str, Directive]) -> Block | None:
    if name == "pagebreak":
        return PageBreak()
    if name in ("title", "subtitle", "cover"):
        return Para(arg, {"title": "Title", "subtitle": "Subtitle", "cover": "Cover Line"}[name])
    if name == "toc":
        return Toc(arg)
    if name not in directives:
        raise DisclosureError("build.template", f"unknown template directive ::{name}",
                              f"Use one of: ::{', ::'.join(sorted([*directives, 'pagebreak', 'title', 'toc']))}.")
    return directives[name](arg)
