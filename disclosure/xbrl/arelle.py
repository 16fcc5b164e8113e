"""Arelle, offline, as a validator: one Session per run, messages as data, validity from levels.

Arelle is imported lazily (about a second) and never allowed online: ``workOffline`` is set on
every run and in the environment, and its user configuration and cache live in a throw-away folder.
"""

from __future__ import annotations

import gc
import io
import json
import os
import tempfile
import warnings
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FAILING = frozenset({"ERROR", "INCONSISTENCY", "ERROR-SEMANTIC", "ASSERTION-NOT-SATISFIED", "CRITICAL"})
"""Message levels that make a filing invalid. Arelle's return value is not used: it is True even then."""


@dataclass(frozen=True)
class Message:
    """One Arelle message: level, code, text and where it points."""

    level: str
    code: str
    text: str
    href: str = ""
    line: int | None = None
    concept: str = ""

    @property
    def failing(self) -> bool:
        return self.level in FAILING

    def __str__(self) -> str:
        where = f" ({Path(self.href.split('#')[0]).name}:{self.line})" if self.href and self.line else ""
        return f"{self.level} {self.code}{where}: {self.text}"


@contextmanager
def _session(entry: Path, packages: list[Path], collect: bool = True, home: Path | None = None,
             **options: Any) -> Iterator[Any]:
    """An Arelle Session that has run ``entry`` offline, in a throw-away user folder; models kept open."""
    os.environ["ARELLE_WORK_OFFLINE"] = "true"
    from arelle.api.Session import Session
    from arelle.RuntimeOptions import RuntimeOptions

    # Arelle 2.47 leaves the package ZIP's file handle to the garbage collector; collect it here,
    # with its ResourceWarning silenced, rather than at some random later point. A caller that keeps
    # objects frozen (the build, ``gc.freeze``) unfreezes and collects them itself, with the warnings
    # silenced: for it, what exists before the session is frozen too, so the collection looks at the
    # session's objects only (else it would scan the whole report again: 0.1-0.2 s a session); a
    # handle Arelle drops only in a later session is then among the frozen, collected by the caller.
    keep_frozen = collect and gc.get_freeze_count() > 0
    if keep_frozen:
        gc.freeze()
    with _home(home) as folder, warnings.catch_warnings(), plain_parsing(), parsed_once():
        warnings.simplefilter("ignore", ResourceWarning)
        runtime = RuntimeOptions(
            entrypointFile=str(entry), packages=[str(p) for p in packages], workOffline=True,
            internetConnectivity="offline", xdgConfigHome=folder, cacheDirectory=str(Path(folder) / "cache"),
            disablePersistentConfig=True, keepOpen=True, **options)
        try:
            with Session() as session:
                session.run(runtime)
                yield session
        finally:
            if collect:  # batch workers skip it: 40-60 ms a filing, and their warnings are not shown
                gc.collect()


_MEMO = ("_packratEnabled", "_left_recursion_enabled", "_parse", "packrat_cache", "recursion_memos")


@contextmanager
def plain_parsing() -> Iterator[None]:
    """pyparsing without packrat memoization for the duration of the block, as Arelle expects it.

    Packrat is a process-wide switch of pyparsing, and matplotlib's mathtext turns it on when imported:
    Arelle's XPath 2.0 grammar then parses the taxonomy's formulas about twice as slowly (a build that drew
    its charts with matplotlib spent half its verification time there). The caller's setting is put back."""
    from pyparsing import ParserElement

    saved = {name: ParserElement.__dict__[name] for name in _MEMO if name in ParserElement.__dict__}
    ParserElement.disable_memoization()
    try:
        yield
    finally:
        ParserElement.reset_cache()
        for name, value in saved.items():
            setattr(ParserElement, name, value)


@contextmanager
def parsed_once() -> Iterator[None]:
    """Arelle's XPath 2.0 parser memoized for the duration of the block: each distinct expression of the
    taxonomy's formulas is parsed once (the sample's 381 parses are of 70 expressions; parsing was about
    half of the Inline XBRL report's validation time).

    A parse depends on the expression, the namespaces in scope at its element (prefixes are resolved as
    it parses), the element's name and the model (checks of functions it may use; they log errors). So
    the memo's key is all four, and a parse that logged anything is not kept: an expression in error is
    parsed, and reported, every time. A hit is a fresh program: its own header (the calling resource and
    element, which later steps resolve variable names with) before the parsed operations, which Arelle
    only reads (:func:`arelle.formula.XPathParser.clearProg` empties a program's own list)."""
    from arelle.formula import XPathParser

    parse = XPathParser.parse
    memo: dict[tuple[Any, ...], list[Any]] = {}

    def memoized(resource: Any, expression: str | None, element: Any, name: str, trace: int) -> Any:
        model = resource.modelXbrl
        if not expression or element is None or model is None:
            return parse(resource, expression, element, name, trace)
        normal = XPathParser.normalizeExpr(expression)
        key = (normal, frozenset(element.nsmap.items()), element.localName, model)
        if key in memo:
            return [XPathParser.ProgHeader(resource, name, element, normal, trace), *memo[key]]
        logged = len(model.errors), sum(model.logCount.values())
        prog = parse(resource, expression, element, name, trace)
        if prog and (len(model.errors), sum(model.logCount.values())) == logged:
            memo[key] = prog[1:]
        return prog

    XPathParser.parse = memoized
    try:
        yield
    finally:
        XPathParser.parse = parse


