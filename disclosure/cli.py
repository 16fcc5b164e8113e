"""The ``disclosure`` command line: a thin layer over the library (the only click user)."""

from __future__ import annotations

import atexit
import gc
import json
import sys
from pathlib import Path

import click

from disclosure import __version__
from disclosure.build import BuildOptions, build
from disclosure.catalogue import CATALOGUE, markdown
from disclosure.errors import DisclosureError
from disclosure.intake.loader import load
from disclosure.intake.starter import SECTORS as SECTOR_CHOICES
from disclosure.issues import EXIT_FAILED, EXIT_INVALID, ValidationReport
from disclosure.validate import validate

LANGS = click.Choice(["zh-CN", "en"])


def _print_report(report: ValidationReport, fmt: str, lang: str, strict: bool) -> None:
    if fmt == "json":
        click.echo(report.to_json(None, strict))
        return
    for issue in report.issues:
        click.echo(f"{issue.location}: {issue.level.value} [{issue.code}] {issue.message(lang)}")
        click.echo(f"    {'提示' if lang == 'zh-CN' else 'hint'}: {issue.hint(lang)}")
    errors, warnings = len(report.errors), len(report.warnings)
    if lang == "zh-CN":
        verdict = "通过" if report.exit_code(strict) == 0 else "未通过"
        click.echo(f"{report.stats.get('file')}: {verdict}（{errors} 个错误，{warnings} 个警告）")
    else:
        verdict = "valid" if report.exit_code(strict) == 0 else "invalid"
        click.echo(f"{report.stats.get('file')}: {verdict} ({errors} errors, {warnings} warnings)")


def _fail(err: DisclosureError, lang: str) -> None:
    message, hint = err.text(lang)
    click.echo(f"error [{err.code}] {message}", err=True)
    if hint:
        click.echo(f"    {'提示' if lang == 'zh-CN' else 'hint'}: {hint}", err=True)
    sys.exit(EXIT_FAILED)


ALLOW_OUTSIDE = click.option(
    "--allow-outside", "allow_outside", multiple=True, metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also read side tables from DIR (repeatable). By default only the filing's own folder is read.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="disclosure")
def main() -> None:
    """Chinese corporate GHG and climate disclosure: validate, compute, report.

    Exit codes: 0 valid / done, 1 invalid filing (or warnings with --strict), 2 usage error,
    3 could not run (output exists, I/O error).
    """
    # At exit, everything still alive is frozen: the interpreter's teardown collections would otherwise
    # rescan the whole heap (after a build: 0.8 s, a sixth of the command). Only the collector skips it;
    # objects are still released and files flushed and closed as usual.
    atexit.register(gc.freeze)


@main.command("validate")
@click.argument("filing", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "xlsx"]), default="text",
              help="text or json on stdout; xlsx writes the findings as a workbook (-o) with a link to each cell.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="With --format xlsx: the findings workbook to write (default findings.xlsx).")
@click.option("--strict", is_flag=True, help="Warnings also make the filing invalid.")
@click.option("--lang", type=LANGS, default="zh-CN", help="Language of the messages.")
@ALLOW_OUTSIDE
def validate_command(filing: Path, fmt: str, output: Path | None, strict: bool, lang: str,
                     allow_outside: tuple[Path, ...]) -> None:
    """Check FILING (filing.yaml or filing.xlsx, and its side tables) and list every finding."""
    report = validate(load(filing, allow_outside)).report
    if fmt == "xlsx":
        from disclosure.atomic import write_bytes
        from disclosure.findings_xlsx import findings_workbook

        target = output or Path("findings.xlsx")
        try:
            write_bytes(target, findings_workbook(report, target.parent))
        except OSError as err:
            _fail(DisclosureError("validate.write", f"cannot write {target}: {err.strerror or err}",
                                  "Check the folder exists and is writable."), lang)
        click.echo(f"{target}  ({len(report.errors)} errors, {len(report.warnings)} warnings)")
    else:
        _print_report(report, fmt, lang, strict)
    sys.exit(report.exit_code(strict))


