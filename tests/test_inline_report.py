"""The Inline XBRL document is the report: the Word report's headings, tables and words, every figure the
tables show tagged with its fact, text blocks tagged where printed, the rest hidden, and exactly the
facts of the XBRL instance (read by Arelle, offline)."""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import permutations
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from disclosure import load, validate
from disclosure.build import BuildOptions, build
from disclosure.render import RenderInput
from disclosure.taxonomy import definition, package_bytes
from disclosure.word import blocks
from disclosure.word.document import Image, Table
from disclosure.word.figures import Shown
from disclosure.xbrl.arelle import load as arelle_load
from disclosure.xbrl.facts import facts
from disclosure.xbrl.inline import display_number
from disclosure.xbrl.instance import Contexts
from tests.wordtext import dump, tables

X = "{http://www.w3.org/1999/xhtml}"
IX = "{http://www.xbrl.org/2013/inlineXBRL}"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
BUILDS = [("qinghai-aluminium", "zh-CN"), ("central-soe-power", "zh-CN"), ("szse-cement", "en")]


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pkg") / "cn-ghg-2026.zip"
    path.write_bytes(package_bytes())
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, samples: Path) -> dict[tuple[str, str], Path]:
    """Each build once, self-verified by Arelle (the instance and the iXBRL report package)."""
    out = {}
    for name, lang in BUILDS:
        folder = tmp_path_factory.mktemp(name) / "out"
        result = build(samples / name / "filing.yaml", BuildOptions(output=folder, lang=lang))
        assert result.output is not None, result.report.flatten()
        out[(name, lang)] = folder
    return out


def _report(samples: Path, name: str, lang: str) -> tuple[RenderInput, list[Any]]:
    loaded = load(samples / name / "filing.yaml")
    outcome = validate(loaded)
    assert outcome.filing is not None and outcome.figures is not None
    ctx = RenderInput(outcome.filing, outcome.figures, loaded, BuildOptions(output=Path("unused"), lang=lang))
    return ctx, blocks(ctx)[0]


def _root(folder: Path) -> etree._Element:
    return etree.parse(str(folder / "report.html")).getroot()


def _body(root: etree._Element) -> etree._Element:
    """The visible document: the body without the ix:header."""
    body = next(root.iter(f"{X}body"))
    for header in body.iter(f"{IX}header"):
        header.getparent().getparent().remove(header.getparent())
        break
    return body


def _text(el: etree._Element) -> str:
    return "".join(el.itertext())


@pytest.mark.parametrize(("name", "lang"), BUILDS)
def test_headings_and_tables_are_the_word_reports(built: dict[tuple[str, str], Path], name: str, lang: str) -> None:
    folder = built[(name, lang)]
    docx = (folder / "report.docx").read_bytes()
    word_headings = [line for line in dump(docx).splitlines() if re.match(r"H[1-3] ", line)]
    body = _body(_root(folder))
    html_headings = [f"H{el.tag[-1]} {_text(el)}" for el in body.iter(f"{X}h1", f"{X}h2", f"{X}h3")]
    assert html_headings == word_headings and len(html_headings) > 20
    # Every table: the same caption and the same words in every cell (the index's page column aside).
    word_tables = tables(docx)
    html_tables = list(body.iter(f"{X}table"))
    assert len(html_tables) == len(word_tables) > 10
    for table in html_tables:
        caption = _text(table.find(f"{X}caption"))
        rows = [[" ".join(_text(c).split()) for c in tr.iter(f"{X}th", f"{X}td")] for tr in table.iter(f"{X}tr")]
        want = word_tables[caption]
        if len(rows[0]) < len(want[0]):  # the disclosure index: section links instead of a page column
            want = [row[:-1] for row in want]
        assert rows == [[" ".join(c.split()) for c in row] for row in want], caption
    # The table of contents and the index link to the chapters' ids.
    ids = {el.get("id") for el in body.iter() if el.get("id")}
    links = [a.get("href") for a in body.iter(f"{X}a")]
    assert links and all(href.startswith("#") and href[1:] in ids for href in links)
    toc = next(el for el in body.iter(f"{X}div") if el.get("class") == "toc")
    assert [_text(a) for a in toc.iter(f"{X}a")] == [h.split(" ", 1)[1] for h in word_headings
                                                     if h[:2] in ("H1", "H2")]


