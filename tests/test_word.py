"""The Word report: template set, content and figures, golden dumps, determinism, charts' CJK text,
and (slow) the PDF LibreOffice makes of it."""

from __future__ import annotations

import io
import re
import subprocess
import warnings
import zipfile
from decimal import Decimal
from pathlib import Path

import jinja2.meta
import pytest
import yaml
from lxml import etree

from disclosure import load, validate
from disclosure.build import BuildOptions, RenderInput, build
from disclosure.errors import DisclosureError
from disclosure.resources import templates
from disclosure.word import DOCX, blocks, content, markup, render
from disclosure.word import charts as charts_module
from disclosure.word.context import context
from disclosure.word.document import Table
from disclosure.word.reference import reference
from disclosure.xbrl.facts import rounded
from tests.wordtext import dump, tables

SAMPLES = ["qinghai-aluminium", "central-soe-power", "szse-cement"]


def _caption(found: dict[str, list[list[str]]], title: str) -> list[list[str]]:
    """The table captioned ``title`` whatever its number (表5-1 …: numbered at render time)."""
    matches = [rows for caption, rows in found.items() if caption.split(" ", 1)[-1] == title]
    assert len(matches) == 1, (title, list(found))
    return matches[0]
GOLDEN = Path(__file__).parent / "golden"
IX = "http://www.xbrl.org/2013/inlineXBRL"


def _ctx(samples: Path, name: str, lang: str = "zh-CN", ghg_unit: str = "t") -> RenderInput:
    loaded = load(samples / name / "filing.yaml")
    outcome = validate(loaded)
    assert outcome.filing is not None and outcome.figures is not None
    return RenderInput(outcome.filing, outcome.figures, loaded,
                       BuildOptions(output=Path("unused"), lang=lang, ghg_unit=ghg_unit))


@pytest.fixture(scope="module")
def docx(samples: Path) -> dict[tuple[str, str], bytes]:
    return {(name, lang): render(_ctx(samples, name, lang))[DOCX] for name in SAMPLES for lang in ("zh-CN", "en")}


# --- the template set ---------------------------------------------------------------------------

def _manifest() -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(templates().joinpath("report", "template.yaml").read_text("utf-8"))
    return data


def test_reference_document_is_generated_from_code() -> None:
    committed = templates().joinpath("report", "reference.docx").read_bytes()
    assert committed == reference(), "run: python -m disclosure.word.reference"


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_templates_use_only_the_declared_context(lang: str) -> None:
    source = templates().joinpath("report", lang, "report.md.j2").read_text("utf-8")
    used = jinja2.meta.find_undeclared_variables(markup.environment().parse(source))
    declared = set(_manifest()["context"])  # type: ignore[arg-type]
    assert used <= declared, used - declared
    directives = set(re.findall(r"^::(?:table|chart) (\w+)", source, re.M))
    assert directives <= set(_manifest()["tables"]) | set(_manifest()["charts"])  # type: ignore[arg-type]


@pytest.mark.parametrize("name", SAMPLES)
def test_the_report_provides_every_declared_key(samples: Path, name: str) -> None:
    ctx = _ctx(samples, name)
    built = content.build(ctx.filing, ctx.figures, [], "zh-CN", markup.texts("zh-CN"), "t")
    assert set(context(built.builder)) == set(_manifest()["context"])  # type: ignore[arg-type]
    assert set(built.tables) <= set(_manifest()["tables"])  # type: ignore[arg-type]
    assert set(built.images) <= set(_manifest()["charts"])  # type: ignore[arg-type]


def test_texts_of_both_languages_have_the_same_keys() -> None:
    def keys(data: object, prefix: str = "") -> set[str]:
        if isinstance(data, dict):
            return set().union(*(keys(v, f"{prefix}{k}.") for k, v in data.items())) | {prefix}
        return {prefix}

    zh, en = markup.texts("zh-CN"), markup.texts("en")
    assert keys(zh) == keys(en)
    for table, heads in zh["headers"].items():
        assert len(heads) == len(en["headers"][table]), table


def test_an_undefined_template_name_is_a_coded_error() -> None:
    with pytest.raises(DisclosureError) as err:
        markup.render("zh-CN", {"t": markup.texts("zh-CN")})
    assert err.value.code == "build.template"


def test_unknown_directive_is_a_coded_error() -> None:
    with pytest.raises(DisclosureError) as err:
        markup.parse("::nonsense x\n", {})
    assert err.value.code == "build.template"


