"""XBRL and Inline XBRL: the taxonomy package, the samples' filings and broken filings, through Arelle
(offline, the real validator; no mocks)."""

from __future__ import annotations

import io
import json
import re
import warnings
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from disclosure import load, validate
from disclosure.build import BuildOptions, build
from disclosure.errors import DisclosureError
from disclosure.taxonomy import definition, package_bytes, package_files
from disclosure.taxonomy.generate import files as generated_files
from disclosure.xbrl import facts, inline, verify
from disclosure.xbrl.arelle import Message, numeric_facts, run, viewer_script
from disclosure.xbrl.instance import entry_point

SAMPLES = ["qinghai-aluminium", "central-soe-power", "szse-cement"]
XBRLI = "http://www.xbrl.org/2003/instance"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pkg") / "cn-ghg-2026.zip"
    path.write_bytes(package_bytes())
    return path


def _codes(messages: list[Message]) -> set[str]:
    return {m.code for m in messages if m.failing}


def test_committed_taxonomy_matches_its_definition() -> None:
    committed = package_files()
    generated = generated_files()
    assert sorted(committed) == sorted(generated), "run: python -m disclosure.taxonomy.generate"
    for name, data in generated.items():
        assert committed[name] == data, f"{name} drifted from taxonomies/cn-ghg.yaml"


def test_package_is_one_folder_and_deterministic() -> None:
    data = package_bytes()
    assert data == package_bytes()
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert {n.split("/")[0] for n in names} == {"cn-ghg-2026"}
    assert "cn-ghg-2026/META-INF/taxonomyPackage.xml" in names
    assert "cn-ghg-2026/META-INF/catalog.xml" in names


def test_package_passes_arelle_package_and_base_taxonomy_checks(package: Path) -> None:
    messages = run(package, [], taxonomy_package=True, base_validation="all")
    assert messages == []


def test_a_broken_package_is_caught(tmp_path: Path) -> None:
    """The package check is real: a dangling presentation arc is an Arelle error."""
    src = zipfile.ZipFile(io.BytesIO(package_bytes()))
    out = tmp_path / "broken.zip"
    with zipfile.ZipFile(out, "w") as zf:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("-pre.xml"):
                data = data.replace(b'xlink:to="Scope1GHGEmissions"', b'xlink:to="NoSuchConcept"', 1)
            zf.writestr(info, data)
    assert "xbrl.3.5.3.9.3:arcResource" in _codes(run(out, [], taxonomy_package=True, base_validation="all"))


def test_every_concept_has_zh_and_en_labels() -> None:
    for concept in definition().concepts.values():
        assert concept.label.get("zh-CN") and concept.label.get("en"), concept.name


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory, samples: Path) -> dict[str, Path]:
    """Each sample built once (zh-CN), with self-verification on and the viewer."""
    out = {}
    for name in SAMPLES:
        folder = tmp_path_factory.mktemp(name) / "out"
        result = build(samples / name / "filing.yaml", BuildOptions(output=folder, viewer=True))
        assert result.output is not None, result.report.flatten()
        out[name] = folder
    return out


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("document", ["report.xbrl", "report.html", "report.json", "report-viewer.html"])
def test_sample_filings_are_arelle_clean(outputs: dict[str, Path], package: Path, name: str,
                                         document: str) -> None:
    messages = run(outputs[name] / document, [package])
    assert [str(m) for m in messages] == []


@pytest.mark.parametrize("name", SAMPLES)
def test_english_inline_report_is_arelle_clean(samples: Path, package: Path, tmp_path: Path, name: str) -> None:
    outcome = validate(load(samples / name / "filing.yaml"))
    assert outcome.filing is not None and outcome.figures is not None
    path = tmp_path / "report-en.html"
    path.write_bytes(inline(outcome.filing, facts(outcome.filing, outcome.figures, "en"), "en"))
    assert [str(m) for m in run(path, [package])] == []


# --- mutation tests: break a good instance, expect the assertion id or the Arelle code ----------

def _fact(root: etree._Element, concept: str, context: str | None = None) -> etree._Element:
    ns = definition().namespace
    found = [el for el in root.iter(f"{{{ns}}}{concept}") if context is None or el.get("contextRef") == context]
    assert found, concept
    return found[0]


def _plain_context(root: etree._Element) -> str:
    """The report-year context without dimensions (that of EntityNameChinese)."""
    return str(_fact(root, "EntityNameChinese").get("contextRef"))


def _scope1_total(root: etree._Element) -> etree._Element:
    return _fact(root, "Scope1GHGEmissions", _plain_context(root))


def _wrong_total(root: etree._Element) -> None:
    el = _fact(root, "Scope1And2LocationBasedGHGEmissions", _plain_context(root))
    el.text = str(int(el.text or "0") + 1000)


def _negative(root: etree._Element) -> None:
    ns = definition().namespace
    for el in root.iter(f"{{{ns}}}Scope2MarketBasedGHGEmissions"):
        el.text = "-5"


