"""Exceptions meaning "could not run" (bad data is reported as findings, never raised)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class DisclosureError(Exception):
    """Root of the errors the library raises on purpose.

    Carries a stable code so the CLI can print a coded message instead of a traceback. When the code
    is in the catalogue (``build.*``), ``context`` fills its zh-CN and en message and hint; ``message``
    and ``hint`` are the English fallback.
    """

    def __init__(self, code: str, message: str, hint: str = "", context: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint
        self.context: dict[str, Any] = {"detail": message, **(context or {})}

    def text(self, lang: str) -> tuple[str, str]:
        """(message, hint) in ``lang``, from the catalogue when the code is catalogued."""
        from disclosure.catalogue import CATALOGUE, render_message

        if self.code not in CATALOGUE:
            return self.message, self.hint
        return (render_message(self.code, "message", lang, self.context),
                render_message(self.code, "hint", lang, self.context))


class OutputExistsError(DisclosureError):
    """The output directory exists and overwriting was not requested."""


class OutputError(DisclosureError):
    """The output could not be written (read-only, full, not a folder, not ours, no permission...);
    the previous output is unchanged."""
