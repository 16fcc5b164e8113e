"""Build: validate, compute, render every output into a staging folder, then swap it in atomically
(``disclosure.outdir``: what may be replaced, the swap, recovery after a kill)."""

from __future__ import annotations

import gc
import hashlib
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from disclosure import __version__, outdir
from disclosure.gctune import bulk
from disclosure.intake.loader import Loaded, load
from disclosure.issues import ValidationReport
from disclosure.mee import render as _mee
from disclosure.output import figures_dict, to_json, trail_csv, trail_json
from disclosure.render import BuildOptions, Renderer, RenderInput, source_date, source_epoch
from disclosure.validate import validate


def _xbrl(ctx: RenderInput) -> dict[str, bytes]:
    from disclosure import xbrl  # Arelle and lxml load only when a build renders

    return xbrl.render(ctx)


def _word(ctx: RenderInput) -> dict[str, bytes]:
    from disclosure import word  # python-docx loads only when a build renders

    return word.render(ctx)


def _ets(ctx: RenderInput) -> dict[str, bytes]:
    from disclosure import ets  # each ETS-covered facility's annual emission report and supplementary tables

    return ets.render(ctx)


RENDERERS: list[Renderer] = [_word, _xbrl, _mee, _ets]
"""Report renderers (Word, XBRL, iXBRL) register here."""


@dataclass(frozen=True)
class BuildResult:
    report: ValidationReport
    written: list[str] = field(default_factory=list)
    output: Path | None = None
    notices: list[str] = field(default_factory=list)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build(filing_path: str | Path, options: BuildOptions) -> BuildResult:
    """Validate and compute ``filing_path``; on success write every output to ``options.output``.

    The output is refused before anything is computed if it must not be written (see
    ``disclosure.outdir``); outputs are written into a work folder beside it and swapped in atomically.
    Every file-system failure raises a ``build.*`` :class:`DisclosureError` and leaves the previous
    output as it was."""
    out = Path(os.path.abspath(options.output))
    outdir.recover(out)
    outdir.check_target(out, options.force)
    loaded = load(filing_path, options.allow_outside)
    outcome = validate(loaded)
    report = outcome.report
    event = outcome.event
    if report.exit_code(options.strict) or event is None and (outcome.filing is None or outcome.figures is None):
        return BuildResult(report)
    work = outdir.begin(out)
    notices: list[str] = []
    try:
        with rendering(work):
            if event is not None:  # a large event's carbon neutrality (disclosure.event)
                from disclosure.event.render import files as event_files

                files = {**event_files(event, source_epoch()), **_records(loaded, report, options)}
                files["manifest.json"] = _manifest(loaded, files)
            else:
                assert outcome.filing is not None and outcome.figures is not None
                ctx = RenderInput(outcome.filing, outcome.figures, loaded, options, notices)
                files = _render(ctx, loaded, report, options)
        outdir.commit(work, out, files, options.force)
    except OSError as err:
        raise outdir.output_error(err, out) from err
    finally:
        outdir.abandon(work)
    return BuildResult(report, sorted(files), out, notices)


@contextmanager
def rendering(work: outdir.Work) -> Iterator[None]:
    """The conditions of the render stage: temporary files in the work folder, and the garbage collector
    ignoring the filing, figures and trail already made (``gc.freeze``): Arelle and the writers make
    millions of short-lived objects, and each collection would otherwise rescan everything the build
    holds (a quadratic cost in facilities)."""
    _collect()  # garbage of earlier work must not be frozen
    with outdir.temporary_files_in(work.tmp), bulk():
        gc.freeze()
        try:
            yield
        finally:
            gc.unfreeze()
            _collect()  # what became garbage while frozen (Arelle releases the previous run's package now)


def _collect() -> None:
    """A full collection; Arelle 2.47 leaves taxonomy-package ZIP handles to the collector, and their
    ResourceWarnings are not the user's business (as in disclosure.xbrl.arelle)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


def _render(ctx: RenderInput, loaded: Loaded, report: ValidationReport, options: BuildOptions) -> dict[str, bytes]:
    """Every output file, in memory: figures, trail, reports, Arelle's exports, the manifest."""
    files: dict[str, bytes] = {
        "figures.json": to_json(figures_dict(ctx.figures)),
        "trail.json": trail_json(ctx.figures),
        "trail.csv": trail_csv(ctx.figures),
        "validation.json": report.to_json(strict=options.strict).encode("utf-8") + b"\n",
    }
    for renderer in RENDERERS:
        files.update(renderer(ctx))
    from disclosure.xbrl import finish  # Arelle: verification and the xBRL-JSON and viewer exports

    files.update(finish(files, validate=options.verify, viewer=options.viewer))
    files["manifest.json"] = _manifest(loaded, files)
    return files


def _records(loaded: Loaded, report: ValidationReport, options: BuildOptions) -> dict[str, bytes]:
    """The validation report of an event build (the manifest is added over every file)."""
    del loaded
    return {"validation.json": report.to_json(strict=options.strict).encode("utf-8") + b"\n"}


def _manifest(loaded: Loaded, files: dict[str, bytes]) -> bytes:
    inputs = [loaded.path, *loaded.side_files]
    return to_json({
        "tool": outdir.TOOL, "version": __version__, "build_time": source_date(),
        "inputs": [{"file": p.name, "sha256": loaded.hashes[p]} for p in inputs],
        "outputs": [{"file": n, "sha256": _sha256(b), "bytes": len(b)} for n, b in sorted(files.items())
                    if n != "manifest.json"],
    })


__all__ = ["RENDERERS", "BuildOptions", "BuildResult", "RenderInput", "Renderer", "build", "rendering",
           "source_date", "source_epoch"]
