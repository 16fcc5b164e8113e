"""The MEE channel document: the carbon section of the annual environmental information disclosure report
(企业环境信息依法披露), as its own Word document ``mee-carbon.docx``, from the same filing and figures.

Per key emitting facility of the national ETS: the actual emissions of the year and of the prior year,
allowance surrender, the emitting facilities (sources) and the accounting method — the carbon items the
MEE format standard asks of key emitters (read in secondary sources; see docs/checklist.md, MEE-01..05).
The document is in Chinese (the MEE system's language), due by 15 March; uploading it is the filer's.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from disclosure.ets.templating import numbered
from disclosure.ets.templating import render as render_template
from disclosure.vocabulary import label as vocab
from disclosure.word.document import Block, Meta, Table, write
from disclosure.word.figures import DASH, number

if TYPE_CHECKING:
    from disclosure.compute.results import FacilityResult
    from disclosure.render import RenderInput

DOCX = "mee-carbon.docx"


def wanted(ctx: RenderInput) -> bool:
    """Written when a facility is an ETS key emitter, or the filing asks for it (``mee.report``)."""
    f = ctx.filing
    if f.mee is not None and not f.mee.report:
        return False
    return f.mee is not None or any(x.ets.covered for x in f.facilities)


def render(ctx: RenderInput) -> dict[str, bytes]:
    if not wanted(ctx):
        return {}
    from disclosure.render import source_epoch
    from disclosure.word import reference_bytes

    f = ctx.filing
    year = f.report.fiscal_year
    company = f.entity.name.get("zh-CN")
    title = f"{company}{year}年度环境信息依法披露报告（碳排放信息）"
    epoch = source_epoch()
    day = f.report.publication_date or f.report.period_end
    stamp = datetime.fromtimestamp(epoch, tz=UTC) if epoch is not None else datetime(
        day.year, day.month, day.day, tzinfo=UTC)
    meta = Meta(title=title, author=company, subject=title, keywords="企业环境信息依法披露; 碳排放信息",
                language="zh-CN", header=title, footer="第 {PAGE} 页", timestamp=stamp, category=str(year))
    return {DOCX: write(blocks(ctx), meta, reference_bytes())}


def _facility_rows(ctx: RenderInput) -> list[tuple[FacilityResult, str, str]]:
    """The ETS key emitting facilities; every facility when none is covered (a document on request)."""
    names = {x.id: x for x in ctx.filing.facilities}
    covered = any(x.ets.covered for x in ctx.filing.facilities)
    return [(r, names[r.id].name.get("zh-CN"), names[r.id].ets.registration or DASH)
            for r in ctx.figures.facilities if names[r.id].ets.covered or not covered]


class CarbonContext(TypedDict):
    """What templates/mee/zh-CN/carbon.md.j2 may use (templates/mee/template.yaml lists the same keys)."""

    title: str
    uscc: str
    year: int
    due_year: int
    no_prior_year: str
    surrender_due: bool
    rectifications: list[dict[str, str]]
    standard: str


def context(ctx: RenderInput) -> CarbonContext:
    f = ctx.filing
    year = f.report.fiscal_year
    rows = _facility_rows(ctx)
    prior = {(p.facility, p.year) for p in (f.mee.prior_year if f.mee else [])}
    compliance = f.carbon_market.compliance if f.carbon_market else []
    names = {r.id: n for r, n, _ in rows}
    return CarbonContext(
        title=f"{f.entity.name.get('zh-CN')}{year}年度环境信息依法披露报告（碳排放信息）", uscc=f.entity.uscc,
        year=year, due_year=year + 1,
        no_prior_year="、".join(name for r, name, _ in rows if (r.id, year - 1) not in prior),
        surrender_due=bool(compliance),
        rectifications=[{"facility": names.get(c.facility, c.facility), "text": c.rectification.get("zh-CN")}
                        for c in compliance if c.rectification is not None],
        standard=f.report.ghg_standard.get("zh-CN"))


def blocks(ctx: RenderInput) -> list[Block]:
    """The document as blocks (headings, paragraphs, tables)."""
    rows = _facility_rows(ctx)
    tables = {"emissions": _emissions(ctx, rows), "surrender": _surrender(ctx, rows), "sources": _sources(ctx, rows)}
    return numbered(render_template("mee", "carbon", "zh-CN", context(ctx), tables))


Rows = list[tuple["FacilityResult", str, str]]


def _emissions(ctx: RenderInput, rows: Rows) -> Table:
    f = ctx.filing
    year = f.report.fiscal_year
    prior = {(p.facility, p.year): p for p in (f.mee.prior_year if f.mee else [])}
    table = []
    for r, name, reg in rows:
        p = prior.get((r.id, year - 1))
        ets2 = r.scope2_ets
        table.append((name, reg, number(r.scope1, 0), DASH if ets2 is None else number(ets2, 0),
                      number(r.scope1 + (ets2 or Decimal(0)), 0), DASH if p is None else number(p.emissions, 0),
                      DASH if p is None else ("核查值" if p.verified else "报告值")))
    return Table(
        "表1 重点排放单位年度碳实际排放量（吨二氧化碳当量）",
        ("设施", "登记编号", f"{year}年直接排放", f"{year}年外购电力热力间接排放（碳市场口径）", f"{year}年合计",
         f"{year - 1}年实际排放量", f"{year - 1}年数据类型"), tuple(table), frozenset({2, 3, 4, 5}))


def _surrender(ctx: RenderInput, rows: Rows) -> Table | None:
    compliance = ctx.filing.carbon_market.compliance if ctx.filing.carbon_market else []
    if not compliance:
        return None
    names = {r.id: n for r, n, _ in rows}
    return Table(
        "表2 配额清缴情况", ("设施", "履约年度", "应清缴量", "清缴配额", "使用CCER", "是否按期完成"),
        tuple((names.get(c.facility, c.facility), str(c.compliance_year), number(c.obligation, 0),
               number(c.surrendered_allowances, 0), number(c.ccer_surrendered, 0),
               "是" if c.surrender_completed else "否") for c in compliance), frozenset({2, 3, 4}))


PROCESSES = {"cement-clinker": "熟料煅烧", "aluminium-anode": "电解铝阳极消耗", "aluminium-pfc": "阳极效应全氟化碳排放",
             "direct": "其他直接排放"}
"""Process source types as the report names them."""


def _sources(ctx: RenderInput, rows: Rows) -> Table:
    from disclosure.factors import library

    fuels = library().fuels
    by_id = {x.id: x for x in ctx.filing.facilities}
    table: list[tuple[str, ...]] = []
    for r, name, _ in rows:
        fac = by_id[r.id]
        table += [(name, c.name.get("zh-CN") if c.name else fuels[c.fuel].zh if c.fuel in fuels else c.fuel,
                   vocab("source-type", "mobile-combustion" if c.mobile else "stationary-combustion", "zh-CN"),
                   fuels[c.fuel].zh if c.fuel in fuels else c.fuel) for c in fac.combustion]
        table += [(name, PROCESSES.get(p.type, p.type), vocab("source-type", "process", "zh-CN"),
                   PROCESSES.get(p.type, p.type) + (f"（{p.gas}）" if p.type == "direct" else ""))
                  for p in fac.process]
    return Table("表3 排放设施（排放源）", ("设施", "排放源", "类型", "燃料或工艺"), tuple(table))
