"""``disclosure check``: the hostile corpus, no network ever (a loopback listener counts connections),
the batch (time limit, memory limit, crash isolation, cache), outputs and exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import socket
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from disclosure.check import Limits, Options, check_file, discover, output, run
from disclosure.check.findings import FilingResult
from disclosure.cli import main
from disclosure.taxonomy import package_bytes
from tests.hostile import make_corpus

HOSTILE = Path(__file__).parent / "hostile"
EXPECTED: dict[str, dict[str, object]] = yaml.safe_load((HOSTILE / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pkg") / "cn-ghg.zip"
    path.write_bytes(package_bytes())
    return path


@pytest.fixture(scope="module")
def corpus() -> dict[str, FilingResult]:
    files = discover([HOSTILE / "files"])
    return {Path(r.path).name: r for r in run(files, Options(jobs=2))}


def test_the_corpus_is_large_and_as_generated() -> None:
    assert len(EXPECTED) >= 40
    assert sorted(EXPECTED) == sorted(p.name for p in (HOSTILE / "files").iterdir())
    for name, make, codes, valid in make_corpus.CORPUS:
        assert (HOSTILE / "files" / name).read_bytes() == make(), f"run: python {make_corpus.__file__}"
        assert EXPECTED[name] == {"codes": codes, "valid": valid}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_filing_gives_its_finding(corpus: dict[str, FilingResult], name: str) -> None:
    result = corpus[name]
    codes = {f.code for f in result.findings}
    expected = EXPECTED[name]
    assert set(expected["codes"]) <= codes, (name, codes)  # type: ignore[arg-type]
    assert result.valid is expected["valid"], (name, [f.message_en for f in result.findings])
    for f in result.findings:
        assert f.message_zh and f.message_en and f.severity in ("error", "warning")


def test_findings_point_at_the_line_and_concept(corpus: dict[str, FilingResult]) -> None:
    negative = next(f for f in corpus["negative-scope1.xbrl"].findings if f.code == "VR-GHG-001")
    assert (negative.concept, negative.context, negative.line) == ("cn-ghg:Scope1GHGEmissions", "c1", 18)
    assert negative.period == "2025-01-01/2025-12-31"
    assert "-1000" in negative.message_zh and "-1000" in negative.message_en
    assert "不得为负数" in negative.message_zh and "must not be negative" in negative.message_en
    malformed = corpus["truncated.xbrl"].findings[0]
    assert malformed.line is not None and malformed.line > 1
    inside = next(f for f in corpus["zip-hostile-member.zip"].findings if f.code == "check.doctype")
    assert inside.document == "report.xbrl"


def test_archive_members_are_checked_each(corpus: dict[str, FilingResult]) -> None:
    result = corpus["valid-package.zip"]
    assert result.kind == "package" and result.valid and result.entity == "91630000MA7512345E"


ARELLE_LEVEL = ["valid.xbrl", "valid-inline.html", "negative-scope1.xbrl", "total-mismatch.xbrl", "half-year.xbrl",
                "mandatory-items-missing.xbrl", "wrong-unit.xbrl", "undefined-concept.xbrl",
                "inconsistent-duplicate.xbrl", "missing-context.xbrl", "bad-uscc-check-character.xbrl",
                "inline-invalid-xhtml.html"]


@pytest.mark.parametrize("name", ARELLE_LEVEL)
def test_workers_speed_ups_do_not_change_the_findings(corpus: dict[str, FilingResult], package: Path,
                                                      name: str) -> None:
    """Workers load the package's validation view and memoise XPath parses; checked here, in this process,
    against the full package without the memo: the same codes, lines and messages."""
    plain = check_file(HOSTILE / "files" / name, package, Limits())

    def key(r: FilingResult) -> list[tuple[str, int, str]]:
        return sorted((f.code, f.line or 0, re.sub(r"\[\d+,", "[", f.message_en)) for f in r.findings)

    assert key(plain) == key(corpus[name])


def test_type_set_memo_answers_as_arelle_does(package: Path) -> None:
    """The workers' one-walk answer to "is this concept's type one of these types" (workercache) is Arelle's
    own, member by member, for every concept of the DTS and every type set Arelle asks about."""
    from arelle import XbrlConst

    from disclosure.check import workercache
    from disclosure.xbrl.arelle import load

    sets = [XbrlConst.qnEnumerationTypes, XbrlConst.qnEnumeration2ItemTypes, XbrlConst.qnEnumerationSetItemTypes,
            XbrlConst.qnEnumerationItemTypes, frozenset({XbrlConst.qnXbrliMonetaryItemType,
                                                         XbrlConst.qnXbrliStringItemType})]

    def answers(model: Any) -> tuple[dict[tuple[str, int], bool], dict[tuple[str, int], bool]]:
        concepts = list(model.qnameConcepts.values())
        arelle = {(str(c.qname), n): any(c._instanceOfTypeUncached(qn) for qn in types)
                  for c in concepts for n, types in enumerate(sets)}
        ours = {(str(c.qname), n): workercache.instance_of_types(c, types) for c in concepts
                for n, types in enumerate(sets)}
        return arelle, ours

    arelle, ours = load(HOSTILE / "files" / "valid.xbrl", [package], inspect=answers).inspected
    assert ours == arelle
    assert sum(arelle.values()) > 10 and not all(arelle.values())  # enumerations and others among them


def test_a_worker_freezes_what_its_first_filing_leaves_unless_it_is_large() -> None:
    """After the first filing a worker freezes what is left (imports, memos, Arelle's singletons), so later
    collections do not scan it; not when the process is large then (a large first filing's model would be
    kept for the worker's life). In a process of its own: freezing is process-wide."""
    import subprocess
    import sys

    code = ("import gc; from disclosure.check import batch\n"
            "batch.start_collector(); before = gc.get_freeze_count(); x = [[] for _ in range(1000)]\n"
            "batch.FREEZE_BELOW_MB = {limit}; batch.settle(1); after = gc.get_freeze_count()\n"
            "print(after - before, 0 < batch._resident_mb() < 10_000)")
    small = subprocess.run([sys.executable, "-c", code.format(limit=100_000)], capture_output=True, text=True,
                           check=True).stdout.split()
    large = subprocess.run([sys.executable, "-c", code.format(limit=1)], capture_output=True, text=True,
                           check=True).stdout.split()
    assert int(small[0]) >= 1000 and small[1] == "True"
    assert large == ["0", "True"]


def test_validation_view_keeps_schema_dimensions_calculations_and_formulas() -> None:
    full = zipfile.ZipFile(io.BytesIO(package_bytes()))
    view = zipfile.ZipFile(io.BytesIO(package_bytes(validation_view=True)))
    dropped = sorted(set(full.namelist()) - set(view.namelist()))
    assert [n.split("/")[-1].split("-", 2)[-1] for n in dropped] == [
        "gla.xml", "lab-en.xml", "lab-zh.xml", "pre.xml", "ref-bse.xml", "ref-sse.xml", "ref-szse.xml", "ref.xml"]
    assert not any(n.endswith(("-def.xml", "-cal.xml", "-for.xml", "-cor.xsd")) for n in dropped)
    schema = view.read(next(n for n in view.namelist() if n.endswith("-cor.xsd")))
    assert b"lab-zh.xml" not in schema and b"roleType" in schema


def test_a_small_document_limit_is_a_finding(package: Path, tmp_path: Path) -> None:
    result = check_file(HOSTILE / "files" / "valid.xbrl", package, Limits(max_document_bytes=1024))
    assert [f.code for f in result.findings] == ["check.too-large"]


# --- no network, ever ----------------------------------------------------------------------------

class Listener:
    """A TCP listener on loopback that counts every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(2)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    probe = socket.create_connection(("127.0.0.1", server.port), timeout=2)  # it does count
    probe.close()
    deadline = 0
    while server.connections < 1 and deadline < 50:
        threading.Event().wait(0.02)
        deadline += 1
    assert server.connections == 1
    server.connections = 0
    yield server
    server.close()


def test_no_filing_makes_the_checker_connect(listener: Listener, tmp_path: Path, package: Path) -> None:
    here = f"127.0.0.1:{listener.port}"
    url = make_corpus.remote(here).encode()
    kinds = ["schemaref-remote.xbrl", "xxe-http.xbrl", "parameter-entity.xbrl", "linkbaseref.xbrl",
             "roleref-remote.xbrl", "schemalocation.xbrl", "xinclude.xbrl", "stylesheet-pi.xbrl",
             "inline-remote-image.html", "inline-remote-script.html", "json-remote-taxonomy.json"]
    makers = {name: make for name, make, _, _ in make_corpus.CORPUS}
    for name in kinds:
        data = makers[name]().replace(b"http://127.0.0.1:9", url).replace(b"//127.0.0.1:9", b"//" + here.encode())
        assert here.encode() in data, name
        (tmp_path / name).write_bytes(data)
    member = (tmp_path / kinds[0]).read_bytes()
    (tmp_path / "remote-member.zip").write_bytes(make_corpus.zipped([("report.xbrl", member)]))
    results = run(discover([tmp_path]), Options(jobs=2))
    assert len(results) == len(kinds) + 1
    assert all(not r.valid for r in results)
    assert listener.connections == 0


def test_arelle_itself_stays_offline(listener: Listener, tmp_path: Path, package: Path) -> None:
    """Defence in depth: even a reference the intake would have refused is not fetched by Arelle."""
    from disclosure.xbrl.arelle import load

    path = tmp_path / "remote.xbrl"
    path.write_bytes(make_corpus.base(make_corpus.sub(make_corpus.ENTRY,
                                                      f"http://127.0.0.1:{listener.port}/evil.xsd".encode())))
    outcome = load(path, [package])
    assert any(m.failing for m in outcome.messages)
    assert listener.connections == 0


# --- the batch -----------------------------------------------------------------------------------

def test_a_hanging_filing_times_out_and_the_batch_goes_on(tmp_path: Path) -> None:
    fifo = tmp_path / "stuck.xbrl"
    os.mkfifo(fifo)  # reading it blocks for ever
    good = HOSTILE / "files" / "valid.xbrl"
    bad = HOSTILE / "files" / "negative-scope1.xbrl"
    # The limit is wide enough for a worker's first filing (it loads and compiles the taxonomy) on a busy
    # machine; the stuck one never ends, so any limit finds it.
    results = run([good, fifo, bad, good], Options(jobs=2, timeout=10))
    assert [r.valid for r in results] == [True, False, False, True]
    assert [f.code for f in results[1].findings] == ["check.timeout"]
    assert "VR-GHG-001" in {f.code for f in results[2].findings}


def test_a_filing_that_exhausts_memory_is_a_finding_and_the_batch_goes_on(tmp_path: Path) -> None:
    facts = "".join(f'  <cn-ghg:FacilityName contextRef="c1">设施{i}</cn-ghg:FacilityName>\n' for i in range(400_000))
    big = tmp_path / "big.xbrl"
    big.write_bytes(make_corpus.base(make_corpus.sub(make_corpus.FACT, facts.encode() + make_corpus.FACT)))
    good = HOSTILE / "files" / "valid.xbrl"
    results = run([big, good], Options(jobs=1, memory_mb=500, timeout=60))
    assert [f.code for f in results[0].findings] == ["check.crash"]
    assert results[1].valid, results[1].findings


def test_cache_skips_filings_already_checked(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("valid.xbrl", "negative-scope1.xbrl", "zip-slip.zip"):
        (folder / name).write_bytes((HOSTILE / "files" / name).read_bytes())
    options = Options(jobs=2, cache=tmp_path / "cache")
    first = run(discover([folder]), options)
    second = run(discover([folder]), options)
    assert not any(r.cached for r in first) and all(r.cached for r in second)
    assert [(r.valid, [f.code for f in r.findings]) for r in first] == \
        [(r.valid, [f.code for f in r.findings]) for r in second]
    (folder / "valid.xbrl").write_bytes((HOSTILE / "files" / "total-mismatch.xbrl").read_bytes())
    third = run(discover([folder]), options)
    changed = next(r for r in third if r.path.endswith("valid.xbrl"))
    assert not changed.cached and not changed.valid


# --- command line and outputs --------------------------------------------------------------------

def test_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["check", str(HOSTILE / "files" / "valid.xbrl")]).exit_code == 0
    assert runner.invoke(main, ["check", str(HOSTILE / "files" / "valid.xbrl"),
                                str(HOSTILE / "files" / "empty.xbrl")]).exit_code == 1
    assert runner.invoke(main, ["check", str(tmp_path / "missing.xbrl")]).exit_code == 2
    (tmp_path / "notes.txt").write_text("x")
    assert runner.invoke(main, ["check", str(tmp_path)]).exit_code == 2


def test_json_csv_and_report_folder(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    hostile_name = "<script>alert(1)<!--.xbrl"
    (folder / hostile_name).write_bytes((HOSTILE / "files" / "negative-scope1.xbrl").read_bytes())
    (folder / "=cmd.xbrl").write_bytes((HOSTILE / "files" / "valid.xbrl").read_bytes())
    runner = CliRunner()
    done = runner.invoke(main, ["check", str(folder), "--format", "json", "--report", str(tmp_path / "report"),
                                "--jobs", "2"])
    assert done.exit_code == 1, done.output
    doc = json.loads(done.stdout)
    assert doc["summary"] == {"filings": 2, "valid": 1, "invalid": 1}
    flagged = next(f for f in doc["filings"] if not f["valid"])
    assert {"code", "severity", "concept", "context", "period", "line", "message_zh", "message_en"} <= \
        set(flagged["findings"][0])
    rows = list(csv.DictReader(io.StringIO(runner.invoke(main, ["check", str(folder), "--format", "csv"]).stdout)))
    assert {r["code"] for r in rows} >= {"VR-GHG-001"}
    page = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page  # hostile names are escaped
    assert "<details>" in page and "VR-GHG-001" in page
    assert "http" not in page.replace("https://xbrl.disclosure.dev", "")  # self-contained
    summary = list(csv.DictReader(io.StringIO((tmp_path / "report" / "summary.csv").read_text("utf-8-sig"))))
    assert len(summary) == 2


def test_csv_cells_cannot_become_formulas() -> None:
    assert output._safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert output._safe("@SUM(A1)") == "'@SUM(A1)"
    assert output._safe("-1000") == "-1000"


def test_progress_bar_goes_to_stderr_not_into_the_json() -> None:
    done = CliRunner().invoke(main, ["check", str(HOSTILE / "files" / "valid.xbrl"), "--format", "json",
                                     "--progress"])
    assert done.exit_code == 0
    assert json.loads(done.stdout)["summary"]["valid"] == 1


def test_text_output_in_both_languages() -> None:
    runner = CliRunner()
    zh = runner.invoke(main, ["check", str(HOSTILE / "files" / "zip-slip.zip")]).stdout
    en = runner.invoke(main, ["check", str(HOSTILE / "files" / "zip-slip.zip"), "--lang", "en"]).stdout
    assert "未通过" in zh and "zip slip" in zh
    assert "INVALID" in en and "outside the archive folder" in en


def test_outputs_are_well_formed_for_an_empty_result() -> None:
    assert output.findings_csv([]).splitlines() == [",".join(output.FINDING_COLUMNS)]
    assert json.loads(output.to_json([]))["summary"]["filings"] == 0


# --- the regulator's obligation list -------------------------------------------------------------

def test_obligations_decide_what_is_mandatory(tmp_path: Path) -> None:
    """The list overrides the filing's own flag: listed mandatory + declared voluntary is a finding and
    the mandatory items are then required; a filer not on the list is a warning."""
    from tests.conformance.filings import OTHER_USCC, USCC, base

    filing = tmp_path / "voluntary.xbrl"
    filing.write_bytes(base().xml())  # declares EntityIsMandatoryDiscloser false, has few mandatory items
    listed = tmp_path / "obligations.csv"
    listed.write_text(f"统一社会信用代码,会计年度,披露义务\n{USCC},2025,mandatory\n", encoding="utf-8-sig")
    runner = CliRunner()
    done = runner.invoke(main, ["check", str(filing), "--format", "json", "--obligations", str(listed)])
    assert done.exit_code == 1, done.output
    findings = json.loads(done.stdout)["filings"][0]["findings"]
    codes = [f["code"] for f in findings]
    assert "check.obligation-mismatch" in codes
    missing = {f["concept"] for f in findings if f["code"] == "check.mandatory-missing"}
    assert {"cn-ghg:GovernanceExplanatory", "cn-ghg:DocumentTitle"} <= missing
    assert "cn-ghg:Scope1GHGEmissions" not in missing
    listed.write_text(f"uscc,fiscal_year,obligation\n{OTHER_USCC},2025,mandatory\n", encoding="utf-8")
    done = runner.invoke(main, ["check", str(filing), "--format", "json", "--obligations", str(listed)])
    assert done.exit_code == 0, done.output
    assert [f["code"] for f in json.loads(done.stdout)["filings"][0]["findings"]] == ["check.obligation-unlisted"]


@pytest.mark.parametrize(("content", "where"), [
    ("uscc,fiscal_year\n91630000MA7512345E,2025\n", ":1: the header"),
    ("uscc,fiscal_year,obligation\n91630000MA7512345F,2025,mandatory\n", ":2: '91630000MA7512345F' is not a valid"),
    ("uscc,fiscal_year,obligation\n91630000MA7512345E,20x5,mandatory\n", ":2: '20x5' is not a fiscal year"),
    ("uscc,fiscal_year,obligation\n91630000MA7512345E,2025,required\n", ":2: 'required' is not an obligation"),
])
def test_a_bad_obligation_list_is_a_usage_error_naming_the_line(tmp_path: Path, content: str, where: str) -> None:
    listed = tmp_path / "obligations.csv"
    listed.write_text(content, encoding="utf-8")
    done = CliRunner().invoke(main, ["check", str(HOSTILE / "files" / "valid.xbrl"), "--obligations", str(listed)])
    assert done.exit_code == 2
    assert "check.obligations-file" in done.output and where in done.output


def test_formula_and_checker_find_the_same_missing_items(package: Path, tmp_path: Path) -> None:
    """VR-RPT-001 (what plain Arelle reports) and check.mandatory-missing come from one list: on a filing
    missing three items they name the same three."""
    from disclosure.xbrl.arelle import load
    from tests.conformance.filings import mandatory

    filing = mandatory()
    filing.drop("GovernanceExplanatory")
    filing.drop("TargetName")
    filing.find("Scope2LocationBasedGHGEmissions", explicit=(), typed=(), start="2025-01-01").nil = True
    path = tmp_path / "missing.xbrl"
    path.write_bytes(filing.xml())
    message = next(m.text for m in load(path, [package]).messages if m.code == "message:VR-RPT-001")
    by_formula = set(message.split("：", 1)[1].split(", "))
    by_checker = {f.concept for f in check_file(path, package, Limits()).findings
                  if f.code == "check.mandatory-missing"}
    assert by_formula == by_checker == {"cn-ghg:GovernanceExplanatory", "cn-ghg:TargetName",
                                        "cn-ghg:Scope2LocationBasedGHGEmissions"}


# --- messages, report packages, xBRL-CSV --------------------------------------------------------

def test_arelle_object_dumps_become_readable_text() -> None:
    from disclosure.check.messages import readable

    dump = ("Variable set VR-GHG-001 \nException: Atomizing modelInlineFact[__19](('file', 'filing.html'), "
            "('line', 2), ('label', 'Scope 1 GHG emissions'), ('name', 'Scope1GHGEmissions'), "
            "('QName', cn-ghg:Scope1GHGEmissions), ('contextRef', 'c1', (('entity', '91630000MA7512345E', "
            "(('scheme', 'https://xbrl.disclosure.dev/scheme/uscc'),)), ('startDate', '2025-01-01'), "
            "('endDate', '2025-12-31'), ())), ('unitRef', 'u (tCO2e)', (('measure', utr:tCO2e),)), "
            "('decimals', '0'), ('value', 'NaN'), ('format', ixt:num-dot-decimal), ('scale', None), "
            "('html value', '1.000,5x'))) to decimal does not have a proper value")
    text = readable(dump)
    assert "modelInlineFact" not in text and "(('" not in text
    assert text.startswith("Variable set VR-GHG-001 Exception: Atomizing cn-ghg:Scope1GHGEmissions (line 2, value "
                           "'1.000,5x')")
    assert readable("at <arelle.ModelXbrl.ModelXbrl object at 0x7f00deadbeef> now") == "at  now"


def test_a_report_package_is_read_first_class(tmp_path: Path, package: Path) -> None:
    from tests.conformance.filings import base
    from tests.conformance.filings import package as report_package

    good = tmp_path / "filing.xbri"
    good.write_bytes(report_package("xbri", {"report.html": base().inline()}))
    result = check_file(good, package, Limits())
    assert result.valid and result.kind == "package" and result.entity == "91630000MA7512345E"
    assert [f.code for f in result.findings] == []
    wrong = tmp_path / "filing.xbr"
    wrong.write_bytes(report_package("xbri", {"report.html": base().inline()}))
    codes = {f.code for f in check_file(wrong, package, Limits()).findings}
    assert codes == {"check.package-metadata", "check.package-reports"}


def test_an_xbrl_csv_report_with_its_tables(tmp_path: Path, package: Path) -> None:
    from tests.conformance.filings import base

    meta, table = base().csv("emissions.csv")
    (tmp_path / "report.json").write_bytes(meta)
    (tmp_path / "emissions.csv").write_bytes(table)
    result = check_file(tmp_path / "report.json", package, Limits())
    assert result.valid and result.kind == "csv", [(f.code, f.message_en) for f in result.findings]
    (tmp_path / "emissions.csv").write_bytes(table.replace(b"1500", b"1600"))  # the Scope 1+2 total now off
    assert "calc11e:inconsistentCalculationUsingRounding" in {
        f.code for f in check_file(tmp_path / "report.json", package, Limits()).findings}
    (tmp_path / "emissions.csv").unlink()
    assert [f.code for f in check_file(tmp_path / "report.json", package, Limits()).findings] == ["check.csv-table"]


# --- workers import the installed package, whatever the working directory --------------------------

@pytest.mark.slow
def test_workers_import_the_installed_package_from_a_source_checkout(request: pytest.FixtureRequest,
                                                                     tmp_path: Path) -> None:
    """Run from a folder holding a disclosure/ directory (here a copy of the source tree, which has no
    disclosure.taxonomies), a regular install's workers still import the installed package."""
    import shutil
    import subprocess
    import sys
    import venv

    root = Path(request.config.rootpath)
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(root)], check=True,
                   capture_output=True)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=True).create(env_dir)  # dependencies from the system
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(next(dist.glob("*.whl")))],
                   check=True, capture_output=True)
    work = tmp_path / "checkout"
    shutil.copytree(root / "disclosure", work / "disclosure", ignore=shutil.ignore_patterns("__pycache__"))
    installed = subprocess.run([str(python), "-I", "-c", "import disclosure; print(disclosure.__file__)"],
                               capture_output=True, text=True, check=True).stdout
    assert installed.startswith(str(env_dir))
    done = subprocess.run([str(env_dir / "bin" / "disclosure"), "check", str(HOSTILE / "files" / "valid.xbrl"),
                           str(HOSTILE / "files" / "negative-scope1.xbrl"), "--format", "json"],
                          cwd=work, capture_output=True, text=True)
    doc = json.loads(done.stdout)
    codes = [[f["code"] for f in r["findings"]] for r in doc["filings"]]
    assert codes[0] == [] and "VR-GHG-001" in codes[1], codes
    assert "check.crash" not in str(codes)
