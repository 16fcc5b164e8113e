"""XBRL outputs: the instance, the Inline XBRL report, the report packages a regulator receives
(``report.xbri``, ``report.xbr``), the taxonomy package beside them, and their self-verification with
Arelle (offline), which reads the report packages themselves."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from disclosure.errors import DisclosureError
from disclosure.taxonomy import definition, package_bytes
from disclosure.xbrl import sameness
from disclosure.xbrl.arelle import VIEWER_SCRIPT, Message, failing, load, usual_collection, viewer_script
from disclosure.xbrl.facts import Fact, facts
from disclosure.xbrl.inline import inline
from disclosure.xbrl.instance import instance
from disclosure.xbrl.reportpackage import folder, report_package

if TYPE_CHECKING:
    from disclosure.render import RenderInput

INSTANCE = "report.xbrl"
INLINE = "report.html"
JSON = "report.json"
"""xBRL-JSON (OIM) of the instance, for data pipelines."""
VIEWER = "report-viewer.html"
"""The iXBRL report with the ixbrl-viewer embedded; needs ``ixbrlviewer.js`` beside it."""
INLINE_PACKAGE = "report.xbri"
"""The Inline XBRL report as an XBRL Report Package 1.0: what is submitted."""
INSTANCE_PACKAGE = "report.xbr"
"""The XBRL instance as a report package."""
PACKAGED = {INLINE_PACKAGE: INLINE, INSTANCE_PACKAGE: INSTANCE}


def package_name() -> str:
    return f"{definition().folder}.zip"


def render(ctx: RenderInput) -> dict[str, bytes]:
    """The instance, the Inline XBRL report (the Word report's blocks, tagged) and the taxonomy package
    they use."""
    from disclosure.word import blocks  # the report's text: python-docx loads here
    from disclosure.xbrl.sections import from_report

    lang = ctx.options.lang
    printed = blocks(ctx)[0]
    found = from_report(facts(ctx.filing, ctx.figures, lang, ctx.options.ghg_unit), printed, lang)
    out = {INSTANCE: instance(ctx.filing, found, lang), INLINE: inline(ctx.filing, found, lang, printed),
           package_name(): package_bytes()}
    top = folder(ctx.filing)
    for name, document in PACKAGED.items():
        out[name] = report_package(top, document, out[document])
    return out


def verify(files: dict[str, bytes]) -> list[Message]:
    """Validate the instance and the iXBRL report with Arelle offline; return the failing messages."""
    return check(files)[0]


def check(files: dict[str, bytes], *, validate: bool = True,
          viewer: bool = False) -> tuple[list[Message], dict[str, bytes]]:
    """One Arelle load of each report (from its report package when there is one, so the package is
    checked too), and the exports made from the loaded models: xBRL-JSON from the instance and, if asked,
    the viewer from the iXBRL report.

    With ``validate``, the Inline XBRL report is validated in full (XBRL 2.1, Inline XBRL, dimensions,
    units, Calculations 1.1, the taxonomy's formulas, duplicate facts). The instance, when the report is
    there too, is loaded (its elements checked against the taxonomy's XML Schemas) but not validated
    again: it must hold the report's facts exactly, and its contexts, units and DTS references must be the
    report's (:mod:`disclosure.xbrl.sameness`), so what the report's validation proved holds for it too,
    and nothing is run twice (a validation of the instance cost as much as loading it). An instance
    alone is validated in full.

    Returns the failing messages (each pointing to its document) and the exported files."""
    return combine(files, [check_document(files, d, validate=validate, viewer=viewer) for d in (INLINE, INSTANCE)],
                   viewer=viewer)


@dataclass(frozen=True)
class Checked:
    """What Arelle made of one document: failing messages, exports, and its facts when they are compared."""

    problems: list[Message]
    exported: dict[str, bytes]
    facts: sameness.Facts | None = None


def check_document(files: dict[str, bytes], document: str, *, validate: bool = True,
                   viewer: bool = False) -> Checked:
    """:func:`check` for one of the two documents (``INLINE`` or ``INSTANCE``)."""
    wanted = {INSTANCE: ("json",), INLINE: ("viewer",) if viewer else ()}[document]
    name = _present(files, document)
    if name is None or not (validate or wanted):
        return Checked([], {})
    both = all(_present(files, d) for d in (INSTANCE, INLINE))
    names = {"json": JSON, "viewer": VIEWER}
    with tempfile.TemporaryDirectory(prefix="disclosure-verify-") as tmp, usual_collection():
        work = Path(tmp)
        package = work / package_name()
        package.write_bytes(files.get(package_name()) or package_bytes())
        path = work / name
        path.write_bytes(files[name])
        vouched = both and document == INSTANCE  # by the report: loaded, compared, not validated again
        reader = sameness.read_instance if vouched else sameness.read
        outcome = load(path, [package], validate=validate and not vouched, exports=wanted,
                       inspect=reader if validate and both else None, skip=_linkbases() if vouched else None)
    return Checked([Message(m.level, m.code, m.text, name, m.line, m.concept) for m in failing(outcome.messages)],
                   {names[kind]: data for kind, data in outcome.exports.items()}, outcome.inspected)


def _linkbases() -> str:
    """The taxonomy's linkbases (labels, references, presentation, definitions, calculations, formulas), which
    loading an instance that is not validated does not need: its schemas are what check its elements
    and what its facts and xBRL-JSON are read with."""
    return f"{definition().base_url}*.xml"


def combine(files: dict[str, bytes], checked: list[Checked], *,
            viewer: bool = False) -> tuple[list[Message], dict[str, bytes]]:
    """The two documents' :class:`Checked` (report first, instance second) as :func:`check` returns them,
    the comparison of their facts included."""
    problems = [p for c in checked for p in c.problems]
    exported = {name: data for c in checked for name, data in c.exported.items()}
    report, instance_facts = checked[0].facts, checked[1].facts
    if report is not None and instance_facts is not None:
        name = _present(files, INSTANCE) or INSTANCE
        problems += _differences(instance_facts, report, name, _present(files, INLINE) or INLINE)
        problems += [Message("ERROR", code, text, name, line)
                     for code, text, line in sameness.unvouched(instance_facts, report)]
    if viewer and VIEWER in exported:
        exported[VIEWER_SCRIPT] = viewer_script()
    return problems, exported


def _present(files: dict[str, bytes], document: str) -> str | None:
    """The file ``document`` is read from: its report package when there is one, else itself."""
    packaged = next((p for p, d in PACKAGED.items() if d == document and p in files), None)
    name = packaged or document
    return name if name in files else None


MAX_DIFFERENCES = 20


def _differences(instance: sameness.Facts, inline_facts: sameness.Facts, name: str,
                 report_name: str) -> list[Message]:
    """A failing message for each fact the instance and the Inline XBRL report do not share."""
    found = sameness.differences(instance, inline_facts)
    messages = [Message("ERROR", "disclosure:instanceDiffersFromInline",
                        f"{side}: {sameness.describe(key)}", name if side == "instance only" else report_name,
                        line) for side, key, line in found[:MAX_DIFFERENCES]]
    if len(found) > MAX_DIFFERENCES:
        messages.append(Message("ERROR", "disclosure:instanceDiffersFromInline",
                                f"… and {len(found) - MAX_DIFFERENCES} more fact(s) differ", name))
    return messages


def finish(files: dict[str, bytes], *, validate: bool = True, viewer: bool = False) -> dict[str, bytes]:
    """The Arelle-made outputs for ``files``; raises build.xbrl-invalid, listing Arelle's messages, when
    ``validate`` is on and anything is not clean."""
    problems, exported = check(files, validate=validate, viewer=viewer)
    return conclude(files, problems, exported, viewer=viewer)


def conclude(files: dict[str, bytes], problems: list[Message], exported: dict[str, bytes], *,
             viewer: bool = False) -> dict[str, bytes]:
    """:func:`finish`'s verdict on what :func:`check` returned."""
    if problems:
        listing = "\n".join(f"  {p.href}:{p.line or '-'} {p.level} {p.code}: {p.text}" for p in problems[:50])
        raise DisclosureError(
            "build.xbrl-invalid", f"Arelle found {len(problems)} problem(s) in the XBRL outputs:\n{listing}",
            "Nothing was written. This is a defect of disclosure, not of your filing: please report it "
            "with the filing; --no-verify writes the outputs anyway.")
    missing = [name for name, ok in ((JSON, INSTANCE in files), (VIEWER, viewer and INLINE in files))
               if ok and name not in exported]
    if missing:
        raise DisclosureError("build.export-failed", f"Arelle could not export {', '.join(missing)}",
                              "Run without --no-verify to see Arelle's messages about the XBRL outputs.")
    return exported


__all__ = ["Fact", "Message", "check", "facts", "finish", "inline", "instance", "render", "verify"]
