"""The ETS channel: for every ETS-covered facility, the annual emission report of its sector guideline
(``ets-<facility>.docx``) and the guideline's supplementary data tables (``ets-<facility>-supplementary.xlsx``),
from the same filing and the same computed figures as the disclosure (``disclosure.ets.data``)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from disclosure.render import RenderInput


def names(facility: str) -> tuple[str, str]:
    """The two output files of one facility."""
    return f"ets-{facility}.docx", f"ets-{facility}-supplementary.xlsx"


def render(ctx: RenderInput) -> dict[str, bytes]:
    """The report and workbook of each covered facility; nothing when no facility is covered."""
    from disclosure.ets.data import covered

    reports = covered(ctx.filing, ctx.figures)
    if not reports:
        return {}  # openpyxl and the writers are not even imported
    from disclosure.ets.document import blocks
    from disclosure.render import source_epoch
    from disclosure.word import reference_bytes, timestamp
    from disclosure.word.document import Meta, write

    with without_numpy():
        from disclosure.ets.workbook import workbook

    out: dict[str, bytes] = {}
    stamp = timestamp(ctx.filing, source_epoch())
    company = ctx.filing.entity.name.get("zh-CN")
    for report in reports:
        title = f"{company} {report.facility.name.get('zh-CN')} {report.year}年度温室气体排放报告"
        meta = Meta(title=title, author=company, subject=title, keywords="全国碳排放权交易市场; 年度排放报告",
                    language="zh-CN", header=title, footer="第 {PAGE} 页", timestamp=stamp, category=str(report.year))
        docx, xlsx = names(report.facility.id)
        out[docx] = write(blocks(report), meta, reference_bytes())
        out[xlsx] = workbook(report, stamp)
    return out


@contextmanager
def without_numpy() -> Iterator[None]:
    """openpyxl, when first imported in the block, without numpy: openpyxl imports numpy if it is installed
    only to accept numpy numbers in cells (a tenth of a second of a build's time); the workbook writes
    strings and Decimals. numpy imports normally again after the block."""
    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        yield
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # Python's marker: an import raises ImportError
    try:
        yield
    finally:
        if sys.modules.get("numpy", 0) is None:
            del sys.modules["numpy"]


__all__ = ["names", "render", "without_numpy"]