DEFAULT_GC = (700, 10, 10)
"""CPython's own collector thresholds."""


@contextmanager
def usual_collection() -> Iterator[None]:
    """The garbage collector at CPython's default thresholds for the block, the caller's put back after.

    Arelle's formula compiler (pyparsing) makes cyclic garbage at a high rate; under the build's bulk
    thresholds (``disclosure.gctune``: a young generation of 100,000) it piles up, and one validation of
    the sample took about 0.5 s longer (1.35 s against 1.95 s)."""
    previous = gc.get_threshold()
    gc.set_threshold(*DEFAULT_GC)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


EXPORTS = ("json", "viewer")
"""What a run can save from the loaded report: xBRL-JSON (Arelle's OIM support) and the ixbrl-viewer page."""


@dataclass(frozen=True)
class Outcome:
    """Arelle's messages for one document and whatever was exported from it (name -> bytes)."""

    messages: list[Message]
    exports: dict[str, bytes]
    inspected: Any = None
    """What the ``inspect`` callback returned for the loaded report."""
    raw: list[dict[str, Any]] | None = None
    """Arelle's structured messages, when asked for (``keep_raw``)."""


@contextmanager
def _home(folder: Path | None) -> Iterator[str]:
    """Arelle's user folder: the caller's (a batch worker keeps one) or a throw-away one."""
    if folder is not None:
        yield str(folder)
        return
    with tempfile.TemporaryDirectory(prefix="disclosure-arelle-") as tmp:
        yield tmp


def run(entry: Path, packages: list[Path], *, taxonomy_package: bool = False,
        base_validation: str = "none") -> list[Message]:
    """Load and validate ``entry`` with our taxonomy package(s); return the messages above INFO."""
    return load(entry, packages, taxonomy_package=taxonomy_package, base_validation=base_validation).messages


def load(entry: Path, packages: list[Path], *, validate: bool = True, taxonomy_package: bool = False,
         base_validation: str = "none", exports: tuple[str, ...] = (), inspect: Callable[[Any], Any] | None = None,
         keep_raw: bool = False, collect: bool = True, home: Path | None = None, utr: Path | None = None,
         formulas: bool = True, skip: str | None = None) -> Outcome:
    """Load ``entry`` in one Arelle session; validate it (XBRL 2.1, dimensions, UTR, Calculations 1.1,
    formulas, duplicate facts) unless told not to, and save the requested ``exports`` from the model.
    ``utr`` replaces the Unit Type Registry (a local file; e.g. the UTR with our units added).
    ``formulas`` off leaves out the taxonomy's formulas and calculations (the rest is validated).
    ``skip``: URLs (unix patterns separated by ``|``) Arelle does not load, e.g. a taxonomy's linkbases
    when only its schemas are needed (never with ``validate``: the DTS would be incomplete)."""
    if skip and validate:
        raise ValueError("skip leaves the DTS incomplete: not for a validation")
    unknown = set(exports) - set(EXPORTS)
    if unknown:
        raise ValueError(f"unknown Arelle export(s): {sorted(unknown)}")
    checks: dict[str, Any] = {
        "validate": True, "utrValidate": True, "calcs": "c11r" if formulas else "none",
        "formulaAction": "run" if formulas else "none",
        "validateDuplicateFacts": "inconsistent", "baseTaxonomyValidationMode": base_validation} if validate else {}
    if utr is not None:
        checks["utrUrl"] = str(utr)
    checks.update(_loader(entry))
    if skip:
        checks["skipLoading"] = skip
    with _session(entry, packages, logFile="logToStructuredMessage", taxonomyPackage=taxonomy_package,
                  collect=collect, home=home, **checks) as session:
        raw = session.get_log_messages()
        models = session.get_models()
        kind = _loaded_kind(models)
        saved = {name: _EXPORTERS[name](models[0]) for name in exports if kind == "report"}
        inspected = inspect(models[0]) if inspect is not None and kind == "report" else None
    messages = [_message(m) for m in raw if m.get("levelname") not in ("DEBUG", "INFO")]
    if not taxonomy_package and kind != "report":
        # Arelle loads any well-formed XML without complaint: a filing must be an XBRL report with facts.
        messages.append(Message("ERROR", "disclosure:notAnXbrlReport",
                                f"{entry.name} is not an XBRL instance or Inline XBRL report with facts ({kind})"))
    return Outcome(messages, saved, inspected, raw if keep_raw else None)