@main.command("build")
@click.argument("filing", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Output folder (written atomically; what is there is checked by the build, exit 3 if refused).")
@click.option("--force", is_flag=True, help="Replace an output folder written by an earlier build (nothing else).")
@click.option("--strict", is_flag=True, help="Refuse to build when there are warnings.")
@click.option("--lang", type=LANGS, default="zh-CN", help="Report and message language.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--no-verify", is_flag=True, help="Skip the Arelle validation of the XBRL outputs.")
@click.option("--viewer", is_flag=True,
              help="Also write report-viewer.html, the interactive iXBRL viewer (ixbrlviewer.js beside it).")
@click.option("--ghg-unit", type=click.Choice(["t", "10kt"]), default="t", show_default=True,
              help="Show emissions in tonnes (吨) or 万吨 (10kt); the tagged values are the same.")
@click.option("--pdf", is_flag=True, help="Also write report.pdf (needs LibreOffice).")
@click.option("--draft", is_flag=True, help="A draft, not the publication build: factors without an official "
              "citation are marked 出处待补 instead of failing the build.")
@ALLOW_OUTSIDE
def build_command(filing: Path, output: Path, force: bool, strict: bool, lang: str, fmt: str,
                  no_verify: bool, viewer: bool, ghg_unit: str, pdf: bool, draft: bool,
                  allow_outside: tuple[Path, ...]) -> None:
    """Validate and compute FILING, then write the Word, XBRL and iXBRL reports, figures, trail and
    manifest to -o (exit 3, previous output unchanged, when the output cannot be written)."""
    options = BuildOptions(output=output, force=force, strict=strict, lang=lang, verify=not no_verify,
                           viewer=viewer, ghg_unit=ghg_unit, pdf=pdf, allow_outside=allow_outside,
                           draft=draft)
    try:
        result = build(filing, options)
    except DisclosureError as err:
        _fail(err, lang)
        return
    _print_report(result.report, fmt, lang, strict)
    for notice in result.notices:
        click.echo(f"note: {notice}", err=True)
    if result.output is None:
        sys.exit(result.report.exit_code(strict) or EXIT_FAILED)
    if fmt == "text":
        for name in result.written:
            click.echo(f"  {result.output / name}")


@main.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              help="Output on stdout: text, JSON, or CSV (one row a finding).")
@click.option("--report", "report_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write summary.csv, findings.csv and index.html to this folder.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Worker processes (default: the number of CPUs, at most 8).")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Reuse verdicts of filings already checked (same content, taxonomy and checker version).")
@click.option("--max-size", type=click.IntRange(1, 10_000), default=50, show_default=True,
              help="Largest document accepted, MB (archives: four times this, uncompressed).")
@click.option("--timeout", type=click.FloatRange(1, 3600), default=120, show_default=True,
              help="Seconds one filing may take.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when a terminal).")
@click.option("--lang", type=LANGS, default="zh-CN", help="Language of the text output.")
@click.option("--obligations", "obligations_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              default=None, help="CSV of uscc,fiscal_year,obligation (mandatory/voluntary): the regulator's list "
                                 "decides what each filing must disclose, not the filing's own flag.")