def test_markup_parses_headings_paragraphs_bullets_and_bold() -> None:
    parsed = markup.parse("# A\n## B\nline one\nline two\n\n- x\n- **y**: z\n::pagebreak\n", {})
    kinds = [type(b).__name__ for b in parsed]
    assert kinds == ["Heading", "Heading", "Para", "Bullets", "PageBreak"]
    assert parsed[2].text == "line one line two"  # type: ignore[union-attr]
    assert markup.parse("第一行。\n第二行\n", {})[0].text == "第一行。第二行"  # type: ignore[union-attr]


# --- content -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", SAMPLES)
def test_sections_follow_the_guidelines_order(docx: dict[tuple[str, str], bytes], name: str) -> None:
    text = dump(docx[(name, "zh-CN")])
    h1 = [line[3:] for line in text.splitlines() if line.startswith("H1 ")]
    sections = dict(markup.texts("zh-CN")["sections"])
    if name != "central-soe-power":  # the assurance appendix only where the filing has an assurance statement
        del sections["assurance_statement"]
    assert h1 == list(sections.values())
    assert "TOC-FIELD" in text
    assert text.count("IMAGE") >= 2  # emissions by year and the energy mix at least


@pytest.mark.parametrize("name", SAMPLES)
def test_key_figures_in_the_tables_equal_the_computed_values(samples: Path, docx: dict[tuple[str, str], bytes],
                                                            name: str) -> None:
    ctx = _ctx(samples, name)
    fig = ctx.figures
    found = tables(docx[(name, "zh-CN")])
    summary = {row[0]: row[1] for row in _caption(found, "温室气体排放总览")[1:]}
    assert summary["范围一"] == f"{rounded(fig.totals.scope1, 0):,}"
    assert summary["范围二（基于位置）"] == f"{rounded(fig.totals.scope2_location, 0):,}"
    assert summary["范围二（基于市场）"] == f"{rounded(fig.totals.scope2_market, 0):,}"
    assert summary["范围一和范围二合计（基于位置）"] == f"{rounded(fig.total_location, 0):,}"
    assert summary["综合能源消费量（吨标准煤）"] == f"{rounded(fig.energy_total_tce, 0):,}"
    facilities = {row[0]: row for row in _caption(found, "按设施分列的排放量")[1:]}
    names = {f.id: f.name.get("zh-CN") for f in ctx.filing.facilities}
    for result in fig.facilities:
        row = facilities[names[result.id]]
        assert row[4] == f"{rounded(result.scope1, 0):,}"
        assert row[5] == f"{rounded(result.scope2_location, 0):,}"
    gas = _caption(found, "按温室气体种类分列的范围一排放量")
    assert gas[-1][1] == f"{rounded(fig.totals.scope1, 0):,}"
    energy = _caption(found, "按能源品种分列的能源消费量")
    parts = sum(Decimal(row[1].replace(",", "")) for row in energy[1:-1])
    assert abs(parts - Decimal(energy[-1][1].replace(",", ""))) <= len(energy) - 2  # each part rounded once


NOT_FACTS = ("折标准煤系数及其依据", "核算参数来源统计", "缺省值替代明细", "使用的排放因子及其出处", "全球变暖潜势")
"""Tables of counts, parameter values and factor values (inputs, not reported figures)."""


def _decimals(node: object, seen: set[int] | None = None) -> set[Decimal]:
    """Every Decimal in a dataclass or pydantic tree (computed figures, or filing inputs)."""
    import dataclasses

    from pydantic import BaseModel

    seen = seen if seen is not None else set()
    if id(node) in seen:
        return set()
    seen.add(id(node))
    if isinstance(node, Decimal):
        return {node}
    out: set[Decimal] = set()
    if isinstance(node, BaseModel):
        children: list[object] = [getattr(node, k) for k in type(node).model_fields]
    elif dataclasses.is_dataclass(node):
        children = [getattr(node, f.name) for f in dataclasses.fields(node)]
    elif isinstance(node, dict):
        children = list(node.values())
    elif isinstance(node, (list, tuple)):
        children = list(node)
    else:
        return out
    for child in children:
        out |= _decimals(child, seen)
    return out


def _shown(values: set[Decimal]) -> set[Decimal]:
    """The values as the report may round them (0, 1, 2, 4 or 6 places)."""
    return {rounded(v, p) for v in values for p in (0, 1, 2, 4, 6)}


