"""The templates of the carbon-market documents: the ETS facility report (``templates/ets/``), the event's
carbon-neutrality report and statement (``templates/event/``) and the MEE carbon section (``templates/mee/``).

Each folder holds ``template.yaml`` (the documents, their languages, the context keys and the tables each
template may name) and ``<lang>/<document>.md.j2``: Jinja2 with StrictUndefined rendering the line markup of
the Word report (disclosure/word/markup.py: headings, paragraphs, bullets, ``::title``, ``::table NAME``).
The prose lives in the templates; tables are built from the figures in Python and placed by name. A
template naming a value or table its document does not provide is a coded build error, never a silent gap.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from typing import Any

import jinja2
import yaml

from disclosure.errors import DisclosureError
from disclosure.resources import templates
from disclosure.word import markup
from disclosure.word.document import Block, Table

FOLDERS = ("ets", "event", "mee")


def _one_line(value: Any) -> Any:
    """A value prints as text, never markup: a line break in a filing's narrative cannot start a heading,
    a bullet or a ``::`` directive."""
    return " ".join(value.splitlines()) if isinstance(value, str) else value


def _read(folder: str, name: str) -> str:
    if folder not in FOLDERS:
        raise ValueError(f"unknown template folder {folder!r}")
    return templates().joinpath(folder, *name.split("/")).read_text(encoding="utf-8")


@cache
def environment(folder: str) -> jinja2.Environment:
    """The Jinja environment of one template folder, configured as the Word report's."""
    return jinja2.Environment(loader=jinja2.FunctionLoader(lambda name: _read(folder, name)),
                              undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True,
                              trim_blocks=True, lstrip_blocks=True, finalize=_one_line)


@cache
def manifest(folder: str) -> dict[str, Any]:
    """``template.yaml``: ``documents: {name: {context: [...], tables: [...]}}`` and ``languages``."""
    data: dict[str, Any] = yaml.load(_read(folder, "template.yaml"), Loader=yaml.CSafeLoader)
    return data


@cache
def texts(folder: str, lang: str) -> dict[str, Any]:
    """The fixed words of a folder in one language (labels, column headers): ``<lang>/texts.yaml``."""
    data: dict[str, Any] = yaml.load(_read(folder, f"{lang}/texts.yaml"), Loader=yaml.CSafeLoader)
    return data


def render(folder: str, document: str, lang: str, context: Mapping[str, Any],
           tables: Mapping[str, Block | None]) -> list[Block]:
    """The blocks of ``<folder>/<lang>/<document>.md.j2`` rendered with ``context``; ``::table NAME`` places
    ``tables[NAME]`` (nothing where it is ``None``: the table does not apply to this document)."""
    name = f"{lang}/{document}.md.j2"
    where = f"templates/{folder}/{name}"
    try:
        text = environment(folder).get_template(name).render(**context)
    except jinja2.UndefinedError as err:
        raise DisclosureError("build.template", f"template {where}: {err.message}",
                              f"The template uses a name the document does not provide; check it against "
                              f"templates/{folder}/template.yaml.") from err
    except jinja2.TemplateError as err:
        raise DisclosureError("build.template", f"template {where}: {err}", "Fix the template syntax.") from err

    def table(arg: str) -> Block | None:
        if arg not in tables:
            raise DisclosureError("build.template", f"template {where}: no table {arg!r}",
                                  f"Use one of: {', '.join(sorted(tables))}.")
        return tables[arg]

    return markup.parse(text, {"table": table})


def numbered(blocks: list[Block]) -> list[Block]:
    """Chinese tables (``表N …``) numbered in order of appearance: a table that does not apply (no
    substitutions, no surrender due) leaves no gap. A document whose text refers to a table by number keeps
    those tables before the first optional one, so their numbers do not change."""
    out: list[Block] = []
    n = 0
    for b in blocks:
        if isinstance(b, Table) and b.caption.startswith("表") and " " in b.caption:
            n += 1
            b = replace(b, caption=f"表{n} {b.caption.split(' ', 1)[1]}")
        out.append(b)
    return out
