"""XBRL outputs: the instance, the Inline XBRL report, the taxonomy package beside them, and their
self-verification with Arelle (offline)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from disclosure.errors import DisclosureError
from disclosure.taxonomy import definition, package_bytes
from disclosure.xbrl.arelle import Message, failing, run
from disclosure.xbrl.facts import Fact, facts
from disclosure.xbrl.inline import inline
from disclosure.xbrl.instance import instance

if TYPE_CHECKING:
    from disclosure.build import RenderInput

INSTANCE = "report.xbrl"
INLINE = "report.html"


def package_name() -> str:
    return f"{definition().folder}.zip"


def render(ctx: RenderInput) -> dict[str, bytes]:
    """The instance, the Inline XBRL report and the taxonomy package they use."""
    lang = ctx.options.lang
    found = facts(ctx.filing, ctx.figures, lang)
    return {INSTANCE: instance(ctx.filing, found, lang), INLINE: inline(ctx.filing, found, lang),
            package_name(): package_bytes()}


def verify(files: dict[str, bytes]) -> list[Message]:
    """Validate the instance and the iXBRL report with Arelle offline; return the failing messages."""
    problems: list[Message] = []
    with tempfile.TemporaryDirectory(prefix="disclosure-verify-") as tmp:
        folder = Path(tmp)
        package = folder / package_name()
        package.write_bytes(files.get(package_name()) or package_bytes())
        for name in (INSTANCE, INLINE):
            if name not in files:
                continue
            path = folder / name
            path.write_bytes(files[name])
            problems += [Message(m.level, m.code, m.text, name, m.line, m.concept)
                         for m in failing(run(path, [package]))]
    return problems


def verify_or_raise(files: dict[str, bytes]) -> None:
    problems = verify(files)
    if problems:
        listing = "\n".join(f"  {p.href}:{p.line or '-'} {p.level} {p.code}: {p.text}" for p in problems[:50])
        raise DisclosureError(
            "build.xbrl-invalid", f"Arelle found {len(problems)} problem(s) in the XBRL outputs:\n{listing}",
            "Nothing was written. This is a defect of disclosure, not of your filing: please report it "
            "with the filing; --no-verify writes the outputs anyway.")


__all__ = ["Fact", "Message", "facts", "instance", "inline", "render", "verify", "verify_or_raise"]
