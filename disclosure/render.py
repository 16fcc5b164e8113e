"""The render contract: what every renderer (Word, XBRL/iXBRL, the MEE document) receives, and the fixed
build time that keeps their outputs reproducible. Renderers import this module, never their caller
(``disclosure.build``), so the pipeline has no import circles: build → renderers → render."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from disclosure.compute.results import Figures
from disclosure.errors import DisclosureError
from disclosure.intake.loader import Loaded
from disclosure.model import Filing


@dataclass(frozen=True)
class BuildOptions:
    """Everything a build can vary; built by the CLI, varied in tests with ``replace``."""

    output: Path
    force: bool = False
    strict: bool = False
    lang: str = "zh-CN"
    verify: bool = True
    """Validate the XBRL and iXBRL outputs with Arelle (offline) before writing anything."""
    viewer: bool = False
    """Also write the interactive ixbrl-viewer page and its script."""
    ghg_unit: str = "t"
    """Display unit of emissions in the reports: "t" (吨) or "10kt" (万吨); tagged values are the same."""
    pdf: bool = False
    """Also convert the Word report to PDF with LibreOffice (headless)."""
    allow_outside: tuple[Path, ...] = ()
    """Folders outside the filing's own from which side tables may be read (``--allow-outside``)."""
    draft: bool = False
    """A draft (``--draft``), not the publication build: a factor without an official citation is
    printed as 出处待补 / source to be cited and the report is marked as a draft, instead of failing
    the build (``build.citation-unknown``)."""


@dataclass(frozen=True)
class RenderInput:
    """What a renderer receives."""

    filing: Filing
    figures: Figures
    loaded: Loaded
    options: BuildOptions
    notices: list[str] = field(default_factory=list)
    """Things the user should know about the outputs (e.g. a missing font), printed by the CLI."""


Renderer = Callable[[RenderInput], dict[str, bytes]]
"""A renderer returns ``{file name: content}``; it never writes."""


def source_epoch() -> int | None:
    """SOURCE_DATE_EPOCH (seconds since 1970) when set, so outputs stay reproducible; None when unset."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        return int(epoch)
    except ValueError as err:
        raise DisclosureError("build.source-date", f"SOURCE_DATE_EPOCH={epoch!r} is not an integer",
                              "Unset it or give seconds since 1970.") from err


def source_date() -> str | None:
    """The build time from SOURCE_DATE_EPOCH as ISO 8601; None when unset."""
    epoch = source_epoch()
    return None if epoch is None else datetime.fromtimestamp(epoch, tz=UTC).isoformat()


__all__ = ["BuildOptions", "RenderInput", "Renderer", "source_date", "source_epoch"]