def _ccer_over_cap(root: etree._Element) -> None:
    el = _fact(root, "CCERUsedForSurrender")
    obligation = _fact(root, "SurrenderObligation", el.get("contextRef"))
    el.text = str(int(Decimal(obligation.text or "0") * Decimal("0.06")))


def _mandatory_removed(root: etree._Element) -> None:
    el = _fact(root, "GovernanceExplanatory")
    el.getparent().remove(el)


def _wrong_unit(root: etree._Element) -> None:
    for unit in root.iter(f"{{{XBRLI}}}unit"):
        if unit.get("id") == "u_tCO2e":
            next(unit.iter(f"{{{XBRLI}}}measure")).text = "utr:t"


def _gas_sum(root: etree._Element) -> None:
    ns = definition().namespace
    for el in root.iter(f"{{{ns}}}Scope1GHGEmissions"):
        ctx = root.find(f"{{{XBRLI}}}context[@id='{el.get('contextRef')}']")
        assert ctx is not None
        if "CarbonDioxideMember" in etree.tostring(ctx).decode():
            el.text = str(int(el.text or "0") - 5000)
            return
    raise AssertionError("no CO2 fact")


def _half_year(root: etree._Element) -> None:
    for ctx in root.iter(f"{{{XBRLI}}}context"):
        end = next(ctx.iter(f"{{{XBRLI}}}endDate"))
        if end.text == "2025-12-31":
            end.text = "2025-06-30"


MUTATIONS: list[tuple[str, Callable[[etree._Element], None], str]] = [
    ("wrong-total", _wrong_total, "calc11e:inconsistentCalculationUsingRounding"),
    ("negative-emission", _negative, "message:VR-GHG-001"),
    ("ccer-over-cap", _ccer_over_cap, "message:VR-CM-001"),
    ("mandatory-item-removed", _mandatory_removed, "message:VR-RPT-001"),
    ("wrong-unit", _wrong_unit, "utre:error-NumericFactUtrInvalid"),
    ("gas-breakdown-off", _gas_sum, "message:VR-GHG-002"),
    ("period-not-a-year", _half_year, "message:VR-RPT-002"),
]