def _published_quality(ctx: RenderInput) -> set[Decimal]:
    """The data-quality figures figures.json publishes, as the report rounds them (quantities and
    tonnes to units, percentages to one or two places)."""
    from disclosure.output import figures_dict

    out: set[Decimal] = set()

    def walk(node: object, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", node):
            value = Decimal(node)
            if key.endswith("_pct"):
                out.update((rounded(value, 1), rounded(value, 2)))
            else:  # a gap below half a unit is shown to as many places (up to 3) as show its first digit
                places = 0
                while key == "gap" and places < 3 and value and not rounded(abs(value), places):
                    places += 1
                out.add(rounded(value, places))

    walk(figures_dict(ctx.figures)["quality"])
    return out


def test_quality_figures_are_published_and_in_the_trail(samples: Path) -> None:
    """The data-quality section's computed numbers are in figures.json and each check, meter row and
    reconciliation has its trail step."""
    from disclosure.output import figures_dict

    ctx = _ctx(samples, "central-soe-power")
    q = figures_dict(ctx.figures)["quality"]
    assert q["cross_checks"] and q["meters"] and q["verification"] and q["substitutions"]
    coal = next(c for c in q["cross_checks"] if c["subject"] == "coal")
    assert Decimal(coal["gap"]) == Decimal(coal["reported"]) - Decimal(coal["second_source"])  # ours − the other source
    assert coal["result"] == "within" and len(coal["months"]) == 12
    assert Decimal(q["substitution_difference"]) == sum(
        Decimal(s["difference"]) for s in q["substitutions"] if s["difference"] is not None)
    assert Decimal(q["meter_coverage"]["share_pct"]) == (Decimal(q["meter_coverage"]["calibrated_emissions"]) * 100
                                                        / Decimal(q["meter_coverage"]["emissions"]))
    ids = {e.id for e in ctx.figures.trail}
    assert {f"check/DH/{c['subject']}/{c['kind']}" for c in q["cross_checks"]} <= ids
    assert {f"meters/{m['facility']}/{m['source']}" for m in q["meters"]} <= ids
    assert {f"verify/{r['facility']}/{r['scope']}" for r in q["verification"]} <= ids


@pytest.mark.parametrize("name", SAMPLES)
def test_every_number_in_the_tables_is_a_reported_figure_or_an_input(samples: Path,
                                                                    docx: dict[tuple[str, str], bytes],
                                                                    name: str) -> None:
    """No number comes from nowhere: each numeric cell of the figure tables equals an XBRL fact (as
    rounded for the report), a quantity the filing states (credits, projects, reductions) or a
    data-quality figure figures.json publishes (cross-check sums and gaps, meter coverage)."""
    from disclosure.xbrl.facts import facts as all_facts

    ctx = _ctx(samples, name)
    known = {f.value for f in all_facts(ctx.filing, ctx.figures) if isinstance(f.value, Decimal)}
    known |= {f.value * 100 for f in all_facts(ctx.filing, ctx.figures)
              if isinstance(f.value, Decimal) and f.unit == "pure"}  # shares and progress shown in %
    known |= {f.value * 10_000 for f in all_facts(ctx.filing, ctx.figures)
              if isinstance(f.value, Decimal) and f.unit == "tCO2e/CNY"}  # intensities shown per 万元
    known |= {f.value / 10_000 for f in all_facts(ctx.filing, ctx.figures)
              if isinstance(f.value, Decimal) and f.unit == "CNY"}  # revenue shown in 万元
    market = ctx.filing.carbon_market
    if market is not None:
        known |= {rounded(x, 0) for c in market.credits for x in (c.quantity,)}
        known |= {rounded(x, 0) for p in market.ccer_projects for x in (p.issued, p.sold)}
        known |= {rounded(r.quantity, 0) for r in market.reductions}
    # Energy and climate-finance figures are computed here but not yet tagged (no concepts until the
    # taxonomy work lands): they count when they are a computed figure or an input of the filing.
    f = ctx.filing
    known |= _shown(_decimals(ctx.figures.energy) | _decimals(ctx.figures.finance))
    known |= _shown(_decimals([f.energy, f.climate_metrics, f.low_carbon, f.restatements, f.targets, market]))
    known |= _shown({ctx.figures.totals.scope1, ctx.figures.totals.scope2_location, ctx.figures.total_location,
                     *ctx.figures.intensity_revenue.values()})
    known |= _published_quality(ctx)
    number = re.compile(r"^[-+]?[0-9][0-9,]*(\.[0-9]+)?%?( (t|MWh|GJ|10\^4Nm3))?$")
    checked = 0
    for caption, rows in tables(docx[(name, "zh-CN")]).items():
        if caption.split(" ", 1)[-1] in NOT_FACTS:
            continue
        for row in rows[1:]:
            for column, whole in enumerate(row[1:], 1):
                both = re.fullmatch(r"(.+)（([-+]?<?[0-9.]+%|—)）", whole)  # a gap and its percentage
                for cell in both.groups() if both else (whole,):
                    text = cell.split(" ")[0]
                    if not number.match(cell) or (not both and text.endswith("%") and rows[0][column] in (
                            "占比", "同比变化", "差异", "实测比例", "CCER占义务比例")):
                        continue
                    if re.fullmatch(r"(19|20)[0-9]{2}", text):
                        continue  # a year
                    value = Decimal(text.rstrip("%").replace(",", ""))
                    assert value in known, f"{caption}: {whole}"
                    checked += 1
    assert checked > 30


@pytest.mark.parametrize("name", SAMPLES)
def test_word_shows_the_figures_the_inline_xbrl_shows(samples: Path, tmp_path: Path,
                                                      docx: dict[tuple[str, str], bytes], name: str) -> None:
    """Every current-year undimensioned figure the iXBRL report displays appears, as displayed, in Word."""
    out = tmp_path / "out"
    build(samples / name / "filing.yaml", BuildOptions(output=out, verify=False))
    assert (out / DOCX).read_bytes() == docx[(name, "zh-CN")]
    html = etree.parse(str(out / "report.html"))
    cells = {cell for rows in tables(docx[(name, "zh-CN")]).values() for row in rows for cell in row}
    shown = [el for el in html.iter(f"{{{IX}}}nonFraction") if el.get("contextRef") == "c1"
             and el.get("name", "").split(":")[1] in {
                 "Scope1GHGEmissions", "Scope2LocationBasedGHGEmissions", "Scope2MarketBasedGHGEmissions",
                 "Scope1And2LocationBasedGHGEmissions", "EnergyConsumption", "Scope3GHGEmissions"}]
    assert shown
    for el in shown:
        assert el.text in cells, el.get("name")


INDEX_TITLE = "披露索引（对照交易所指引、编制指南及所采用准则的逐项要求）"


def _index(samples: Path, docx: dict[tuple[str, str], bytes], name: str) -> tuple[list[str], dict[str, list[str]]]:
    """The index as the Word report prints it (header, then rows by checklist id; the id is the row's key,
    never printed)."""
    ctx = _ctx(samples, name)
    keys = content.build(ctx.filing, ctx.figures, [], "zh-CN", markup.texts("zh-CN"), "t").tables["index"].keys
    found = _caption(tables(docx[(name, "zh-CN")]), INDEX_TITLE)
    assert len(found) - 1 == len(keys)
    return found[0], dict(zip(keys, found[1:], strict=True))


@pytest.mark.parametrize("name", SAMPLES)
def test_disclosure_index_lists_every_item_that_applies(samples: Path, docx: dict[tuple[str, str], bytes],
                                                        name: str) -> None:
    """The index is the checklist filtered by the filer's classes; each row says where, or why not;
    no internal id is printed."""
    from disclosure import checklist

    ctx = _ctx(samples, name)
    header, index = _index(samples, docx, name)
    assert header == ["披露要求", "依据（条款）", "要求", "披露位置或未披露原因", "页码"]
    expected = []
    for i in checklist.items():
        if checklist.obligation(i, ctx.filing) is not None:
            expected.append(i.id)
        if i.id == "RPT-16":  # then a row per material topic (Arts. 5, 7)
            expected += [f"TOPIC-{t.topic.value}" for t in checklist.material_topics(ctx.filing)]
    assert list(index) == expected
    assert not any(item in cell for item in index for row in index.values() for cell in row)
    texts = markup.texts("zh-CN")
    places = set(texts["sections"].values()) | {f"{texts['sections'][a]} › {texts['subsections'][b]}"
                                                 for a, b in (i.section.split(".") for i in checklist.items()
                                                              if "." in i.section)}
    for item, row in index.items():
        if item.startswith("TOPIC-"):
            assert row[3] in places or row[3].startswith("详见"), row
            continue
        state = checklist.status(checklist.item(item), ctx.filing, ctx.figures)
        assert state != "missing", row  # the samples validate clean: nothing required is missing
        if state == "met" and checklist.item(item).fact:  # a fact, not a section: 本表, 已于…上传…
            assert row[3] not in places and row[4] == "—", row
        elif state == "met":
            assert row[3] in places, row
        else:
            assert row[3].startswith(("未披露", "不适用", "不在本报告范围")), row
            assert row[4] == "—", row
        assert row[1] and row[2], row  # every row names its source and article, and its level


def test_index_shows_energy_financial_effect_and_materiality_items(samples: Path,
                                                                   docx: dict[tuple[str, str], bytes]) -> None:
    texts = markup.texts("zh-CN")
    for name in SAMPLES:
        rows = _index(samples, docx, name)[1]
        assert rows["ENE-03"][3] == f"{texts['sections']['metrics']} › {texts['subsections']['energy_use']}"
        assert rows["ENE-05"][3] == f"{texts['sections']['metrics']} › {texts['subsections']['energy_use']}"
        assert rows["STR-11"][3] == f"{texts['sections']['strategy']} › {texts['subsections']['finance']}"
        assert rows["RPT-16"][3] == f"{texts['sections']['about']} › {texts['subsections']['materiality']}"
        assert "指引 第三十五条" in rows["MT-15"][1]


def test_omitted_item_is_explained_in_the_index(samples: Path, docx: dict[tuple[str, str], bytes]) -> None:
    ctx = _ctx(samples, "qinghai-aluminium")
    omitted = {o.item for o in ctx.filing.omissions}
    assert omitted
    index = _index(samples, docx, "qinghai-aluminium")[1]
    for item in omitted:
        assert index[item][3].startswith(("未披露：", "不适用：")), index[item]  # not applicable: the reason


def test_english_report_is_english(docx: dict[tuple[str, str], bytes]) -> None:
    text = dump(docx[("szse-cement", "en")])
    h1 = [line[3:] for line in text.splitlines() if line.startswith("H1 ")]
    sections = dict(markup.texts("en")["sections"])
    del sections["assurance_statement"]  # the cement filing has no assurance statement
    assert h1 == list(sections.values())
    headings = [line for line in text.splitlines() if line.startswith(("H1 ", "H2 ", "CAPTION "))]
    assert not any(re.search(r"[\u4e00-\u9fff]", line) for line in headings), headings


def test_wan_tonnes_display(samples: Path) -> None:
    data = render(_ctx(samples, "qinghai-aluminium", ghg_unit="10kt"))[DOCX]
    ctx = _ctx(samples, "qinghai-aluminium")
    summary = _caption(tables(data), "温室气体排放总览")
    assert "万吨二氧化碳当量" in summary[0][0]
    scope1 = rounded(ctx.figures.totals.scope1, 0)
    assert summary[1][1] == f"{scope1.scaleb(-4):,.4f}"  # 202.3247 万吨 = 2,023,247 t exactly


# --- golden dumps --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_golden_text(docx: dict[tuple[str, str], bytes], request: pytest.FixtureRequest, name: str,
                     lang: str) -> None:
    path = GOLDEN / f"{name}.{lang}.txt"
    text = dump(docx[(name, lang)])
    if request.config.getoption("--update-golden"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), "run: pytest tests/test_word.py --update-golden"
    assert text == path.read_text(encoding="utf-8"), f"report changed; review and run --update-golden ({path})"


