"""XBRL and Inline XBRL: the taxonomy package, the samples' filings and broken filings, through Arelle
(offline, the real validator; no mocks)."""

from __future__ import annotations

import io
import json
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from arelle.ModelValue import qname as ModelQName
from lxml import etree

from disclosure import load, validate
from disclosure.build import BuildOptions, build
from disclosure.errors import DisclosureError
from disclosure.render import RenderInput
from disclosure.taxonomy import definition, package_bytes, package_files
from disclosure.taxonomy.generate import files as generated_files
from disclosure.word import blocks
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
    loaded = load(samples / name / "filing.yaml")
    ctx = RenderInput(outcome.filing, outcome.figures, loaded, BuildOptions(output=tmp_path / "unused", lang="en"))
    path = tmp_path / "report-en.html"
    path.write_bytes(inline(outcome.filing, facts(outcome.filing, outcome.figures, "en"), "en", blocks(ctx)[0]))
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


def _name_on_methane(root: etree._Element) -> None:
    """The entity name reported on a gas member: its section has no dimensions (closed hypercube)."""
    ctx = next(c for c in root.iter(f"{{{XBRLI}}}context") if b"GreenhouseGasAxis" in etree.tostring(c))
    el = _fact(root, "EntityNameChinese")
    el.set("contextRef", str(ctx.get("id")))


def _kilotonnes(root: etree._Element) -> None:
    for unit in root.iter(f"{{{XBRLI}}}unit"):
        if unit.get("id") == "u_tCO2e":
            next(unit.iter(f"{{{XBRLI}}}measure")).text = "utr:ktCO2e"


def _half_year(root: etree._Element) -> None:
    for ctx in root.iter(f"{{{XBRLI}}}context"):
        end = next(ctx.iter(f"{{{XBRLI}}}endDate"))
        if end.text == "2025-12-31":
            end.text = "2025-06-30"


def _context_with(root: etree._Element, text: str) -> str:
    """The id of the first context whose XML contains ``text``."""
    return str(next(c.get("id") for c in root.iter(f"{{{XBRLI}}}context") if text.encode() in etree.tostring(c)))


def _add(el: etree._Element, by: int) -> None:
    el.text = str(Decimal(el.text or "0") + by)


def _direct_energy_off(root: etree._Element) -> None:
    _add(_fact(root, "DirectEnergyConsumption"), 1000)


def _clean_channel_off(root: etree._Element) -> None:
    _add(_fact(root, "CleanEnergyConsumption", _context_with(root, "GreenElectricityCertificatesMember")), -5000)


def _clean_above_total(root: etree._Element) -> None:
    plain = _plain_context(root)
    total = Decimal(_fact(root, "EnergyConsumption", plain).text or "0")
    _fact(root, "CleanEnergyConsumption", plain).text = str(total + 1000)


def _effect_range_reversed(root: etree._Element) -> None:
    low = _fact(root, "AnticipatedFinancialEffectLowerBound")
    high = _fact(root, "AnticipatedFinancialEffectUpperBound", low.get("contextRef"))
    low.text = str(Decimal(high.text or "0") + 10000)


def _capital_purpose_off(root: etree._Element) -> None:
    mitigation = _context_with(root, "ClimateMitigationMember")
    _add(_fact(root, "CapitalDeployedTowardsClimateRisksAndOpportunities", mitigation), -1000000)


def _energy_intensity_in_tco2e(root: etree._Element) -> None:
    for unit in root.iter(f"{{{XBRLI}}}unit"):
        if unit.get("id") == "u_tce_per_CNY":
            next(unit.iter(f"{{{XBRLI}}}measure")).text = "utr:tCO2e"


def _exposure_without_basis(root: etree._Element) -> None:
    """An exposure amount reported undimensioned: its table requires a measurement basis."""
    _fact(root, "AssetsOrBusinessActivitiesVulnerableToPhysicalRisks").set("contextRef", _plain_context(root))