def _xbrl_json(model: Any) -> bytes:
    """xBRL-JSON (OIM 1.0) of the loaded report, through Arelle's saveLoadableOIM plugin module."""
    from arelle.plugin.saveLoadableOIM import saveLoadableOIM

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:  # the plugin writes JSON into a zip when given one
        saveLoadableOIM(model, "report.json", archive)
    with zipfile.ZipFile(buffer) as archive:
        report = json.loads(archive.read("report.json"))
    # xBRL-JSON requires lower-case language codes (xbrlje:invalidLanguageCodeCase); Arelle copies xml:lang.
    for fact in report.get("facts", {}).values():
        dims = fact.get("dimensions", {})
        if "language" in dims:
            dims["language"] = dims["language"].lower()
    return json.dumps(report, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


VIEWER_SCRIPT = "ixbrlviewer.js"


def _viewer(model: Any) -> bytes:
    """The Inline XBRL report with the ixbrl-viewer data embedded, loading ``ixbrlviewer.js`` from beside it."""
    from arelle.ModelDocument import Type
    from iXBRLViewerPlugin.iXBRLViewer import IXBRLViewerBuilder
    from iXBRLViewerPlugin.xhtmlserialize import XHTMLSerializer

    if model.modelDocument.type not in (Type.INLINEXBRL, Type.INLINEXBRLDOCUMENTSET):
        raise ValueError("the viewer needs an Inline XBRL document")
    builder = IXBRLViewerBuilder(model.modelManager.cntlr)
    builder.processModel(model)
    viewer = builder.createViewer(scriptUrl=VIEWER_SCRIPT, showValidations=False)
    if viewer is None:
        raise RuntimeError("ixbrl-viewer did not produce a viewer")
    buffer = io.BytesIO()
    XHTMLSerializer(buffer).serialize(viewer.files[0].xmlDocument)
    return buffer.getvalue()


def viewer_script() -> bytes:
    """The ixbrl-viewer JavaScript shipped with the plugin (written beside the viewer page; no CDN)."""
    from iXBRLViewerPlugin.constants import DEFAULT_VIEWER_PATH

    return Path(DEFAULT_VIEWER_PATH).read_bytes()


_EXPORTERS = {"json": _xbrl_json, "viewer": _viewer}


def _loader(entry: Path) -> dict[str, Any]:
    """Arelle options to read ``entry``: xBRL-JSON goes through Arelle's OIM loader plugin."""
    return {"plugins": "loadFromOIM"} if entry.suffix.lower() == ".json" else {}


def _loaded_kind(models: list[Any]) -> str:
    from arelle.ModelDocument import Type

    for model in models:
        doc = getattr(model, "modelDocument", None)
        if doc is not None and doc.type in (Type.INSTANCE, Type.INLINEXBRL, Type.INLINEXBRLDOCUMENTSET) \
                and model.facts:
            return "report"
    return "no facts" if models else "not loaded"


def _message(raw: dict[str, Any]) -> Message:
    refs = raw.get("refs") or [{}]
    ref = refs[0] if refs else {}
    line = ref.get("sourceLine")
    concept = ""
    args = raw.get("args") or {}
    for key in ("concept", "qname", "name"):
        if isinstance(args.get(key), str):
            concept = args[key]
            break
    return Message(str(raw.get("levelname", "")), str(raw.get("messageCode", "")), str(raw.get("msg", "")),
                   str(ref.get("href", "")), int(line) if isinstance(line, int | str) and str(line).isdigit() else None,
                   concept)


def failing(messages: list[Message]) -> list[Message]:
    return [m for m in messages if m.failing]


def numeric_facts(entry: Path, packages: list[Path]) -> list[tuple[str, str, str]]:
    """The numeric facts Arelle reads from ``entry``: (local name, value, decimals), values as Arelle
    parsed them (after ix transforms and scale)."""
    with _session(entry, packages, logFile="logToBuffer", **_loader(entry)) as session:
        return [(f.qname.localName, str(f.xValue), str(f.decimals)) for m in session.get_models() for f in m.facts
                if f.isNumeric]