# --- determinism ---------------------------------------------------------------------------------

def test_same_inputs_same_bytes_and_source_date_epoch(samples: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = render(_ctx(samples, "central-soe-power"))[DOCX]
    assert render(_ctx(samples, "central-soe-power"))[DOCX] == first
    zf = zipfile.ZipFile(io.BytesIO(first))
    published = _ctx(samples, "central-soe-power").filing.report.publication_date
    assert published is not None
    assert {i.date_time[:3] for i in zf.infolist()} == {(published.year, published.month, published.day)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    pinned = render(_ctx(samples, "central-soe-power"))[DOCX]
    zf = zipfile.ZipFile(io.BytesIO(pinned))
    assert {i.date_time for i in zf.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    assert b"<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-01-01T00:00:00Z" in zf.read("docProps/core.xml")


# --- charts --------------------------------------------------------------------------------------

def test_a_cjk_font_is_installed_for_the_charts() -> None:
    assert charts_module.cjk_font() is not None, "install fonts-noto-cjk (.ci/run does)"


def _svg_texts(svg: bytes, size: str | None = None) -> list[str]:
    """The chart's texts (of one font size in points, if given)."""
    return [t.text or "" for t in etree.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")
            if size is None or t.get("font-size") == size]


def test_chart_chinese_text_is_rendered_with_glyphs() -> None:
    """The chart's Chinese words are its text (SVG rendition), set in the Noto CJK face, no glyph missing."""
    from disclosure.word import canvas

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the chart writer warns "Glyph … missing from font(s)"
        svg = charts_module.stacked_bars(["2024", "2025"], [
            charts_module.Series("范围一", (Decimal(100), Decimal(120))),
            charts_module.Series("范围二（基于位置）", (Decimal(40), Decimal(30)))], "吨二氧化碳当量", fmt="svg")
        runs = canvas.runs("范围二（基于位置）tCO₂e", cjk=True)
    texts = _svg_texts(svg)
    assert "范围一" in texts and "吨二氧化碳当量" in texts and "范围二（基于位置）" in texts
    face = canvas.cjk_face()
    assert face is not None and "NotoSansCJK" in face[0]
    assert runs[0] == (face[0], face[1], "范围二（基于位置）tCO")  # CJK face; ₂ from DejaVu Sans, then back
    assert "DejaVuSans" in runs[1][0] and runs[1][2] == "₂" and runs[2][2] == "e"


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_report_charts_have_a_glyph_for_every_character(samples: Path, name: str, lang: str) -> None:
    """matplotlib warns 'Glyph … missing from font(s)' for each character it cannot draw: none here."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        render(_ctx(samples, name, lang))


def test_a_missing_glyph_would_be_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """Control for the test above: the same chart drawn without the CJK font does warn."""
    monkeypatch.setattr(charts_module, "cjk_font", lambda: None)
    with pytest.warns(UserWarning, match="missing from font"):
        charts_module.stacked_bars(["2025"], [charts_module.Series("范围一", (Decimal(1),))], "吨")


def test_without_a_cjk_font_charts_fall_back_to_english_and_say_so(samples: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without fonts-noto-cjk still builds (no missing-glyph boxes: warnings are errors here)."""
    monkeypatch.setattr(charts_module, "cjk_font", lambda: None)
    ctx = _ctx(samples, "qinghai-aluminium")
    data = render(ctx)[DOCX]
    assert any("fonts-noto-cjk" in n for n in ctx.notices)
    assert dump(data).count("IMAGE") == 3


def test_chart_labels_show_the_reported_total_not_the_sum_of_rounded_parts() -> None:
    svg = charts_module.stacked_bars(["2025"], [charts_module.Series("a", (Decimal(100),)),
                                                charts_module.Series("b", (Decimal(50),))], "t", fmt="svg",
                                     totals=[Decimal(151)])
    assert _svg_texts(svg, size="8") == ["151"]  # the label above the column (the axis is in 9 pt)


def test_chart_bars_are_drawn_to_scale() -> None:
    """In the PNG, each column's Scope 1 part is as tall as its value says (to a pixel or two)."""
    from PIL import Image

    values = (Decimal(1_000_000), Decimal(2_500_000), Decimal(400_000))
    png = charts_module.stacked_bars(["2023", "2024", "2025"], [charts_module.Series("范围一", values)], "吨")
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colour = tuple(int(charts_module.PALETTE[0][i:i + 2], 16) for i in (1, 3, 5))
    counts = [sum(image.getpixel((x, y)) == colour for y in range(image.height)) for x in range(image.width)]
    columns: list[list[int]] = []  # runs of x where the colour is drawn: the three columns
    for x, n in enumerate(counts):
        if n and columns and columns[-1][-1] == x - 1:
            columns[-1].append(x)
        elif n:
            columns.append([x])
    assert len(columns) == 3
    heights = [counts[c[len(c) // 2]] for c in columns]
    assert all(abs(h / heights[1] - float(v / values[1])) < 0.01 for h, v in zip(heights, values, strict=True))


def test_donut_legend_with_long_names_stays_inside_the_chart() -> None:
    """Long names move the ring left and make it smaller: no legend text runs past the right edge."""
    from disclosure.word.canvas import measure

    svg = charts_module.donut(["Bituminous coal", "Purchased electricity from the regional grid", "Diesel"],
                              [Decimal(998), Decimal(1), Decimal(1)], "Energy", fmt="svg")
    root = etree.fromstring(svg)
    width = float(root.get("viewBox").split()[2])
    for text in root.iter("{http://www.w3.org/2000/svg}text"):
        if text.get("text-anchor") == "start":
            assert float(text.get("x")) + measure(text.text or "", float(text.get("font-size")), True) <= width


def test_charts_are_deterministic_png_at_300_dpi() -> None:
    def draw() -> bytes:
        return charts_module.donut(["烟煤", "外购电力"], [Decimal(3), Decimal(1)], "能源消费")

    first = draw()
    assert first == draw() and first[:8] == b"\x89PNG\r\n\x1a\n"
    from PIL import Image

    image = Image.open(io.BytesIO(first))
    assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)  # pHYs is per metre
    assert image.convert("RGB").getpixel((0, 0)) == (255, 255, 255)  # white as the page, not a shade off


def test_report_images_are_png(docx: dict[tuple[str, str], bytes]) -> None:
    zf = zipfile.ZipFile(io.BytesIO(docx[("qinghai-aluminium", "zh-CN")]))
    media = [n for n in zf.namelist() if n.startswith("word/media/")]
    assert len(media) == 3
    assert all(zf.read(n)[:8] == b"\x89PNG\r\n\x1a\n" for n in media)


def test_report_charts_print_at_300_dpi(docx: dict[tuple[str, str], bytes]) -> None:
    """Each chart image holds 300 pixels per inch of its printed width (print resolution, issue 12 item 4)."""
    import struct

    zf = zipfile.ZipFile(io.BytesIO(docx[("qinghai-aluminium", "zh-CN")]))
    xml = zf.read("word/document.xml").decode("utf-8")
    printed = [int(cx) for cx in re.findall(r'<wp:extent cx="(\d+)"', xml)]
    media = sorted(n for n in zf.namelist() if n.startswith("word/media/"))
    assert printed and len(printed) == len(media)
    for name, emu in zip(media, printed, strict=False):
        width_px = struct.unpack(">I", zf.read(name)[16:20])[0]
        assert width_px / (emu / 914400) >= 299, (name, width_px, emu)


def test_tables_fill_the_text_width() -> None:
    from disclosure.word.document import TEXT_WIDTH_CM, column_widths

    table = Table("t", ("设施", "范围一", "说明"), (("甲厂", "1,234,567", "很长的说明" * 10),), frozenset({1}))
    widths = column_widths(table)
    assert abs(sum(widths) - TEXT_WIDTH_CM) < 1e-9
    assert widths[1] >= 0.18 * 9 + 0.4 - 1e-9  # the number fits on one line


def test_blocks_carry_toc_entries(samples: Path) -> None:
    parsed, _ = blocks(_ctx(samples, "szse-cement"))
    toc = next(b for b in parsed if type(b).__name__ == "Toc")
    assert toc.entries[0] == (1, "一、关于本报告")  # type: ignore[attr-defined]


# --- PDF through LibreOffice (slow) ----------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("name", SAMPLES)
def test_pdf_has_the_headings_and_key_figures(samples: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    build(samples / name / "filing.yaml", BuildOptions(output=out, verify=False, pdf=True))
    pdf = out / "report.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout
    flat = re.sub(r"\s+", "", text)
    ctx = _ctx(samples, name)
    for key, heading in markup.texts("zh-CN")["sections"].items():
        if key == "assurance_statement" and ctx.filing.assurance is None:
            continue  # the appendix only where the filing has an assurance statement
        assert re.sub(r"\s+", "", heading) in flat, heading
    assert ctx.filing.entity.name.get("zh-CN") in flat
    for value in (ctx.figures.totals.scope1, ctx.figures.totals.scope2_location, ctx.figures.total_location):
        assert f"{rounded(value, 0):,}" in flat
    assert "温室气体排放总览" in flat
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, check=True, text=True).stdout
    assert len(images.splitlines()) - 2 >= 2  # the charts are in the PDF (two header lines in the listing)
    assert " jpeg " not in images  # kept lossless: exact colours and white, sharp edges
    # The table of contents carries the page each section really starts on in this PDF.
    pages = text.split("\f")
    metrics = "".join(markup.texts("zh-CN")["sections"]["metrics"].split())
    listed = re.search(re.escape(metrics) + r"\.{3,}(\d+)", flat)
    assert listed is not None, "no page number for the metrics section in the table of contents"
    starts = [i + 1 for i, page in enumerate(pages)
              if any("".join(line.split()) == metrics for line in page.splitlines())]
    assert int(listed.group(1)) == starts[-1]  # the last match: the heading itself, after the contents


def test_pdf_without_libreoffice_says_how_to_install(samples: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no soffice on it
    with pytest.raises(DisclosureError) as err:
        build(samples / "szse-cement" / "filing.yaml", BuildOptions(output=tmp_path / "out", verify=False, pdf=True))
    assert err.value.code == "build.pdf-unavailable"
    assert "libreoffice-writer-nogui" in (err.value.hint or "")
    assert not (tmp_path / "out").exists()


def test_columns_never_break_a_word_or_a_short_label() -> None:
    """A column is at least as wide as its longest word and its short labels (汇报频率, Mandatory), measured
    in the installed table font, so a label never wraps one character per line; tables are set in 五号
    (10.5 pt) and a table too wide for that is set smaller."""
    from disclosure.word.columns import FAMILY, PADDING_PT, layout
    from disclosure.word.metrics import width

    table = Table("t", ("机构", "汇报频率", "Level", "说明"),
                  (("董事会战略与可持续发展委员会", "每季度", "Mandatory", "很长的说明" * 30),), frozenset())
    fitted = layout(table.headers, table.rows)
    assert fitted.size == 10.5
    assert fitted.widths[1] >= width("汇报频率", 10.5, FAMILY, bold=True) + PADDING_PT
    assert fitted.widths[2] >= width("Mandatory", 10.5, FAMILY) + PADDING_PT
    wide = Table("t", tuple(f"第{i}列说明文字" for i in range(12)), (tuple("1,234,567" for _ in range(12)),),
                 frozenset(range(12)))
    assert layout(wide.headers, wide.rows, wide.numeric).size < 10.5


def test_a_long_cell_never_ends_on_a_lone_character() -> None:
    """A CJK text of n characters k to a line ends on a lone character when n = 1 (mod k): the cell gets a
    right indent that moves a character down (or its column a width where no cell does)."""
    from disclosure.word.columns import FAMILY, PADDING_PT, layout
    from disclosure.word.wrap import bad, lines

    text = "对标索引表；未披露议题按第七条说明"  # 17 characters: 8 + 8 + 1 at eight to a line
    rows = tuple((text, "强制", "说明" * 40) for _ in range(3)) + (("一二三四五六七八九十" * 3, "强制", "短"),)
    fitted = layout(("披露要求", "要求", "位置"), rows)
    indents = {(r, c): cut for r, c, cut in fitted.indents}
    for r, row in enumerate(rows, start=1):
        for c, cell in enumerate(row):
            room = fitted.widths[c] - PADDING_PT - indents.get((r, c), 0.0)
            assert not bad(lines(cell, room, fitted.size, FAMILY)), (cell, room)
    assert bad(lines(text, 8 * 10.5 + 0.2, 10.5, FAMILY))  # the trap the fitting avoids


def test_axis_tick_labels_never_run_together_and_the_legend_is_below_the_bars() -> None:
    """Review P2-10 (cement Figure 5-2): tick labels ran together (1,000,0001,200,000) and the legend was drawn
    over a bar. With long facility names the axis takes fewer ticks; the legend sits below the axis."""
    import re

    from disclosure.word import charts
    from disclosure.word.canvas import measure

    series = [charts.Series("范围一", (Decimal(1583259), Decimal(1387936), Decimal(1212571))),
              charts.Series("范围二（基于位置）", (Decimal(49708), Decimal(43643), Decimal(36345)))]
    names = ["英德熟料一线（5000t/d）（一期工程与二期工程合并）", "英德熟料二线（4500t/d）", "西江水泥熟料线"]
    svg = charts.horizontal_bars(names, series, "吨二氧化碳当量", fmt="svg").decode()
    texts = re.findall(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*text-anchor="(\w+)"[^>]*>([^<]*)</text>', svg)
    ticks = [(float(x), float(y), t) for x, y, anchor, t in texts if re.fullmatch(r"[\d,]+", t) and anchor == "middle"]
    assert len(ticks) >= 3
    cjk = charts.cjk_font() is not None
    spans = sorted((x - measure(t, charts.SIZE, cjk) / 2, x + measure(t, charts.SIZE, cjk) / 2) for x, _, t in ticks)
    assert all(a[1] + 4 <= b[0] for a, b in zip(spans, spans[1:], strict=False)), spans
    rect = r'<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"'
    bars = [float(y) + float(h) for y, h in re.findall(rect, svg)]
    legend = [float(y) for _, y, anchor, t in texts if t in ("范围一", "范围二（基于位置）")]
    assert legend and min(legend) > max(ticks, key=lambda t: t[1])[1] > max(bars[:-2])