@pytest.mark.parametrize(("name", "lang"), BUILDS)
def test_every_figure_of_the_word_tables_is_tagged_with_its_fact(samples: Path, built: dict[tuple[str, str], Path],
                                                               name: str, lang: str) -> None:
    ctx, parsed = _report(samples, name, lang)
    contexts = Contexts(facts(ctx.filing, ctx.figures, lang, ctx.options.ghg_unit))
    html_tables = list(_body(_root(built[(name, lang)])).iter(f"{X}table"))
    word_tables = [b for b in parsed if isinstance(b, Table)]
    assert len(html_tables) == len(word_tables)
    seen: set[Any] = set()
    checked = 0
    for block, table in zip(word_tables, html_tables, strict=True):
        rows = list(table.find(f"{X}tbody").iter(f"{X}tr"))
        for r, row in enumerate(block.rows):
            cells = list(rows[r].iter(f"{X}td"))
            for c, cell in enumerate(row):
                if not isinstance(cell, Shown):
                    continue
                tags = list(cells[c].iter(f"{IX}nonFraction"))
                if cell.fact in seen:  # a second display of the same fact is plain text
                    assert tags == [] and _text(cells[c]) == cell
                    continue
                seen.add(cell.fact)
                f = cell.fact
                assert len(tags) == 1, (block.caption, cell)
                tag = tags[0]
                assert tag.get("name") == f"cn-ghg:{f.concept}"
                assert tag.get("contextRef") == contexts.context(f)
                assert tag.get("unitRef") == contexts.units[f.unit]
                assert tag.get("decimals") == str(f.decimals) and tag.get("scale", "0") == str(f.scale)
                assert tag.text == display_number(f.value, f.decimals, f.scale)[0]
                assert (tag.get("sign") == "-") == (f.value < 0)
                assert _text(cells[c]) == cell
                checked += 1
    assert checked > 40


def _signature(model: Any) -> list[tuple[Any, ...]]:
    """Each fact as (concept, period, dimensions, unit, value, decimals, language); text blocks compared by
    their text (the instance holds the filing's XHTML fragment, the iXBRL the printed blocks)."""
    out = []
    for f in model.facts:
        c = f.context
        dims = tuple(sorted((q.localName, v.memberQname.localName if v.isExplicit else v.typedMember.stringValue)
                            for q, v in c.qnameDims.items()))
        unit = tuple(tuple(sorted(str(m) for m in ms)) for ms in f.unit.measures) if f.unit is not None else None
        if f.isNumeric:
            value: Any = Decimal(str(f.xValue))
        elif f.concept.type is not None and f.concept.type.name == "textBlockItemType":
            value = "".join("".join(etree.fromstring(f"<div>{f.value}</div>").itertext()).split())
        else:
            value = str(f.xValue)
        out.append((f.qname.localName, str(c.startDatetime), str(c.endDatetime), dims, unit, value,
                    str(f.decimals) if f.isNumeric else None,
                    f.xmlLang if f.concept.baseXsdType in ("string", "normalizedString") else None))
    return sorted(out, key=repr)


@pytest.mark.parametrize(("name", "lang"), BUILDS)
def test_inline_facts_are_exactly_the_instances(built: dict[tuple[str, str], Path], package: Path, name: str,
                                               lang: str) -> None:
    folder = built[(name, lang)]
    read = {}
    for document in ("report.xbrl", "report.html"):
        outcome = arelle_load(folder / document, [package], validate=False, inspect=_signature)
        read[document] = outcome.inspected
    assert read["report.html"] == read["report.xbrl"] and len(read["report.xbrl"]) > 100


@pytest.mark.parametrize(("name", "lang"), BUILDS)
def test_facts_tagged_where_printed_and_the_rest_hidden(samples: Path, built: dict[tuple[str, str], Path],
                                                       name: str, lang: str) -> None:
    ctx, parsed = _report(samples, name, lang)
    found = facts(ctx.filing, ctx.figures, lang, ctx.options.ghg_unit)
    root = _root(built[(name, lang)])
    hidden = root.find(f".//{IX}hidden")
    tags = list(root.iter(f"{IX}nonFraction", f"{IX}nonNumeric"))
    assert len(tags) == len(found)  # each fact once
    shown = [t for t in tags if t.getparent() is not hidden]
    assert len(shown) > len(found) * 2 // 3  # most of the report's facts are where the reader sees them
    # Every text block is escaped XHTML; the ones the report prints are tagged around the printed text.
    blocks_ = {f.concept for f in found if f.html}
    text_tags = [t for t in tags if t.get("name").split(":")[1] in blocks_]
    assert text_tags and all(t.get("escape") == "true" for t in text_tags)
    assert any(t.getparent() is not hidden for t in text_tags)
    # Strings are tagged on the text that prints them, in their own language.
    for t in shown:
        if t.tag == f"{IX}nonNumeric" and not t.get("format") and not t.get("escape"):
            value = next(f for f in found if f.concept == t.get("name").split(":")[1] and
                         _text(t) == str(f.value))
            assert value.lang == (t.get(LANG) or lang)
    # Enumerations are hidden, shown by their members' labels linked with -ix-hidden.
    ids = {t.get("id"): t for t in hidden}
    links = [s for s in root.iter(f"{X}span") if (s.get("style") or "").startswith("-ix-hidden:")]
    assert links
    d = definition()
    sep = "、" if lang == "zh-CN" else ", "
    for span in links:
        fact = ids[span.get("style").split(":", 1)[1]]
        members = [uri.split("#")[1] for uri in (fact.text or "").split()]
        labels = [d.concepts[m].label[lang] for m in members]  # the value lists them sorted, the report as filed
        assert span.text in {sep.join(order) for order in permutations(labels)}
    # Charts are embedded images; nothing is fetched from outside.
    images = list(root.iter(f"{X}img"))
    assert len(images) == sum(isinstance(b, Image) for b in parsed) > 0
    assert all(img.get("src").startswith("data:image/png;base64,") for img in images)


