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
from disclosure.taxonomy import definition
from disclosure.xbrl import INLINE, INSTANCE, package_name, verify
from disclosure.xbrl.arelle import DEFAULT_GC, Message, plain_parsing, usual_collection

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
    """The instance is loaded by Arelle, not validated again, and what a validation would find beyond
    its facts is checked: a context given twice (ids not unique) is an error though every fact is the
    report's."""

    def twice(data: bytes) -> bytes:
        context = re.search(rb'<xbrli:context id="c1">.*?</xbrli:context>', data, re.S)
        assert context is not None
        return data.replace(context.group(0), context.group(0) * 2, 1)

    _patch_instance(monkeypatch, twice)
    err = _refused(samples, tmp_path)
    assert "report.xbr:" in err.message
    assert re.search(r"report\.xbr:\d+ ERROR disclosure:instanceInvalid: id c1 is not unique", err.message), err.message
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


def _instance_problems(outputs_dir: Path, change: Any) -> list[Message]:
    """Verification of the built report and its instance changed by ``change`` (bytes -> bytes)."""
    files = {name: (outputs_dir / name).read_bytes() for name in (INLINE, package_name())}
    files[INSTANCE] = change((outputs_dir / INSTANCE).read_bytes())
    return verify(files)


def _context(data: bytes, ident: str) -> bytes:
    found = re.search(rb'<xbrli:context id="' + ident.encode() + rb'">.*?</xbrli:context>', data, re.S)
    assert found is not None
    return found.group(0)


def _add_context(data: bytes, change: Any) -> bytes:
    """A new context ``cz``, unused by any fact, made from c1 by ``change``."""
    c1 = _context(data, "c1")
    return data.replace(c1, c1 + change(c1.replace(b'id="c1"', b'id="cz"')), 1)


def test_the_clean_instance_is_vouched_for_by_the_report(outputs_dir: Path) -> None:
    assert _instance_problems(outputs_dir, lambda data: data) == []