@pytest.mark.parametrize(("label", "mutate", "code"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_broken_instance_is_reported(outputs: dict[str, Path], package: Path, tmp_path: Path, label: str,
                                     mutate: Callable[[etree._Element], None], code: str) -> None:
    root = etree.fromstring((outputs["qinghai-aluminium"] / "report.xbrl").read_bytes())
    mutate(root)
    path = tmp_path / f"{label}.xbrl"
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    assert code in _codes(run(path, [package]))


def test_a_voluntary_discloser_may_omit_mandatory_items(outputs: dict[str, Path], package: Path,
                                                        tmp_path: Path) -> None:
    """VR-RPT-001 reads the flag's value: with EntityIsMandatoryDiscloser false nothing is required."""
    root = etree.fromstring((outputs["qinghai-aluminium"] / "report.xbrl").read_bytes())
    _mandatory_removed(root)
    _fact(root, "EntityIsMandatoryDiscloser").text = "false"
    path = tmp_path / "voluntary.xbrl"
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    assert "message:VR-RPT-001" not in _codes(run(path, [package]))


def test_build_refuses_to_write_invalid_xbrl(samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Self-verification fails loudly and nothing is written when the XBRL output is broken."""
    import disclosure.xbrl as xbrl

    real = xbrl.instance

    def broken(filing, found, lang):  # type: ignore[no-untyped-def]
        return real(filing, found, lang).replace(b">2023247<", b">-2023247<")

    monkeypatch.setattr(xbrl, "instance", broken)
    out = tmp_path / "out"
    with pytest.raises(DisclosureError) as err:
        build(samples / "qinghai-aluminium" / "filing.yaml", BuildOptions(output=out))
    assert err.value.code == "build.xbrl-invalid"
    assert "VR-GHG-001" in err.value.message
    assert not out.exists()


# --- round trip: facts read back by Arelle equal the computed figures, value and decimals -----------

@pytest.mark.parametrize("name", SAMPLES)
def test_inline_facts_read_back_by_arelle_equal_the_figures(samples: Path, package: Path, outputs: dict[str, Path],
                                                           name: str) -> None:
    outcome = validate(load(samples / name / "filing.yaml"))
    assert outcome.filing is not None and outcome.figures is not None
    want = sorted((f.concept, f.value, str(f.decimals))
                  for f in facts(outcome.filing, outcome.figures) if f.unit is not None)
    read = sorted((c, Decimal(v), d) for c, v, d in numeric_facts(outputs[name] / "report.html", [package]))
    assert len(read) == len(want)
    assert read == want


def _computed(samples: Path, name: str, ghg_unit: str = "t", lang: str = "zh-CN") -> list[tuple[str, Decimal, str]]:
    outcome = validate(load(samples / name / "filing.yaml"))
    assert outcome.filing is not None and outcome.figures is not None
    return sorted((f.concept, f.value, str(f.decimals))  # type: ignore[misc]
                  for f in facts(outcome.filing, outcome.figures, lang, ghg_unit) if f.unit is not None)


def _ixbrlparse(path: Path) -> list[tuple[str, Decimal, str]]:
    """Numeric facts as ixbrlparse (an independent iXBRL parser from PyPI) reads them.

    ixbrlparse returns floats; each is rounded at the fact's own ``decimals`` (the precision it claims,
    at most 8 places on values far below 15 significant digits) before the exact comparison."""
    from ixbrlparse import IXBRL

    with warnings.catch_warnings(), path.open("rb") as handle:
        warnings.simplefilter("ignore", UserWarning)  # it does not implement ixt:date-year-month-day
        parsed = IXBRL(handle, raise_on_error=True)
    out = []
    for f in parsed.numeric:
        decimals = str(f.soup_tag["decimals"])
        value = Decimal(repr(f.value)).quantize(Decimal(1).scaleb(-int(decimals)))
        out.append((f.name, value, decimals))
    return sorted(out)


@pytest.mark.parametrize("name", SAMPLES)
def test_inline_facts_read_by_an_independent_parser_equal_the_figures(samples: Path, outputs: dict[str, Path],
                                                                      name: str) -> None:
    assert _ixbrlparse(outputs[name] / "report.html") == _computed(samples, name)


def test_report_in_10kt_shows_wan_tonnes_and_tags_the_same_values(samples: Path, package: Path,
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(samples / "qinghai-aluminium" / "filing.yaml", BuildOptions(output=out, ghg_unit="10kt"))
    html = (out / "report.html").read_text(encoding="utf-8")
    total = re.search(r'name="cn-ghg:Scope1GHGEmissions" contextRef="c1"[^>]*>([^<]*)<', html)
    assert total is not None and total.group(1) == "202.3247"  # 2,023,247 t shown as 202.3247 万吨
    assert 'scale="4"' in total.group(0) and 'decimals="0"' in total.group(0)
    assert "万吨二氧化碳当量" in html
    assert [str(m) for m in run(out / "report.html", [package])] == []
    want = _computed(samples, "qinghai-aluminium", "10kt")
    assert want == _computed(samples, "qinghai-aluminium")
    read = sorted((c, Decimal(v), d) for c, v, d in numeric_facts(out / "report.html", [package]))
    assert read == want
    assert _ixbrlparse(out / "report.html") == want


@pytest.mark.parametrize("name", SAMPLES)
def test_xbrl_json_export_carries_every_fact_of_the_instance(samples: Path, package: Path,
                                                            outputs: dict[str, Path], name: str) -> None:
    doc = json.loads((outputs[name] / "report.json").read_text(encoding="utf-8"))
    assert doc["documentInfo"]["documentType"] == "https://xbrl.org/2021/xbrl-json"
    outcome = validate(load(samples / name / "filing.yaml"))
    assert outcome.filing is not None
    assert doc["documentInfo"]["taxonomy"] == [entry_point(outcome.filing)]
    instance_facts = etree.parse(str(outputs[name] / "report.xbrl")).getroot().xpath(
        "count(/*/*[@contextRef])")
    assert len(doc["facts"]) == int(instance_facts)
    languages = {f["dimensions"]["language"] for f in doc["facts"].values() if "language" in f["dimensions"]}
    assert languages == {"zh-cn", "en"}  # xBRL-JSON requires lower case; the English name is tagged "en"
    read = sorted((c, Decimal(v), d) for c, v, d in numeric_facts(outputs[name] / "report.json", [package]))
    assert read == _computed(samples, name)


@pytest.mark.parametrize("name", SAMPLES)
def test_viewer_is_offline_and_embeds_every_fact(outputs: dict[str, Path], name: str) -> None:
    page = etree.parse(str(outputs[name] / "report-viewer.html"))
    scripts = page.getroot().findall(".//{http://www.w3.org/1999/xhtml}script")
    sources = [s.get("src") for s in scripts if s.get("src")]
    assert sources == ["ixbrlviewer.js"]  # beside the page, no CDN
    data = json.loads(next(s.text for s in scripts if s.get("type") == "application/x.ixbrl-viewer+json"))
    viewer_facts = data["sourceReports"][0]["targetReports"][0]["facts"]
    tagged = page.getroot().xpath("count(//*[local-name()='nonFraction' or local-name()='nonNumeric'])")
    assert len(viewer_facts) == int(tagged) > 0
    assert (outputs[name] / "ixbrlviewer.js").read_bytes() == viewer_script()
    assert b"http" not in b"".join(s.get("src", "").encode() for s in scripts)


def test_verify_reports_messages_for_a_broken_document() -> None:
    assert verify({"report.xbrl": b"<not-xbrl/>"}) != []
