"""The templates of the ETS report, the event's documents and the MEE carbon section (templates/ets/,
templates/event/, templates/mee/): each uses exactly the context its template.yaml declares, the typed
context of its document declares the same keys, every template renders against a minimal context in both
branches of its conditions, and names only declared tables; the real documents provide every table."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, get_type_hints

import jinja2.meta
import pytest

from disclosure.build import BuildOptions, RenderInput
from disclosure.errors import DisclosureError
from disclosure.ets import document as ets_document
from disclosure.ets import templating
from disclosure.ets.data import covered
from disclosure.event import render as event_render
from disclosure.intake.loader import load
from disclosure.mee import document as mee_document
from disclosure.resources import templates
from disclosure.validate import validate

TYPED: dict[tuple[str, str], type] = {
    ("ets", "report"): ets_document.ReportContext,
    ("event", "report"): event_render.ReportContext,
    ("event", "statement"): event_render.StatementContext,
    ("mee", "carbon"): mee_document.CarbonContext,
}
PERSON = {"name": "N", "role": "R", "date": "D"}
EVALUATION = {"body": "B", "report_no": "NO", "date": "D"}
ACTIVITY = [{"table": "activity-1", "kind": "fuel", "name": "N", "quantity": "1", "unit": "t", "ncv": "1",
             "carbon": "1", "oxidation": "1", "formula": "F"},
            {"table": "activity-2", "kind": "purchased", "name": "N", "factor": "0.5703 tCO2/MWh",
             "factor_source": "S", "emissions": "1"},
            {"table": "activity-3", "kind": "process", "name": "N", "formula": "F", "emissions": "1"}]
# Minimal contexts: (every optional part given, every optional part absent).
MINIMAL: dict[tuple[str, str], tuple[dict[str, Any], dict[str, Any]]] = {
    ("ets", "report"): (
        {"year": 2025, "company": "C", "uscc": "U", "facility": "F", "guideline": "G", "xlsx": "X",
         "prepared": "P", "approved": "A", "no_ets_factor": {"names": "E", "table": "表5"}, "activity": ACTIVITY,
         "substitutions": {"count": "1", "increase": "1"}, "power": True,
         "quality": {"months": 12, "dated": 12, "late": 0},
         "verification": [{"scope": "S", "computed": "1", "verified": "1", "gap": "0"}]},
        {"year": 2025, "company": "C", "uscc": "U", "facility": "F", "guideline": "G", "xlsx": "X",
         "prepared": "P", "approved": "A", "no_ets_factor": None, "activity": [], "substitutions": None,
         "power": False, "quality": {"months": 0, "dated": 0, "late": 0}, "verification": []}),
    ("event", "report"): (
        {"title": "T", "organiser": "O", "guideline": "G", "gwp": "AR6", "event_name": "E", "total": "1",
         "offset_total": "2", "neutral": True, "exclusions": True, "evaluation": EVALUATION, "prepared": PERSON},
        {"title": "T", "organiser": "O", "guideline": "G", "gwp": "AR6", "event_name": "E", "total": "1",
         "offset_total": "0", "neutral": False, "exclusions": False, "evaluation": None, "prepared": PERSON}),
    ("event", "statement"): (
        {"event_name": "E", "organiser": "O", "start": "S", "end": "E", "guideline": "G", "total": "1",
         "offset_total": "2", "kinds": "K", "evaluation": EVALUATION, "signer": PERSON},
        {"event_name": "E", "organiser": "O", "start": "S", "end": "E", "guideline": "G", "total": "1",
         "offset_total": "2", "kinds": "K", "evaluation": None, "signer": PERSON}),
    ("mee", "carbon"): (
        {"title": "T", "uscc": "U", "year": 2025, "due_year": 2026, "no_prior_year": "F", "surrender_due": True,
         "rectifications": [{"facility": "F", "text": "T"}], "standard": "S"},
        {"title": "T", "uscc": "U", "year": 2025, "due_year": 2026, "no_prior_year": "", "surrender_due": False,
         "rectifications": [], "standard": "S"}),
}
CASES = [(folder, doc, lang) for folder in templating.FOLDERS
         for doc in templating.manifest(folder)["documents"] for lang in templating.manifest(folder)["languages"]]


def _declared_table(name: str, declared: list[str]) -> bool:
    return name in declared or any(d.endswith("*") and name.startswith(d[:-1]) for d in declared)


def test_every_template_is_declared_and_every_declared_document_has_its_typed_context() -> None:
    for folder in templating.FOLDERS:
        spec = templating.manifest(folder)
        root = templates().joinpath(folder)
        for lang in spec["languages"]:
            found = {p.name.removesuffix(".md.j2") for p in root.joinpath(lang).iterdir() if p.name.endswith(".md.j2")}
            assert found == set(spec["documents"]), (folder, lang)
        for doc, entry in spec["documents"].items():
            assert set(get_type_hints(TYPED[(folder, doc)])) == set(entry["context"]), (folder, doc)
    assert set(TYPED) == {(f, d) for f, d, _ in CASES}


@pytest.mark.parametrize("folder, doc, lang", CASES)
def test_template_uses_exactly_the_declared_context(folder: str, doc: str, lang: str) -> None:
    source = templates().joinpath(folder, lang, f"{doc}.md.j2").read_text("utf-8")
    used = jinja2.meta.find_undeclared_variables(templating.environment(folder).parse(source))
    assert used == set(templating.manifest(folder)["documents"][doc]["context"])


@pytest.mark.parametrize("folder, doc, lang", CASES)
def test_template_renders_against_a_minimal_context(folder: str, doc: str, lang: str) -> None:
    declared = templating.manifest(folder)["documents"][doc]["tables"]
    named: set[str] = set()
    for context in MINIMAL[(folder, doc)]:
        assert set(context) == set(templating.manifest(folder)["documents"][doc]["context"])
        text = templating.environment(folder).get_template(f"{lang}/{doc}.md.j2").render(**context)
        names = set(re.findall(r"^::table (\S+)$", text, re.M))
        assert all(_declared_table(n, declared) for n in names), names
        named |= names
        blocks = templating.render(folder, doc, lang, context, dict.fromkeys(names))
        assert blocks, (folder, doc, lang)
    # Every fixed table is placed somewhere (families are placed by a loop over the context).
    assert {d for d in declared if not d.endswith("*")} <= named | {d for d in declared if d.endswith("*")}


def test_texts_of_both_languages_have_the_same_keys() -> None:
    def keys(data: Any, prefix: str = "") -> set[str]:
        if not isinstance(data, dict):
            return {prefix}
        return {k for key, value in data.items() for k in keys(value, f"{prefix}.{key}")}

    assert keys(templating.texts("event", "zh-CN")) == keys(templating.texts("event", "en"))


def test_a_missing_name_and_an_unknown_table_are_coded_errors() -> None:
    context = dict(MINIMAL[("event", "statement")][0])
    del context["kinds"]
    with pytest.raises(DisclosureError) as err:
        templating.render("event", "statement", "en", context, {"retirements": None})
    assert err.value.code == "build.template" and "kinds" in str(err.value)
    with pytest.raises(DisclosureError) as err:
        templating.render("event", "statement", "en", MINIMAL[("event", "statement")][0], {})
    assert err.value.code == "build.template" and "retirements" in str(err.value)


def _render_input(samples: Path, name: str) -> RenderInput:
    loaded = load(samples / name / "filing.yaml")
    outcome = validate(loaded)
    assert outcome.filing is not None and outcome.figures is not None
    return RenderInput(outcome.filing, outcome.figures, loaded, BuildOptions(Path("unused")))


@pytest.mark.parametrize("sample", ["central-soe-power", "qinghai-aluminium"])
def test_real_documents_provide_every_declared_table(samples: Path, sample: str) -> None:
    ctx = _render_input(samples, sample)
    for report in covered(ctx.filing, ctx.figures):
        tables = ets_document.tables(report)
        declared = templating.manifest("ets")["documents"]["report"]["tables"]
        assert {d for d in declared if not d.endswith("*")} <= set(tables)
        assert all(_declared_table(n, declared) for n in tables)
        assert ets_document.context(report)["activity"], "monthly and process sources are tabled"
    assert set(mee_document.context(ctx)) == set(templating.manifest("mee")["documents"]["carbon"]["context"])


def test_event_documents_provide_every_declared_table(samples: Path) -> None:
    outcome = validate(load(samples / "qinghai-event" / "filing.yaml"))
    assert outcome.event is not None
    for lang in ("zh-CN", "en"):
        tables = event_render.report_tables(outcome.event, lang)
        assert set(tables) == set(templating.manifest("event")["documents"]["report"]["tables"])
        assert set(event_render.report_context(outcome.event, lang)) == set(
            templating.manifest("event")["documents"]["report"]["context"])


def test_tables_are_numbered_without_gaps() -> None:
    from disclosure.word.document import Para, Table

    blocks = templating.numbered([Table("表1 A", ("x",), ()), Para("见表2。"), Table("表3 C", ("x",), ()),
                                  Table("Retirements", ("x",), ())])
    captions = [b.caption for b in blocks if isinstance(b, Table)]
    assert captions == ["表1 A", "表2 C", "Retirements"]