def check_command(paths: tuple[Path, ...], fmt: str, report_dir: Path | None, jobs: int | None,
                  cache_dir: Path | None, max_size: int, timeout: float, progress: bool | None, lang: str,
                  obligations_file: Path | None) -> None:
    """Validate submitted XBRL filings (report packages .xbri/.xbr, instances, Inline XBRL, xBRL-JSON,
    xBRL-CSV, zip archives, or folders of them) against the cn-ghg taxonomy, offline. Exit 0 when all are
    valid, 1 when some are not."""
    from disclosure.check import Limits, Options, discover, output, run
    from disclosure.check.batch import jobs_default

    files = discover(paths)
    if not files:
        raise click.UsageError("no XBRL filings found in the given paths")
    limits = Limits(max_document_bytes=max_size * 1024 * 1024, max_archive_bytes=4 * max_size * 1024 * 1024)
    obligations = None
    if obligations_file is not None:
        from disclosure.check.obligations import read_obligations

        try:
            obligations = read_obligations(obligations_file)
        except DisclosureError as err:
            raise click.UsageError(f"[{err.code}] {err.message}\n{err.hint}") from err
    options = Options(jobs=jobs or jobs_default(), limits=limits, cache=cache_dir, timeout=timeout, lang=lang,
                      obligations=obligations)
    show = sys.stderr.isatty() if progress is None else progress
    if show:
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("check", total=len(files))
            results = run(files, options, lambda _: bar.advance(task))
    else:
        results = run(files, options)
    if fmt == "json":
        click.echo(output.to_json(results), nl=False)
    elif fmt == "csv":
        click.echo(output.findings_csv(results), nl=False)
    else:
        click.echo(output.text(results, lang), nl=False)
    if report_dir is not None:
        for path in output.write_report(report_dir, results, lang):
            click.echo(f"  {path}", err=True)
    sys.exit(0 if all(r.valid for r in results) else 1)


@main.group("taxonomy")
def taxonomy_group() -> None:
    """The cn-ghg taxonomy package."""


@taxonomy_group.command("package")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the taxonomy package ZIP.")
def taxonomy_package_command(output: Path) -> None:
    """Write the taxonomy package a regulator loads into Arelle or any XBRL tool."""
    from disclosure.taxonomy import definition, write_package

    write_package(output)
    click.echo(f"{output}  ({definition().entry_point})")


@main.command("schema")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
def schema_command(output: Path | None) -> None:
    """Print (or write) the JSON Schema of filing.yaml."""
    from disclosure.schema import schema_text

    text = schema_text()
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


@main.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--sector", type=click.Choice(SECTOR_CHOICES), default="generic")
@click.option("--format", "fmt", type=click.Choice(["yaml", "xlsx"]), default="yaml",
              help="filing.yaml (commented YAML) or filing.xlsx (the workbook template).")
@click.option("--force", is_flag=True, help="Overwrite an existing filing.")
def init_command(directory: Path, sector: str, fmt: str, force: bool) -> None:
    """Write a starter filing for SECTOR into DIRECTORY (its placeholders fail validation until replaced)."""
    from disclosure.intake.starter import write_starter

    try:
        written = write_starter(directory, sector, force, fmt)
    except DisclosureError as err:
        _fail(err, "en")
        return
    for path in written:
        click.echo(str(path))


@main.command("convert")
@click.argument("filing", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="OUT.xlsx (the workbook) or OUT.yaml; the format follows the suffix.")
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists.")
@click.option("--lang", type=LANGS, default="zh-CN", help="Language of the messages.")
@ALLOW_OUTSIDE
def convert_command(filing: Path, output: Path, force: bool, lang: str, allow_outside: tuple[Path, ...]) -> None:
    """Convert FILING between filing.yaml and filing.xlsx without loss (side tables are carried into
    the workbook). A filing the schema refuses is not converted: its findings are listed (exit 1)."""
    from disclosure.atomic import write_bytes
    from disclosure.convert import convert

    if output.suffix.lower() not in (".xlsx", ".yaml", ".yml"):
        raise click.UsageError("-o must end in .xlsx, .yaml or .yml")
    if output.exists() and not force:
        _fail(DisclosureError("convert.exists", f"{output} already exists", "Use --force to overwrite."), lang)
    result = convert(filing, output, allow_outside)
    if result.content is None:
        _print_report(result.report, "text", lang, False)
        sys.exit(result.report.exit_code() or EXIT_INVALID)
    try:
        write_bytes(output, result.content)
    except OSError as err:
        _fail(DisclosureError("convert.write", f"cannot write {output}: {err.strerror or err}",
                              "Check the folder exists and is writable."), lang)
    click.echo(str(output))


@main.group("collect")
def collect_group() -> None:
    """Group data collection: one workbook per subsidiary out (plan), returned workbooks in (merge)."""