def test_the_instance_is_loaded_not_validated_again(outputs_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Beside the report, the instance is loaded (XML Schema checks of its elements) without Arelle's
    validation, and without the taxonomy's linkbases; alone, it is validated in full, with them."""
    import disclosure.xbrl as xbrl

    real, seen = xbrl.load, []

    def spy(path: Path, packages: list[Path], **kwargs: Any) -> Any:
        seen.append((path.name, kwargs.get("validate", True), kwargs.get("skip")))
        return real(path, packages, **kwargs)

    monkeypatch.setattr(xbrl, "load", spy)
    assert _instance_problems(outputs_dir, lambda data: data) == []
    linkbases = f"{definition().base_url}*.xml"
    assert linkbases.startswith("https://xbrl.disclosure.dev/taxonomy/cn-ghg/")
    assert seen == [(INLINE, True, None), (INSTANCE, False, linkbases)]
    seen.clear()
    assert verify({INSTANCE: (outputs_dir / INSTANCE).read_bytes(),
                   package_name(): (outputs_dir / package_name()).read_bytes()}) == []
    assert seen == [(INSTANCE, True, None)]
    with pytest.raises(ValueError, match="skip leaves the DTS incomplete"):
        real(outputs_dir / INSTANCE, [outputs_dir / package_name()], skip="*.xml")


def _codes(problems: list[Message]) -> set[str]:
    return {p.code for p in problems}


def test_an_unused_context_that_is_not_the_reports_is_refused(outputs_dir: Path) -> None:
    """A context no fact uses is still part of the instance: one whose period ends before it starts
    (xbrl.4.7.2 for Arelle's validation) is none of the report's contexts."""
    problems = _instance_problems(outputs_dir, lambda data: _add_context(data, lambda c: c.replace(
        b"<xbrli:startDate>2025-01-01", b"<xbrli:startDate>2026-06-01")))
    assert _codes(problems) == {"disclosure:instanceNotInReport"}
    assert problems[0].href == INSTANCE and problems[0].line is not None
    assert problems[0].text.startswith("context cz is none of the report's contexts (2026-06-01")


def test_an_unused_context_with_an_invalid_member_is_refused(outputs_dir: Path) -> None:
    """A dimension's member that is not a member at all (xbrldie for Arelle): none of the report's."""
    member = (b'</xbrli:period><xbrli:scenario><xbrldi:explicitMember dimension="cn-ghg:FacilityAxis">'
              b'cn-ghg:Scope1GHGEmissions</xbrldi:explicitMember></xbrli:scenario>')
    problems = _instance_problems(outputs_dir, lambda data: _add_context(
        data, lambda c: c.replace(b"</xbrli:period>", member)))
    assert _codes(problems) == {"disclosure:instanceNotInReport"}
    assert "FacilityAxis=Scope1GHGEmissions" in problems[0].text


def test_dimensions_moved_from_scenario_to_segment_are_refused(outputs_dir: Path) -> None:
    """The same dimensions in the segment: the facts and the context differ from the report's (the
    taxonomy's hypercubes are for the scenario)."""

    def move(data: bytes) -> bytes:
        c2 = _context(data, "c2")
        scenario = re.search(rb"<xbrli:scenario>(.*?)</xbrli:scenario>", c2, re.S)
        assert scenario is not None
        moved = c2.replace(scenario.group(0), b"").replace(
            b"</xbrli:entity>", b"<xbrli:segment>" + scenario.group(1) + b"</xbrli:segment></xbrli:entity>")
        return data.replace(c2, moved, 1)

    problems = _instance_problems(outputs_dir, move)
    assert {"disclosure:instanceNotInReport", "disclosure:instanceDiffersFromInline"} <= _codes(problems)
    assert any(p.text.startswith("context c2 is none of the report's contexts") for p in problems)


def test_a_unit_that_is_not_the_reports_is_refused(outputs_dir: Path) -> None:
    unit = (b'<xbrli:unit id="u_zz"><xbrli:measure>iso4217:CNY</xbrli:measure>'
            b'<xbrli:measure>iso4217:CNY</xbrli:measure></xbrli:unit>')
    problems = _instance_problems(outputs_dir, lambda data: data.replace(b"<xbrli:unit ", unit + b"<xbrli:unit ", 1))
    assert _codes(problems) == {"disclosure:instanceNotInReport"}
    assert problems[0].text == "unit u_zz is none of the report's units (CNY*CNY)"


def test_another_entry_point_or_a_footnote_link_is_refused(outputs_dir: Path) -> None:
    """The DTS is the report's: another exchange's entry point, or a footnote link the report lacks."""
    other = _instance_problems(outputs_dir, lambda data: data.replace(b"cn-ghg-sse.xsd", b"cn-ghg-szse.xsd"))
    assert _codes(other) == {"disclosure:instanceNotInReport"}
    texts = sorted(p.text for p in other)
    assert texts[0].startswith("link:schemaRef https://") and texts[0].endswith(
        "cn-ghg-szse.xsd is not among the report's DTS references")
    assert texts[1].startswith("the report's link:schemaRef https://") and "cn-ghg-sse.xsd" in texts[1]
    footnote = b'<link:footnoteLink xlink:type="extended" xlink:role="http://www.xbrl.org/2003/role/link"/>'
    problems = _instance_problems(outputs_dir, lambda data: data.replace(b"</xbrli:xbrl>",
                                                                         footnote + b"</xbrli:xbrl>"))
    assert [p.text for p in problems] == ["link:footnoteLink is not among the report's DTS references"]


def test_the_xml_schemas_still_check_the_instance(outputs_dir: Path) -> None:
    """Loading checks each element against the taxonomy's schemas: an attribute a fact may not have, a
    number that is not one, a schemaRef out of place."""
    extra = _instance_problems(outputs_dir,
                               lambda data: data.replace(b'contextRef="c1" ', b'contextRef="c1" foo="1" ', 1))
    assert "xmlSchema:attributesExtraneous" in _codes(extra)
    number = _instance_problems(outputs_dir, lambda data: data.replace(b">2023247<", b">20x3247<"))
    assert "xmlSchema:valueError" in _codes(number)
    reference = re.compile(rb"\s*<link:schemaRef [^>]*/>")

    def late(data: bytes) -> bytes:
        found = reference.search(data)
        assert found is not None
        c1 = _context(data, "c1")
        return reference.sub(b"", data, 1).replace(c1, c1 + found.group(0), 1)

    assert "xmlSchema:elementOccurrencesError" in _codes(_instance_problems(outputs_dir, late))


def test_a_schema_location_hint_is_refused(outputs_dir: Path) -> None:
    """Arelle loads the schemas an xsi:schemaLocation names: the DTS would no longer be the report's."""
    hint = f' xsi:schemaLocation="{definition().namespace} {definition().entry_point_url("all")}"'.encode()
    lang = b' xml:lang="zh-CN">'
    problems = _instance_problems(outputs_dir, lambda data: data.replace(lang, hint + lang, 1))
    assert [(p.code, p.text) for p in problems] == [
        ("disclosure:instanceInvalid", "xsi:schemaLocation is not allowed: the DTS is the report's")]


def test_duplicate_ids_and_inconsistent_duplicates_are_refused(outputs_dir: Path) -> None:
    """A fact's id given to another fact (XML 3.3.1); a text block given twice with the same words but
    other markup (the comparison reads words; the duplicates must be identical)."""
    ids = _instance_problems(outputs_dir,
                             lambda data: re.sub(rb'(contextRef="c1" id=")f\d+"', rb'\1f1"', data, count=2))
    assert _codes(ids) == {"disclosure:instanceInvalid"}
    assert all(re.fullmatch(r"id f1 is not unique \(first on line \d+\)", p.text) for p in ids)

    def twice(data: bytes) -> bytes:
        fact = re.search(rb"<cn-ghg:ConsolidationScopeDescription [^>]*>(.*?)</cn-ghg:ConsolidationScopeDescription>",
                         data, re.S)
        assert fact is not None and b"&lt;p" in fact.group(1)
        copy = fact.group(0).replace(b' id="', b' id="x').replace(b"&lt;p&gt;", b"&lt;div&gt;").replace(
            b"&lt;/p&gt;", b"&lt;/div&gt;")
        return data.replace(fact.group(0), fact.group(0) + copy, 1)

    problems = _instance_problems(outputs_dir, twice)
    invalid = [p for p in problems if p.code == "disclosure:instanceInvalid"]
    assert len(invalid) == 1 and "ConsolidationScopeDescription is given twice with different values" in invalid[0].text


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


def test_formulas_report_the_same_with_their_xpath_parsed_once(outputs_dir: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Each distinct XPath expression of the taxonomy's formulas is parsed once a session: a report that
    breaks many assertions (every number negated) gets the same messages as with Arelle's parser alone
    (Arelle's own order of assertions varies from run to run, so they are compared sorted)."""
    import contextlib

    import arelle.formula.XPathParser as parser

    import disclosure.xbrl.arelle as arelle

    html = (outputs_dir / INLINE).read_bytes()
    broken = tmp_path / INLINE
    broken.write_bytes(html.replace(b"<ix:nonFraction ", b'<ix:nonFraction sign="-" '))
    package = outputs_dir / package_name()
    real = parser.parse
    calls: list[str] = []

    def counted(*args: Any) -> Any:
        calls.append(args[1])
        return real(*args)

    monkeypatch.setattr(parser, "parse", counted)

    def messages() -> list[tuple[str, str, str]]:
        with usual_collection():
            return sorted((m.level, m.code, m.text) for m in arelle.load(broken, [package]).messages)

    memoized = messages()
    assert parser.parse is counted  # put back after the session
    parsed = len([c for c in calls if c])
    calls.clear()
    monkeypatch.setattr(arelle, "parsed_once", contextlib.nullcontext)
    plain = messages()
    assert len([c for c in calls if c]) > 3 * parsed > 0  # each expression once instead of at each use
    assert memoized == plain
    assert sum(code == "message:VR-GHG-001" for _, code, _ in plain) > 10


def test_arelle_runs_at_the_default_gc_thresholds_and_puts_the_callers_back() -> None:
    previous = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        with usual_collection():
            assert gc.get_threshold() == DEFAULT_GC
        assert gc.get_threshold() == (100_000, 50, 100)
    finally:
        gc.set_threshold(*previous)


def test_a_build_does_not_import_matplotlib_or_numpy(tmp_path: Path) -> None:
    """The charts are drawn without matplotlib (a second to import, and packrat parsing for Arelle), and
    openpyxl (the ETS workbook) is imported without numpy, which it would import only to accept numpy
    numbers; numpy still imports after the build."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    script = ("import sys; from disclosure.build import BuildOptions, build; "
              f"build({str(root / 'samples' / SAMPLE / 'filing.yaml')!r}, BuildOptions(output={str(tmp_path / 'o')!r}, "
              "verify=False)); print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'numpy'))); "
              "print('openpyxl' in sys.modules); import numpy; print(numpy.__name__)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=root)
    assert done.stdout.split() == ["[]", "True", "numpy"]
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