@pytest.mark.parametrize(("name", "lang"), BUILDS)
def test_language_print_style_and_no_codes(built: dict[tuple[str, str], Path], name: str, lang: str) -> None:
    root = _root(built[(name, lang)])
    assert root.get(LANG) == lang
    style = _text(next(root.iter(f"{X}style")))
    assert "@page{size:A4" in style and "h1{page-break-before:always;}" in style
    body = _body(root)
    text = _text(body)
    for code in ("operational-control", "equity-share", "provincial-soe", "central-soe", "sse-no14", "szse-no17",
                 "ifrs-s2", definition().namespace, "_Ref_"):
        assert code not in text, code
    if lang == "zh-CN":  # the English name on the Chinese cover is marked English
        english = next(p for p in body.iter(f"{X}p") if p.get("class") == "line" and _text(p).isascii()
                       and any(ch.isalpha() for ch in _text(p)))
        assert english.get(LANG) == "en"


@pytest.mark.parametrize(("name", "lang"), BUILDS)
def test_short_values_are_tagged_only_beside_their_member(built: dict[tuple[str, str], Path], name: str,
                                                         lang: str) -> None:
    """是/否, 2023 or 青海 print in many places: a short value in a table is tagged only in the row of its
    facility or target (another fact of the same context in that row), never in some other table."""
    body = _body(_root(built[(name, lang)]))
    checked = 0
    for tr in body.iter(f"{X}tr"):
        tags = list(tr.iter(f"{IX}nonNumeric", f"{IX}nonFraction"))
        for t in tags:
            text = _text(t)
            if t.tag == f"{IX}nonNumeric" and (len(text) < 6 or text.isdigit()) and not t.get("format", "").startswith(
                    "ixt:date"):
                assert any(o is not t and o.get("contextRef") == t.get("contextRef") for o in tags), text
                checked += 1
    assert checked > 0


@pytest.mark.parametrize(("name", "lang"), BUILDS)
def test_text_blocks_are_the_report_sections_they_tag(built: dict[tuple[str, str], Path], name: str,
                                                      lang: str) -> None:
    """Governance, the risks and opportunities, the transition plan, resilience, risk management and the
    methodology are tagged as the chapters the reader sees (not hidden), and the instance's value of each is
    that printed text: no words of the filing's fields that the report does not print, and no internal
    factor ids or statuses from the trail."""
    from disclosure.xbrl.sections import SECTIONS

    root = _root(built[(name, lang)])
    tagged = {t.get("name", "").split(":")[1]: t for t in root.iter(f"{IX}nonNumeric") if t.get("escape") == "true"}
    instance = etree.parse(str(built[(name, lang)] / "report.xbrl")).getroot()
    values = {el.tag.split("}")[1]: el.text or "" for el in instance if el.tag.endswith("Explanatory")}
    expected = {"GovernanceExplanatory", "ClimateRelatedRisksAndOpportunitiesExplanatory", "TransitionPlanExplanatory",
                "ClimateResilienceExplanatory", "RiskManagementExplanatory", "GHGMethodologyExplanatory"}
    assert expected <= set(SECTIONS) and expected <= set(tagged)
    for concept in expected:
        tag = tagged[concept]
        assert not any(a.tag == f"{IX}hidden" for a in tag.iterancestors()), concept
        printed = "".join("".join(tag.itertext()).split())
        assert len(printed) > 20, concept
        value = "".join("".join(etree.fromstring(f'<div xmlns="{X[1:-1]}">{values[concept]}</div>').itertext()).split())
        assert value == printed, concept
    methodology = " ".join(etree.fromstring(f'<div xmlns="{X[1:-1]}">{values["GHGMethodologyExplanatory"]}</div>')
                           .itertext())
    assert not re.search(r"\b[a-z]+(?:[._][a-z0-9]+){2,}\b", methodology), methodology[:300]  # elec.mee-nbs.2023…


def test_figures_in_paragraphs_are_tagged_where_printed(built: dict[tuple[str, str], Path]) -> None:
    """A figure the template prints inside a sentence (the internal carbon price, the share of executive
    remuneration linked to climate, energy and clean-energy share) is tagged in that sentence, not hidden;
    the marks that carry the facts through the template never reach the Word or the iXBRL text."""
    folder = built[("qinghai-aluminium", "zh-CN")]
    root = _root(folder)
    for concept in ("InternalCarbonPrice", "PercentageOfExecutiveRemunerationLinkedToClimate",
                    "EnergyIntensityPerRevenue"):
        tags = [t for t in root.iter(f"{IX}nonFraction") if t.get("name") == f"cn-ghg:{concept}"]
        assert len(tags) == 1, concept
        assert not any(a.tag == f"{IX}hidden" for a in tags[0].iterancestors()), concept
        assert tags[0].getparent().tag in {f"{X}p", f"{X}b"}, concept  # in a sentence
    import zipfile

    word = zipfile.ZipFile(folder / "report.docx").read("word/document.xml").decode("utf-8")
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert not re.search("[\ue000-\ue002]", word + html)