@collect_group.command("plan")
@click.argument("filing", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the workbooks (one per boundary entity) and collect.yaml.")
@click.option("--prior", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Last year's group filing: its figures fill each workbook's 上年数据 sheet and the "
                   "year-on-year check.")
@click.option("--threshold", type=click.FloatRange(0, 10_000), default=20, show_default=True,
              help="Year-on-year change (%) of a facility's Scope 1 or 2 the status table flags.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Worker processes (default: the number of CPUs, at most 8).")
@click.option("--force", is_flag=True, help="Overwrite workbooks already in the folder (returned ones too).")
@click.option("--lang", type=LANGS, default="zh-CN", help="Language of the messages.")
@ALLOW_OUTSIDE
def collect_plan_command(filing: Path, output: Path, prior: Path | None, threshold: float, jobs: int | None,
                         force: bool, lang: str, allow_outside: tuple[Path, ...]) -> None:
    """Write one workbook per entity of FILING's boundary (its facilities, sources and meters, twelve
    blank months, a 签字 sign-off sheet, last year's figures) and collect.yaml into -o."""
    from decimal import Decimal

    from disclosure.collect import plan

    try:
        result = plan(filing, output, prior, Decimal(str(threshold)), force, jobs or _jobs(), allow_outside)
    except DisclosureError as err:
        _fail(err, lang)
        return
    if not result.written:
        _print_report(result.report, "text", lang, False)
        sys.exit(result.report.exit_code() or EXIT_INVALID)
    for path in result.written:
        click.echo(str(path))


@collect_group.command("merge")
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write status.csv/.xlsx/.html, findings.xlsx and, when complete, the group's "
                   "filing.xlsx, figures.json and trail.json (default DIRECTORY/merged).")
@click.option("--threshold", type=click.FloatRange(0, 10_000), default=None,
              help="Override the plan's year-on-year threshold (%).")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Worker processes (default: the number of CPUs, at most 8).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--lang", type=LANGS, default="zh-CN", help="Language of the messages.")
def collect_merge_command(directory: Path, output: Path | None, threshold: float | None, jobs: int | None,
                          fmt: str, lang: str) -> None:
    """Validate each workbook returned into DIRECTORY on its own, merge the signed, valid ones into
    the group filing, and write the status table. Exit 0 only when every entity returned a valid,
    signed workbook and the group filing is valid."""
    from decimal import Decimal

    from disclosure.collect import merge, write_merged

    merged = merge(directory, jobs or _jobs(), None if threshold is None else Decimal(str(threshold)))
    _print_report(merged.report, fmt, lang, False)
    target = output or directory / "merged"
    try:
        written = write_merged(merged, target)
    except OSError as err:
        _fail(DisclosureError("collect.write", f"cannot write {target}: {err.strerror or err}",
                              "Check the folder exists and is writable."), lang)
        return
    if fmt == "text":
        for path in written:
            click.echo(f"  {path}")
    sys.exit(0 if merged.complete else EXIT_INVALID)


def _jobs() -> int:
    import os

    return max(1, min(8, os.cpu_count() or 1))


@main.command("codes")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown")
def codes_command(fmt: str) -> None:
    """List every finding code with its severity and meaning."""
    if fmt == "markdown":
        click.echo(markdown(), nl=False)
        return
    data = {c: {"severity": e.severity, "title": dict(e.title), "hint": dict(e.hint)}
            for c, e in sorted(CATALOGUE.items())}
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@main.command("factors")
@click.option("--kind", default=None, help="Only this kind, e.g. grid-electricity, fuel-ncv.")
def factors_command(kind: str | None) -> None:
    """List the factor library: id, value, unit, status, source."""
    from disclosure.factors import library

    for f in sorted(library().by_id.values(), key=lambda f: f.id):
        if kind is None or f.kind == kind:
            click.echo(f"{f.id}\t{f.value} {f.unit}\t{f.status}\t{f.source_text()}")


if __name__ == "__main__":  # pragma: no cover
    main()
