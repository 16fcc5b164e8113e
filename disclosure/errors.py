"""Exceptions meaning "could not run" (bad data is reported as findings, never raised)."""

from __future__ import annotations


class DisclosureError(Exception):
    """Root of the errors the library raises on purpose.

    Carries a stable code so the CLI can print a coded message instead of a traceback.
    """

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


class OutputExistsError(DisclosureError):
    """The output directory exists and overwriting was not requested."""
