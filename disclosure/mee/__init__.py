"""The MEE channel (企业环境信息依法披露): ``mee-carbon.docx``, the carbon section of the annual environmental
information disclosure report, rendered from the same filing (see ``disclosure.mee.document``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from disclosure.render import RenderInput


def render(ctx: RenderInput) -> dict[str, bytes]:
    """The MEE document for ETS key emitters (or when the filing asks for it); nothing otherwise."""
    from disclosure.mee import document  # python-docx loads only when a build renders

    return document.render(ctx)


__all__ = ["render"]
