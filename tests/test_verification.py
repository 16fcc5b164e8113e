"""The build's self-verification (issue 12 item 7): the Inline XBRL report validated in full, the
instance without re-running formulas but held to the report's facts, and Arelle run in the conditions it
is fast in. Every way a document can be broken still refuses the build, with nothing written."""

from __future__ import annotations

import dataclasses
import gc
import re
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from disclosure.build import BuildOptions, build
from disclosure.errors import DisclosureError
from disclosure.xbrl import INSTANCE, verify
from disclosure.xbrl.arelle import DEFAULT_GC, plain_parsing, usual_collection

SAMPLE = "qinghai-aluminium"


def _refused(samples: Path, tmp_path: Path) -> DisclosureError:
    out = tmp_path / "out"
    with pytest.raises(DisclosureError) as err:
        build(samples / SAMPLE / "filing.yaml", BuildOptions(output=out))
    assert err.value.code == "build.xbrl-invalid"
    assert not out.exists()  # nothing written
    return err.value


def _patch_instance(monkeypatch: pytest.MonkeyPatch, change: Any) -> None:
    import disclosure.xbrl as xbrl

    real = xbrl.instance
    monkeypatch.setattr(xbrl, "instance", lambda filing, found, lang: change(real(filing, found, lang)))


def test_an_instance_that_differs_from_the_report_is_refused(samples: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """One figure changed in the instance only: the formulas do not run on it, the comparison catches it
    and names the fact on both sides."""
    _patch_instance(monkeypatch, lambda data: data.replace(b">2023247<", b">-2023247<"))
    err = _refused(samples, tmp_path)
    assert "disclosure:instanceDiffersFromInline" in err.message
    assert re.search(r"report\.xbr:\d+ ERROR disclosure:instanceDiffersFromInline: instance only: "
                     r"Scope1GHGEmissions = -2023247 ", err.message), err.message
    assert "report only: Scope1GHGEmissions = 2023247 " in err.message


def test_an_instance_with_a_changed_text_block_is_refused(samples: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Text blocks are compared by their words: a changed word is a difference."""
    _patch_instance(monkeypatch, lambda data: data.replace("合并范围一致".encode(), "合并范围不一致".encode(), 1))
    err = _refused(samples, tmp_path)
    assert "instance only: ConsolidationScopeDescription" in err.message


def test_an_instance_invalid_in_itself_is_refused(samples: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The instance is still validated by Arelle (XBRL 2.1, dimensions, units): a context given twice is
    an error there though every fact is the report's."""

    def twice(data: bytes) -> bytes:
        context = re.search(rb'<xbrli:context id="c1">.*?</xbrli:context>', data, re.S)
        assert context is not None
        return data.replace(context.group(0), context.group(0) * 2, 1)

    _patch_instance(monkeypatch, twice)
    err = _refused(samples, tmp_path)
    assert "report.xbr:" in err.message
    assert "instanceDiffersFromInline" not in err.message


def test_formulas_still_run_on_the_report(samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A negative Scope 1 in both documents (same facts, so no difference): the taxonomy's formula
    VR-GHG-001 fails on the Inline XBRL report."""
    import disclosure.xbrl as xbrl

    real = xbrl.facts

    def negative(*args: Any, **kwargs: Any) -> list[Any]:
        return [dataclasses.replace(f, value=-f.value) if f.concept == "Scope1GHGEmissions"
                and isinstance(f.value, Decimal) else f for f in real(*args, **kwargs)]

    monkeypatch.setattr(xbrl, "facts", negative)
    err = _refused(samples, tmp_path)
    assert re.search(r"report\.xbri:\S+ \S+ message:VR-GHG-001", err.message), err.message
    assert "instanceDiffersFromInline" not in err.message


def test_an_instance_alone_is_validated_with_its_formulas(outputs_dir: Path) -> None:
    data = (outputs_dir / INSTANCE).read_bytes().replace(b">2023247<", b">-2023247<")
    assert "message:VR-GHG-001" in {m.code for m in verify({INSTANCE: data})}


@pytest.fixture(scope="module")
def outputs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("verified") / "out"
    root = Path(__file__).resolve().parent.parent / "samples"
    build(root / SAMPLE / "filing.yaml", BuildOptions(output=out))  # verified: the clean sample passes
    return out


def test_arelle_runs_without_packrat_and_puts_the_callers_setting_back() -> None:
    """matplotlib turns pyparsing's packrat on for the whole process; Arelle's formulas parse twice as
    slowly with it, so a run switches it off and restores it after."""
    from pyparsing import ParserElement

    before = ParserElement._packratEnabled
    ParserElement.enable_packrat()
    try:
        with plain_parsing():
            assert not ParserElement._packratEnabled
            assert ParserElement._parse is ParserElement._parseNoCache
        assert ParserElement._packratEnabled
        assert ParserElement._parse is ParserElement._parseCache
    finally:
        if not before:
            ParserElement.disable_memoization()


def test_arelle_runs_at_the_default_gc_thresholds_and_puts_the_callers_back() -> None:
    previous = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        with usual_collection():
            assert gc.get_threshold() == DEFAULT_GC
        assert gc.get_threshold() == (100_000, 50, 100)
    finally:
        gc.set_threshold(*previous)


def test_a_build_does_not_import_matplotlib(tmp_path: Path) -> None:
    """The charts are drawn without matplotlib (a second to import, and packrat parsing for Arelle)."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    script = ("import sys; from disclosure.build import BuildOptions, build; "
              f"build({str(root / 'samples' / SAMPLE / 'filing.yaml')!r}, BuildOptions(output={str(tmp_path / 'o')!r}, "
              "verify=False)); print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=root)
    assert done.stdout.strip() == "[]"
    assert (tmp_path / "o" / "report.docx").exists()


def test_an_arelle_session_leaves_the_collector_as_it_found_it() -> None:
    """Nothing frozen: nothing frozen after. Objects frozen (as in a build): the session freezes what
    existed before it too (its closing collection then scans only its own objects) and leaves them
    frozen; the caller unfreezes and collects, as the build does."""
    was_frozen = gc.get_freeze_count() > 0  # an earlier test's state: start from nothing frozen, then put it back
    gc.unfreeze()
    assert verify({INSTANCE: b"<not-xbrl/>"}) != []
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        assert verify({INSTANCE: b"<not-xbrl/>"}) != []
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        with warnings.catch_warnings():  # Arelle's package handles, as build.rendering collects them
            warnings.simplefilter("ignore", ResourceWarning)
            gc.collect()
        if was_frozen:
            gc.freeze()
