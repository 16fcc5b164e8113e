"""The Word report: the annual GHG disclosure report as .docx (zh-CN or en), from the templates in
``templates/report/`` on the styled reference document, numbers identical to the XBRL facts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from disclosure.resources import templates
from disclosure.word import content, markup
from disclosure.word.document import Block, Image, Meta, Table, write
from disclosure.xbrl.facts import facts

if TYPE_CHECKING:
    from disclosure.build import RenderInput
    from disclosure.model import Filing

DOCX = "report.docx"


def reference_bytes() -> bytes:
    return templates().joinpath("report", "reference.docx").read_bytes()


def timestamp(filing: Filing, source_date_epoch: int | None) -> datetime:
    """The document's fixed time: SOURCE_DATE_EPOCH when set, else the publication (or board approval,
    or period end) date at midnight UTC, so the same inputs give the same bytes."""
    if source_date_epoch is not None:
        return datetime.fromtimestamp(source_date_epoch, tz=UTC)
    r = filing.report
    day = r.publication_date or r.board_approval_date or r.period_end
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def blocks(ctx: RenderInput) -> tuple[list[Block], list[str]]:
    """The report as blocks, and notices for the user (e.g. a missing CJK font)."""
    lang = ctx.options.lang
    texts = markup.texts(lang)
    found = facts(ctx.filing, ctx.figures, lang, ctx.options.ghg_unit)
    built = content.build(ctx.filing, ctx.figures, found, lang, texts, ctx.options.ghg_unit)

    def table(name: str) -> Table | None:
        return built.tables.get(name)

    def chart(name: str) -> Image | None:
        return built.images.get(name)

    parsed = markup.parse(markup.render(lang, built.context), {"table": table, "chart": chart})
    return _with_toc_entries(parsed), built.notices


def _with_toc_entries(parsed: list[Block]) -> list[Block]:
    from disclosure.word.document import Heading, Toc

    entries = tuple((b.level, b.text) for b in parsed if isinstance(b, Heading) and b.level <= 2)
    return [Toc(b.title, entries) if isinstance(b, Toc) else b for b in parsed]


def render(ctx: RenderInput) -> dict[str, bytes]:
    from disclosure.build import source_epoch

    parsed, notices = blocks(ctx)
    ctx.notices.extend(notices)
    f = ctx.filing
    lang = ctx.options.lang
    title = f.report.title.get(lang)
    company = f.entity.name.get(lang)
    meta = Meta(
        title=title, author=company, subject=title, language=lang,
        keywords="温室气体; 气候; 可持续发展报告; cn-ghg" if lang == "zh-CN"
        else "GHG; climate; sustainability; cn-ghg",
        header=title if company in title else f"{company}  {title}",
        footer="第 {PAGE} 页" if lang == "zh-CN" else "Page {PAGE}",
        timestamp=timestamp(f, source_epoch()), category=str(f.report.fiscal_year))
    return {DOCX: write(parsed, meta, reference_bytes())}


__all__ = ["DOCX", "blocks", "reference_bytes", "render", "timestamp"]