def _clean_share_off(root: etree._Element) -> None:
    el = _fact(root, "CleanEnergyShare", _plain_context(root))
    el.text = str(Decimal(el.text or "0") + Decimal("0.01"))


def _energy_intensity_off(root: etree._Element) -> None:
    el = _fact(root, "EnergyIntensityPerRevenue")
    el.text = str(Decimal(el.text or "0") * 10)


MUTATIONS: list[tuple[str, Callable[[etree._Element], None], str]] = [
    ("wrong-total", _wrong_total, "calc11e:inconsistentCalculationUsingRounding"),
    ("negative-emission", _negative, "message:VR-GHG-001"),
    ("ccer-over-cap", _ccer_over_cap, "message:VR-CM-001"),
    ("mandatory-item-removed", _mandatory_removed, "message:VR-RPT-001"),
    ("wrong-unit", _wrong_unit, "utre:error-NumericFactUtrInvalid"),
    ("gas-breakdown-off", _gas_sum, "message:VR-GHG-002"),
    ("period-not-a-year", _half_year, "message:VR-RPT-002"),
    ("entity-name-on-a-gas-member", _name_on_methane, "xbrldie:PrimaryItemDimensionallyInvalidError"),
    ("emissions-in-kilotonnes", _kilotonnes, "message:VR-UNIT-001"),
    ("direct-plus-indirect-energy-off", _direct_energy_off, "calc11e:inconsistentCalculationUsingRounding"),
    ("clean-energy-by-channel-off", _clean_channel_off, "message:VR-GHG-012"),
    ("clean-energy-above-total", _clean_above_total, "message:VR-GHG-014"),
    ("effect-range-reversed", _effect_range_reversed, "message:VR-FIN-003"),
    ("capital-by-purpose-off", _capital_purpose_off, "message:VR-FIN-001"),
    ("energy-intensity-in-tco2e", _energy_intensity_in_tco2e, "message:VR-UNIT-008"),
    ("exposure-without-basis", _exposure_without_basis, "xbrldie:PrimaryItemDimensionallyInvalidError"),
    ("clean-share-not-clean-over-total", _clean_share_off, "message:VR-GHG-015"),
    ("energy-intensity-not-energy-over-revenue", _energy_intensity_off, "message:VR-GHG-016"),
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
    # The formulas run on the Inline XBRL report; the instance must hold its facts (tests/test_verification.py).
    assert "instanceDiffersFromInline: instance only: Scope1GHGEmissions = -2023247" in err.value.message
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


# --- the taxonomy's model: closed hypercubes, enumerations, labels, references, units, obligations ------

@pytest.fixture(scope="module")
def dts(package: Path) -> Iterator[Any]:
    """The full entry point's DTS as Arelle loads it (kept open for inspection)."""
    from disclosure.xbrl.arelle import _session

    entry = package.parent / "entry.xbrl"
    entry.write_text(f'<xbrli:xbrl xmlns:xbrli="{XBRLI}" xmlns:link="http://www.xbrl.org/2003/linkbase" '
                     'xmlns:xlink="http://www.w3.org/1999/xlink"><link:schemaRef xlink:type="simple" '
                     f'xlink:href="{definition().entry_point}"/></xbrli:xbrl>', encoding="utf-8")
    with _session(entry, [package], logFile="logToBuffer") as session:
        yield session.get_models()[0]


def test_every_line_item_is_in_a_closed_hypercube(dts: Any) -> None:
    """Arelle's relationships: every reportable concept is a primary item of a closed hypercube (on the
    scenario), and every section also closes the segment; so any stray dimension is invalid."""
    from arelle import XbrlConst

    covered: set[str] = set()
    segment_closed: set[str] = set()
    for rel in dts.relationshipSet(XbrlConst.all).modelRelationships:
        assert rel.isClosed, rel.fromModelObject.qname
        members = dts.relationshipSet(XbrlConst.domainMember, rel.linkrole)
        items = {r.toModelObject.qname.localName for r in members.fromModelObject(rel.fromModelObject)}
        (segment_closed if rel.contextElement == "segment" else covered).update(items)
    reportable = {c.qname.localName for c in dts.qnameConcepts.values()
                  if c.qname.namespaceURI == definition().namespace and c.isItem and not c.isAbstract}
    assert len(reportable) > 90
    assert reportable - covered == set()
    assert reportable - segment_closed == set()


def test_concepts_have_documentation_references_and_role_labels(dts: Any) -> None:
    from arelle import XbrlConst

    d = definition()
    for name in d.concepts:
        c = dts.qnameConcepts[ModelQName(d.namespace, name)]
        for lang in ("zh-CN", "en"):
            assert c.label(lang=lang, fallbackToQname=False), (name, lang)
            assert c.label(XbrlConst.documentationLabel, lang=lang, fallbackToQname=False), (name, lang, "doc")
        if c.isItem and not c.isAbstract:
            refs = dts.relationshipSet(XbrlConst.conceptReference).fromModelObject(c)
            assert refs, name
    for name in ("Scope1And2LocationBasedGHGEmissions", "Scope1To3MarketBasedGHGEmissions"):
        total = dts.qnameConcepts[ModelQName(d.namespace, name)].label(
            "http://www.xbrl.org/2003/role/totalLabel", lang="zh-CN", fallbackToQname=False)
        assert total and total != d.concepts[name].label["zh-CN"]
    labels = dts.relationshipSet(XbrlConst.elementLabel)
    for role in d.roles:
        role_type = dts.roleTypes[d.role_uri(role)][0]
        texts = {r.toModelObject.xmlLang: r.toModelObject.text for r in labels.fromModelObject(role_type)}
        assert texts == {"zh-CN": role.label["zh-CN"], "en": role.label["en"]}


def test_exchange_references_carry_checklist_items_and_levels_from_the_one_list() -> None:
    """Each exchange's reference linkbase cites its guideline with the checklist item and obligation
    level of disclosure.taxonomy.obligations; every exchange cites the climate articles alike."""
    from disclosure.taxonomy.obligations import obligation

    d = definition()
    files = package_files()
    ns = {"link": "http://www.xbrl.org/2003/linkbase", "ref": "http://www.xbrl.org/2006/ref"}
    cited: dict[str, dict[str, str]] = {}
    for key in ("sse", "szse", "bse"):
        root = etree.fromstring(files[f"{d.date}/cn-ghg-ref-{key}.xml"])
        for res in root.iterfind(".//link:reference", ns):
            concept = res.get("id", "").split("_")[0]
            ob = obligation(concept)
            level = res.findtext(f"{{{d.namespace}}}ObligationLevel")
            item = res.findtext(f"{{{d.namespace}}}ChecklistItem")
            assert (level, item or "") == ((ob.level, ob.item) if ob else (None, "")), concept
            cited.setdefault(concept, {})[key] = res.findtext("ref:Article", namespaces=ns) or ""
    assert {"sse", "szse", "bse"} == set(cited["Scope1GHGEmissions"])
    assert all(len(set(articles.values())) == 1 for articles in cited.values())
    assert cited["EnergyConsumption"]["bse"] == "35"


def test_the_mandatory_list_is_one_list() -> None:
    """VR-RPT-001, the checker's check and docs/filing-rules.md use disclosure.taxonomy.obligations."""
    from disclosure.taxonomy.obligations import mandatory_items, markdown

    items = mandatory_items("mandatory")
    assert {"Scope1GHGEmissions", "Scope2LocationBasedGHGEmissions", "EnergyConsumption"} <= {i.concept for i in items}
    formula = etree.fromstring(package_files()[f"{definition().date}/cn-ghg-for.xml"])
    select = formula.xpath("//*[@*[local-name()='label']='VR-RPT-001_names']/@select")[0]
    assert select == "(" + ", ".join(f"'{i.concept}|{'total' if i.total else 'any'}'" for i in items) + ")"
    docs = (Path(__file__).parent.parent / "docs" / "filing-rules.md").read_text(encoding="utf-8")
    assert markdown() in docs, "regenerate the table in docs/filing-rules.md from obligations.markdown()"


def test_enumerations_point_to_their_domains_with_the_report_vocabulary(dts: Any) -> None:
    from disclosure.vocabulary import label

    d = definition()
    enums = [c for c in d.concepts.values() if c.enumeration]
    assert {"ConsolidationApproach", "EntityOwnershipType", "FacilityProvince", "BasisOfPreparation",
            "TargetScopesCovered", "GlobalWarmingPotentialSet", "AssuranceLevel", "Scope3DataQuality"} <= {
        c.name for c in enums}
    for c in enums:
        concept = dts.qnameConcepts[ModelQName(d.namespace, c.name)]
        assert concept.isEnumeration and concept.isEnumDomainUsable is False, c.name
        assert concept.enumDomainQname.localName == c.domain
    assert d.concepts["OperationalControlApproachMember"].label["zh-CN"] == label(
        "consolidation-approach", "operational-control", "zh-CN")
    assert d.concepts["QinghaiMember"].label == {"zh-CN": "青海", "en": "Qinghai"}


def test_tce_is_a_unit_registry_entry_arelle_can_enforce(package: Path, tmp_path: Path) -> None:
    """cn-ghg-units.xml is in the UTR's format: merged into the UTR, Arelle enforces it on
    coalEquivalentItemType exactly as on the UTR's own types."""
    import arelle

    from tests.conformance.filings import base

    ours = etree.fromstring(package_files()[f"{definition().date}/cn-ghg-units.xml"])
    utr_file = Path(arelle.__file__).parent / "resources/cache/http/www.xbrl.org/utr/utr.xml"
    utr = etree.parse(str(utr_file)).getroot()
    units = utr.find("{http://www.xbrl.org/2009/utr}units")
    units.extend(ours.find("{http://www.xbrl.org/2009/utr}units"))
    merged = tmp_path / "utr.xml"
    merged.write_bytes(etree.tostring(utr))
    from disclosure.xbrl.arelle import load

    good, bad = tmp_path / "good.xbrl", tmp_path / "bad.xbrl"
    good.write_bytes(base().xml())
    wrong = base()
    wrong.units["u_tce"] = ("utr:MWh", None)
    bad.write_bytes(wrong.xml())
    assert [m.code for m in load(good, [package], utr=merged).messages if m.failing] == []
    codes = {m.code for m in load(bad, [package], utr=merged).messages if m.failing}
    assert {"utre:error-NumericFactUtrInvalid", "message:VR-UNIT-002"} <= codes


def _visible_text(html: bytes) -> str:
    root = etree.fromstring(html)
    for hidden in root.iter("{http://www.xbrl.org/2013/inlineXBRL}header"):
        hidden.getparent().remove(hidden)
    return "".join(next(root.iter("{http://www.w3.org/1999/xhtml}body")).itertext())


@pytest.mark.parametrize("name", SAMPLES)
def test_inline_report_shows_labels_not_codes(outputs: dict[str, Path], name: str) -> None:
    html = (outputs[name] / "report.html").read_bytes()
    text = _visible_text(html)
    for code in ("operational-control", "equity-share", "provincial-soe", "central-soe", "sse-no14", "szse-no17",
                 "ifrs-s2", "qinghai", "guangdong", "jiangsu", definition().namespace):
        assert code not in text, code
    root = etree.fromstring(html)
    ix = "{http://www.xbrl.org/2013/inlineXBRL}"
    hidden = {el.get("id"): el for el in root.iter(f"{ix}nonNumeric") if el.getparent().tag == f"{ix}hidden"}
    spans = [el for el in root.iter("{http://www.w3.org/1999/xhtml}span")
             if (el.get("style") or "").startswith("-ix-hidden:")]
    shown = {el.get("style").split(":", 1)[1]: "".join(el.itertext()) for el in spans}
    enumerations = {i for i, el in hidden.items() if (el.text or "").startswith(definition().namespace)}
    assert set(shown) <= enumerations and shown  # what the report prints shows the enumeration's labels
    approach = next(el for el in hidden.values() if el.get("name") == "cn-ghg:ConsolidationApproach")
    member = approach.text.split("#")[1]
    assert shown[approach.get("id")] == definition().concepts[member].label["zh-CN"]
    english = next(el for el in root.iter(f"{ix}nonNumeric") if el.get("name") == "cn-ghg:EntityNameEnglish")
    assert english.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_province_spellings_are_one_member(samples: Path) -> None:
    """The Qinghai sample writes 青海 for one facility and qinghai for another: one member."""
    outcome = validate(load(samples / "qinghai-aluminium" / "filing.yaml"))
    assert outcome.filing is not None and outcome.figures is not None
    spellings = {fac.province for fac in outcome.filing.facilities}
    assert {"青海", "qinghai"} <= spellings
    members = {f.enum for f in facts(outcome.filing, outcome.figures) if f.concept == "FacilityProvince"}
    assert members == {("QinghaiMember",)}


@pytest.mark.parametrize("name", SAMPLES)
def test_build_writes_report_packages_a_regulator_accepts(outputs: dict[str, Path], name: str) -> None:
    from disclosure.check import Limits, check_file

    pkg = outputs[name] / "cn-ghg-2026.zip"
    for package_name, inside in (("report.xbri", "report.html"), ("report.xbr", "report.xbrl")):
        data = (outputs[name] / package_name).read_bytes()
        archive = zipfile.ZipFile(io.BytesIO(data))
        top = archive.namelist()[0].split("/")[0]
        assert sorted(archive.namelist()) == [f"{top}/META-INF/reportPackage.json", f"{top}/reports/{inside}"]
        assert archive.read(f"{top}/reports/{inside}") == (outputs[name] / inside).read_bytes()
        kind = json.loads(archive.read(f"{top}/META-INF/reportPackage.json"))["documentInfo"]["documentType"]
        assert kind == "https://xbrl.org/report-package/2023/" + package_name.split(".")[1]
        result = check_file(outputs[name] / package_name, pkg, Limits())
        assert result.valid and result.kind == "package", [(f.code, f.message_en) for f in result.findings]


@pytest.mark.parametrize("name", SAMPLES)
def test_viewer_shows_sections_in_chinese(outputs: dict[str, Path], name: str) -> None:
    page = etree.parse(str(outputs[name] / "report-viewer.html"))
    script = next(s.text for s in page.getroot().iter("{http://www.w3.org/1999/xhtml}script")
                  if s.get("type") == "application/x.ixbrl-viewer+json")
    report = json.loads(script)["sourceReports"][0]["targetReports"][0]
    zh = {labels.get("zh-cn") for labels in report["roleDefs"].values()}
    assert "[500000] 温室气体排放量" in zh
    concept = report["concepts"]["cn-ghg:ConsolidationApproach"]["labels"]["std"]
    assert concept["zh-cn"] == "温室气体核算合并方法"


# --- the 2026 checklist items (issue 13): energy, financial effects, materiality... ------------------------

def _instance_facts(path: Path) -> dict[tuple[str, frozenset[tuple[str, str]]], str]:
    """(concept, dimensions) -> value of every report-year fact of an instance (dimension values are the
    explicit member's local name or the typed member's text)."""
    root = etree.fromstring(path.read_bytes())
    ns = definition().namespace
    contexts: dict[str, tuple[str, frozenset[tuple[str, str]]]] = {}
    for ctx in root.iter(f"{{{XBRLI}}}context"):
        start = next(ctx.iter(f"{{{XBRLI}}}startDate")).text or ""
        dims = set()
        for member in ctx.iter("{http://xbrl.org/2006/xbrldi}explicitMember", "{http://xbrl.org/2006/xbrldi}typedMember"):
            axis = str(member.get("dimension")).split(":")[1]
            value = (member.text or "").split(":")[-1] if len(member) == 0 else (member[0].text or "")
            dims.add((axis, value))
        contexts[str(ctx.get("id"))] = (start, frozenset(dims))
    out = {}
    for el in root:
        if isinstance(el.tag, str) and el.tag.startswith(f"{{{ns}}}"):
            start, dims = contexts[str(el.get("contextRef"))]
            if start.startswith("2025"):
                out[(etree.QName(el).localname, dims)] = el.text or ""
    return out


def _q(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_UP")


@pytest.mark.parametrize("name", SAMPLES)
def test_new_checklist_concepts_carry_the_computed_figures(samples: Path, outputs: dict[str, Path], name: str) -> None:
    """Each sample's instance carries the issue-13 concepts where the sample has the data, with the values
    the compute stage produced (energy, clean energy by channel, financial effects, exposures, capital,
    carbon price, remuneration, materiality, energy targets), and the energy parts add up."""
    outcome = validate(load(samples / name / "filing.yaml"))
    filing, figures = outcome.filing, outcome.figures
    assert filing is not None and figures is not None and figures.energy is not None and figures.finance is not None
    got = _instance_facts(outputs[name] / "report.xbrl")
    none: frozenset[tuple[str, str]] = frozenset()

    def value(concept: str, *dims: tuple[str, str]) -> Decimal:
        return Decimal(got[(concept, frozenset(dims))])

    en, fin = figures.energy, figures.finance
    assert value("DirectEnergyConsumption") == _q(en.direct_tce, 0)
    assert value("IndirectEnergyConsumption") == _q(en.indirect_tce, 0)
    assert abs(value("DirectEnergyConsumption") + value("IndirectEnergyConsumption") - value("EnergyConsumption")) <= 1
    assert en.intensity_revenue is not None  # every sample gives its revenue
    assert value("EnergyIntensityPerRevenue") == _q(en.intensity_revenue / 10000, 8)
    for key, (tce_per_unit, _unit) in en.intensity_product.items():
        assert value("EnergyIntensityPerUnitOfProduct", ("ProductAxis", key)) == _q(tce_per_unit, 4)
    assert filing.energy is not None and filing.energy.clean  # every sample reports clean energy
    assert value("CleanEnergyConsumption") == _q(en.clean_tce, 0)
    assert en.clean_share_pct is not None and value("CleanEnergyShare") == _q(en.clean_share_pct / 100, 3)
    channels = {c.channel for c in en.clean}
    assert {k for (c, dims) in got for (axis, k) in dims if c == "CleanEnergyConsumption"
            and axis == "CleanEnergyChannelAxis"} == {
        {"self-generated": "SelfGeneratedCleanEnergyMember", "green-power-trade": "GreenPowerTradingMember",
         "green-certificate": "GreenElectricityCertificatesMember", "grid-share": "GridCleanEnergyShareMember",
         "direct-use": "DirectUseCleanEnergyMember"}[c] for c in channels}
    for t in en.targets:
        if t.progress_pct is not None:
            assert value("EnergyTargetProgressPercentage", ("TargetAxis", t.id)) == _q(t.progress_pct / 100, 3)
    for effect in fin.effects:
        prefix = "Current" if effect.when == "current" else "Anticipated"
        if effect.low_10k is not None:
            assert value(f"{prefix}FinancialEffectLowerBound", ("RiskOrOpportunityAxis", effect.risk)) == \
                effect.low_10k * 10000
        if effect.high_10k is not None:
            assert value(f"{prefix}FinancialEffectUpperBound", ("RiskOrOpportunityAxis", effect.risk)) == \
                effect.high_10k * 10000
    assert any(e.quantified for e in fin.effects)
    names = {"transition-risk": "VulnerableToTransitionRisks", "physical-risk": "VulnerableToPhysicalRisks",
             "opportunity": "AlignedWithClimateOpportunities"}
    bases = {"assets": "AssetsBasisMember", "revenue": "RevenueBasisMember",
             "business-activities": "BusinessActivitiesBasisMember"}
    assert fin.exposures
    for x in fin.exposures:
        dim = ("ExposureBasisAxis", bases[x.basis])
        assert value(f"AssetsOrBusinessActivities{names[x.category]}", dim) == x.amount_10k * 10000
        if x.percentage is not None:
            # computed from total assets or revenue: one decimal in %; given by the filer: as given
            assert value(f"PercentageOfAssetsOrBusinessActivities{names[x.category]}", dim) == \
                (_q(x.percentage / 100, 3) if x.computed else x.percentage / 100)
    assert value("CapitalDeployedTowardsClimateRisksAndOpportunities") == sum(fin.capital_10k.values()) * 10000
    cm = filing.climate_metrics
    assert cm is not None and cm.internal_carbon_price is not None and cm.remuneration is not None
    if cm.internal_carbon_price.price is not None:
        assert value("InternalCarbonPrice") == cm.internal_carbon_price.price
    assert got[("EntityAppliesInternalCarbonPrice", none)] == str(cm.internal_carbon_price.applied).lower()
    if cm.remuneration.share_pct is not None:  # given: as given
        assert value("PercentageOfExecutiveRemunerationLinkedToClimate") == cm.remuneration.share_pct / 100
    if any(o.revenue is not None for o in filing.low_carbon):
        assert value("LowCarbonProductRevenue") == fin.low_carbon_revenue_10k * 10000
    assert filing.report.double_materiality is not None
    for topic in filing.report.double_materiality.topics:
        member = "".join(p.title() for p in topic.topic.value.split("-")) + "TopicMember"
        dim = frozenset({("SustainabilityTopicAxis", member)})
        assert got[("TopicFinancialMateriality", dim)] == str(topic.financial).lower()
        assert got[("TopicImpactMateriality", dim)] == str(topic.impact).lower()
    for concept in ("ForwardLookingInformationExplanatory", "SignificantJudgementsAndUncertaintyExplanatory",
                    "ClimateResilienceUncertaintiesExplanatory"):
        assert got[(concept, none)].strip(), concept
    if filing.restatements:
        assert got[("RestatementOfPriorYearFiguresExplanatory", none)].strip()
    for t in filing.targets:
        if t.gross_or_net is not None:
            assert got[("TargetIsNetTarget", frozenset({("TargetAxis", t.id)}))] == str(t.gross_or_net == "net").lower()
        if t.gases:
            assert got[("TargetGasesCovered", frozenset({("TargetAxis", t.id)}))]
    if fin.reduction_investment_10k:
        assert value("GHGReductionInvestment") == fin.reduction_investment_10k * 10000


def test_no_checklist_item_is_left_with_proposed_concepts() -> None:
    """Every concept the checklist proposed is now in the taxonomy and named by its item."""
    from disclosure import checklist

    assert [(i.id, i.proposed) for i in checklist.items() if i.proposed] == []
    concepts = definition().concepts
    for item in checklist.items():
        for name in item.concepts:
            assert name in concepts and not concepts[name].abstract, (item.id, name)


def test_new_monetary_concepts_have_their_balance() -> None:
    """Amounts spent are debits, revenue a credit; amounts whose nature depends on the basis or the risk have
    no balance (written in the schema by Arelle's reading)."""
    d = definition()
    expected = {"CapitalDeployedTowardsClimateRisksAndOpportunities": "debit", "EnergySavingInvestment": "debit",
                "GHGReductionInvestment": "debit", "LowCarbonResearchAndDevelopmentExpense": "debit",
                "LowCarbonProductRevenue": "credit", "RevenueUsedForGHGIntensity": "credit",
                "CurrentFinancialEffectLowerBound": None,
                "AssetsOrBusinessActivitiesVulnerableToTransitionRisks": None}
    schema = etree.fromstring(generated_files()[f"{d.date}/{d.prefix}-cor.xsd"])
    balance = {el.get("name"): el.get(f"{{{XBRLI}}}balance")
               for el in schema.iter("{http://www.w3.org/2001/XMLSchema}element")}
    assert {name: balance[name] for name in expected} == expected
