"""The Word report: the annual GHG disclosure report as .docx (zh-CN or en), from the templates in
``templates/report/`` on the styled reference document, numbers identical to the XBRL facts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from disclosure.resources import templates
from disclosure.word import citations, content, markup, paging
from disclosure.word.context import context
from disclosure.word.document import Block, Heading, Image, Meta, Table, Toc, typeset, write
from disclosure.word.pdf import heading_pages, page_fills, page_lines, page_texts, to_pdf
from disclosure.xbrl.facts import facts

if TYPE_CHECKING:
    from disclosure.model import Filing
    from disclosure.render import RenderInput

DOCX = "report.docx"
PDF = "report.pdf"


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


_LAST: list[tuple[RenderInput, tuple[list[Block], list[str]]]] = []


def blocks(ctx: RenderInput) -> tuple[list[Block], list[str]]:
    """The report as blocks, and notices for the user (e.g. a missing CJK font). Made once per build:
    the Word report and the Inline XBRL report (disclosure.xbrl) render the same blocks."""
    if _LAST and _LAST[0][0] is ctx:
        return _LAST[0][1]
    made = _blocks(ctx)
    _LAST[:] = [(ctx, made)]
    return made


def _blocks(ctx: RenderInput) -> tuple[list[Block], list[str]]:
    lang = ctx.options.lang
    texts = markup.texts(lang)
    found = facts(ctx.filing, ctx.figures, lang, ctx.options.ghg_unit)
    built = content.build(ctx.filing, ctx.figures, found, lang, texts, ctx.options.ghg_unit, ctx.options.draft)

    def table(name: str) -> Table | None:
        return built.tables.get(name)

    def chart(name: str) -> Image | None:
        return built.images.get(name)

    parsed = markup.parse(markup.render(lang, context(built.builder)), {"table": table, "chart": chart})
    marked = paging.bookmarked(numbered(parsed, lang), built.builder.t)
    return _with_toc_entries([typeset(b, lang) for b in marked]), built.notices


def numbered(parsed: list[Block], lang: str) -> list[Block]:
    """Tables and figures numbered by chapter in the order they appear (表5-1, 表5-2 …; appendices
    A, B, C), so the numbers run without gaps whichever tables a filing has."""
    out: list[Block] = []
    chapter, appendix, tables, figures = "0", 0, 0, 0
    chapters = 0
    for b in parsed:
        if isinstance(b, Heading) and b.level == 1:
            if b.text.startswith(("附录", "Appendix")):
                appendix += 1
                chapter = "ABCDEFGH"[appendix - 1]
            else:
                chapters += 1
                chapter = str(chapters)
            tables = figures = 0
        elif isinstance(b, Table):
            tables += 1
            b = replace(b, caption=f"表{chapter}-{tables} {b.caption}" if lang == "zh-CN"
                        else f"Table {chapter}-{tables} {b.caption}")
        elif isinstance(b, Image):
            figures += 1
            b = replace(b, caption=f"图{chapter}-{figures} {b.caption}" if lang == "zh-CN"
                        else f"Figure {chapter}-{figures} {b.caption}")
        out.append(b)
    return out


def _with_toc_entries(parsed: list[Block]) -> list[Block]:
    entries = tuple((b.level, b.text) for b in parsed if isinstance(b, Heading) and b.level <= 2)
    return [Toc(b.title, entries) if isinstance(b, Toc) else b for b in parsed]


def render(ctx: RenderInput) -> dict[str, bytes]:
    from disclosure.render import source_epoch

    citations.check(ctx.filing, list(ctx.figures.factors_used.values()), ctx.options.draft)
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
        header=_header(company, title, f.report.fiscal_year, lang),
        footer="第 {PAGE} 页" if lang == "zh-CN" else "Page {PAGE}",
        timestamp=timestamp(f, source_epoch()), category=str(f.report.fiscal_year))
    docx = write(parsed, meta, reference_bytes())
    if not ctx.options.pdf:
        return {DOCX: docx}
    pdf = to_pdf(docx)
    paginated = _paginate(parsed, pdf)
    if paginated is None:
        ctx.notices.append("The PDF's table of contents has no page numbers (pdftotext from poppler-utils "
                           "is needed to find them); Word fills them in when it opens report.docx.")
        return {DOCX: docx, PDF: pdf}
    docx = write(paginated, meta, reference_bytes())
    pdf = to_pdf(docx)
    # Where the held tails moved a heading elsewhere than foreseen, the numbers as the PDF has them.
    corrected = _repaginate(paginated, pdf)
    if corrected is not None:
        docx = write(corrected, meta, reference_bytes())
        pdf = to_pdf(docx)
    return {DOCX: docx, PDF: pdf}


def _header(company: str, title: str, year: int, lang: str) -> str:
    """Company and period on every page: the title when it names both, else what it lacks added."""
    parts = [title] if company in title else [company, title]
    if str(year) not in title:
        parts.append(f"{year}年度" if lang == "zh-CN" else f"FY{year}")
    return "  ".join(parts)


def _paginate(parsed: list[Block], pdf: bytes) -> list[Block] | None:
    """The blocks with the table of contents' page numbers, read off a first LibreOffice rendering, and
    the last paragraphs of a chapter held together where they left its last page almost empty."""
    pages = page_texts(pdf)
    toc = next((b for b in parsed if isinstance(b, Toc)), None)
    lines = page_lines(pdf) if toc is not None else None
    if pages is None or toc is None or lines is None:
        return None
    # Headings start after the contents pages: the first entry's heading is the first match past them.
    numbers = heading_pages(lines, [text for _, text in toc.entries], _contents_page(lines, toc) + 1)
    if numbers is None:
        return None
    kept, numbers = paging.held(parsed, pages, numbers, page_fills(pdf))
    return paging.with_pages(kept, numbers)


def _repaginate(paginated: list[Block], pdf: bytes) -> list[Block] | None:
    """The blocks with the contents' and the index's page numbers as ``pdf`` has the headings, when they
    differ from those written; None when they are right (or cannot be read)."""
    toc = next((b for b in paginated if isinstance(b, Toc)), None)
    lines = page_lines(pdf) if toc is not None else None
    if lines is None or toc is None:
        return None
    numbers = heading_pages(lines, [text for _, text in toc.entries], _contents_page(lines, toc) + 1)
    if numbers is None or tuple(numbers) == toc.pages:
        return None
    return paging.with_pages(paginated, numbers)


def _contents_page(lines: list[list[tuple[str, float]]], toc: Toc) -> int:
    """The (1-based) page with the contents' title; 1 when it is not found."""
    title = "".join(toc.title.split())
    return next((i + 1 for i, page in enumerate(lines) if any(title in text for text, _ in page)), 1)


__all__ = ["DOCX", "PDF", "blocks", "reference_bytes", "render", "timestamp"]
