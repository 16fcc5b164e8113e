"""Writes the cn-ghg filing-rules conformance suite (XBRL conformance-suite index format) under
tests/conformance/: index.xml, one testcase per filing rule (fr-NN/testcase.xml) and its documents.

Each variation has the result a plain Arelle run with the cn-ghg package gives (``<result>``: valid, or
the error codes, which Arelle's own testcase runner compares), and, in our namespace, what
``disclosure check`` finds (``dc:check``: verdict, codes, and ``arelle="beyond"`` where the rule is one
Arelle cannot judge: identifier check characters, obligations, report-package warnings...). Run:

    python tests/conformance/make_suite.py
    python -m arelle.CntlrCmdLine --file tests/conformance/index.xml --packages cn-ghg-2026.zip --validate \\
        --calc c11r --formula run --utr --validateDuplicateFacts inconsistent --internetConnectivity offline \\
        --csvTestReport report.csv

tests/test_conformance.py checks the committed files equal what this script writes, and runs both.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from tests.conformance import filings as F
from tests.conformance.filings import GROUP, INVESTEES, NS, USCC, Filing, base, gas, mandatory, package

HERE = Path(__file__).resolve().parent
DC = "https://xbrl.disclosure.dev/conformance"
OBLIGATIONS = f"uscc,fiscal_year,obligation\n{USCC},2025,mandatory\n{F.OTHER_USCC},2025,voluntary\n".encode()


@dataclass
class Variation:
    id: str
    description: str
    files: dict[str, bytes]
    arelle: list[str] | str = "valid"
    """"valid", "invalid" (some error), or the error codes Arelle gives."""
    codes: list[str] = field(default_factory=list)
    """Codes disclosure check gives (all of them must be found)."""
    valid: bool | None = None
    """disclosure check's verdict (default: valid when ``codes`` is empty or warnings only)."""
    beyond: bool = False
    """A rule Arelle cannot judge (it sees the filing valid): only disclosure check's verdict counts."""
    obligations: bool = False
    """disclosure check runs with tests/conformance/obligations.csv."""
    readme: str = ""

    @property
    def document(self) -> str:
        return self.readme or next(iter(self.files))


RULES: dict[str, tuple[str, list[Variation]]] = {}


def rule(number: str, title: str) -> list[Variation]:
    RULES[number] = (title, [])
    return RULES[number][1]


def xbrl(f: Filing) -> dict[str, bytes]:
    return {"filing.xbrl": f.xml()}


def html(f: Filing, body: str = "") -> dict[str, bytes]:
    return {"filing.html": f.inline(body)}


def edit(f: Filing, old: bytes, new: bytes, name: str = "filing.xbrl", count: int = 1) -> dict[str, bytes]:
    data = f.xml() if name.endswith(".xbrl") else f.inline()
    assert old in data, old
    return {name: data.replace(old, new, count)}


# --- FR-01 submission formats ------------------------------------------------------------------------

v = rule("01", "Submission: an XBRL Report Package 1.0 (.xbri Inline XBRL, .xbr XBRL, xBRL-JSON or xBRL-CSV)")
b = base()
meta, table = b.csv()
v += [
    Variation("FR-01-01", "Inline XBRL report package (.xbri)",
              {"filing.xbri": package("xbri", {"report.html": b.inline()})}),
    Variation("FR-01-02", "XBRL instance report package (.xbr)",
              {"filing.xbr": package("xbr", {"report.xbrl": b.xml()})}),
    Variation("FR-01-03", "xBRL-JSON report package (.xbr)", {"filing.xbr": package("xbr", {"report.json": b.json()})}),
    Variation("FR-01-04", "xBRL-CSV report package (.xbr): metadata and its table",
              {"filing.xbr": package("xbr", {"report.json": meta, "facts.csv": table})}),
    Variation("FR-01-05", "xBRL-CSV report as files: the metadata and its table beside it",
              {"report-metadata.json": meta, "facts.csv": table}, readme="report-metadata.json", beyond=True),
    Variation("FR-01-06", ".xbri whose reportPackage.json declares .xbr",
              {"filing.xbri": package("xbr", {"report.html": b.inline()})},
              ["rpe:documentTypeFileExtensionMismatch"], ["check.package-metadata"]),
    Variation("FR-01-07", ".xbri without META-INF/reportPackage.json",
              {"filing.xbri": F.zipped({"filing/reports/report.html": b.inline()})},
              ["rpe:documentTypeFileExtensionMismatch"], ["check.package-metadata"]),
    Variation("FR-01-08", ".xbri with two reports",
              {"filing.xbri": package("xbri", {"a.html": b.inline(), "b.html": b.inline()})},
              ["rpe:multipleReports"], ["check.package-reports"]),
    Variation("FR-01-09", ".xbr holding an Inline XBRL report",
              {"filing.xbr": package("xbr", {"report.html": b.inline()})},
              ["rpe:incorrectReportType"], ["check.package-reports"]),
    Variation("FR-01-10", "report package with two top-level folders",
              {"filing.xbri": F.zipped({"a/META-INF/reportPackage.json":
                                        b'{"documentInfo": {"documentType": "https://xbrl.org/report-package/2023/xbri"}}',
                                        "a/reports/report.html": b.inline(), "b/readme.txt": b"x"})},
              ["rpe:invalidDirectoryStructure"], ["check.package-structure"]),
    Variation("FR-01-11", "reportPackage.json that is not JSON",
              {"filing.xbri": package("xbri", {"report.html": b.inline()}, metadata=b"{documentInfo:")},
              ["rpe:invalidJSON"], ["check.package-metadata"]),
    Variation("FR-01-12", "report package without a reports folder",
              {"filing.xbri": F.zipped({"filing/META-INF/reportPackage.json":
                                        b'{"documentInfo": {"documentType": "https://xbrl.org/report-package/2023/xbri"}}',
                                        "filing/report.html": b.inline()})},
              ["rpe:missingReportsDirectory"], ["check.package-reports"]),
    Variation("FR-01-13", "a plain zip of documents (no reportPackage.json): read, with a warning",
              {"filing.zip": F.zipped({"filing/report.xbrl": b.xml()})}, "valid", ["check.package-legacy"],
              valid=True, beyond=True),
    Variation("FR-01-14", "xBRL-CSV report naming a table that is not in the package",
              {"filing.xbr": package("xbr", {"report.json": meta})}, ["xbrlce:missingRequiredCSVFile"],
              ["check.csv-table"]),
]

# --- FR-02 documents read safely --------------------------------------------------------------------

v = rule("02", "Documents: UTF-8, well-formed, no DTD or entity declarations, within the size limits")
data = base().xml()
v += [
    Variation("FR-02-01", "UTF-16 instance",
              {"filing.xbrl": data.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")},
              "valid", ["check.encoding"], beyond=True),
    Variation("FR-02-02", "internal entity declaration",
              {"filing.xbrl": data.replace(b"?>\n", b'?>\n<!DOCTYPE x [<!ENTITY e "e">]>\n', 1)}, "valid",
              ["check.doctype"], beyond=True),
    Variation("FR-02-03", "not well-formed", {"filing.xbrl": data[: len(data) // 2]}, "invalid",
              ["check.xml-malformed"]),
    Variation("FR-02-04", "empty file", {"filing.xbrl": b""}, "invalid", ["check.empty"]),
    Variation("FR-02-05", "UTF-8 with a byte-order mark", {"filing.xbrl": b"\xef\xbb\xbf" + data}),
]

# --- FR-03 entry point ------------------------------------------------------------------------------

v = rule("03", "Taxonomy: exactly one schemaRef to a cn-ghg entry point; no extension taxonomy, linkbaseRef or "
               "schemaLocation")
sse = base("sse")
entry = F.D.entry_point_url("all").encode()
v += [
    Variation("FR-03-01", "the Shanghai Stock Exchange entry point", xbrl(sse)),
    Variation("FR-03-02", "the full entry point in Inline XBRL", html(base())),
    Variation("FR-03-03", "schemaRef to a file name that is no entry point",
              edit(base(), entry, b"cn-ghg-all.xsd"), "invalid", ["check.entry-point"]),
    Variation("FR-03-04", "a linkbaseRef to a label linkbase",
              edit(base(), b"<xbrli:context ", b'<link:linkbaseRef xlink:type="simple" xlink:arcrole='
                   b'"http://www.w3.org/1999/xlink/properties/linkbase" xlink:href="lab.xml"/>\n  <xbrli:context '),
              "invalid", ["check.external-reference"]),
    Variation("FR-03-05", "an extension schema in the package",
              {"filing.zip": F.zipped({"filing/report.xbrl": base().xml(), "filing/ext.xsd": b"<schema/>"})},
              "valid", ["check.extension-taxonomy"], beyond=True),
    Variation("FR-03-06", "xsi:schemaLocation on the root",
              edit(base(), b'xml:lang="zh-CN"', b'xsi:schemaLocation="http://x ext.xsd" xml:lang="zh-CN"'),
              "invalid", ["check.external-reference"]),
]

# --- FR-04 Inline XBRL loads nothing ----------------------------------------------------------------

v = rule("04", "Inline XBRL: no remote images, scripts or stylesheets")
v += [
    Variation("FR-04-01", "embedded image as a data URI",
              html(base(), '<p><img alt="logo" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="/></p>')),
    Variation("FR-04-02", "remote image", html(base(), '<p><img alt="" src="http://127.0.0.1:9/x.png"/></p>'),
              "valid", ["check.external-resource"], beyond=True),
]

# --- FR-05 the entity ------------------------------------------------------------------------------

v = rule("05", "Entity: one entity, identified by its 统一社会信用代码 (GB 32100) under the cn-ghg scheme")
wrong = base()
wrong.find("EntityUnifiedSocialCreditCode").value = F.OTHER_USCC
lei = base()
lei.text("EntityLegalEntityIdentifier", "300300S39XTBSNH66F17")
v += [
    Variation("FR-05-00", "the code fact equal to the identifier, and an LEI fact", xbrl(lei)),
    Variation("FR-05-01", "identifier under another scheme",
              edit(base(), F.SCHEME.encode(), b"http://standards.iso.org/iso/17442"), "valid",
              ["check.entity-scheme"], beyond=True),
    Variation("FR-05-02", "wrong GB 32100 check character",
              edit(base(), USCC.encode(), USCC[:-1].encode() + b"F", count=-1), "valid", ["check.entity-identifier"],
              beyond=True),
    Variation("FR-05-03", "the code fact differs from the contexts' identifier", xbrl(wrong),
              ["message:VR-RPT-004"], ["VR-RPT-004"]),
    Variation("FR-05-04", "a second entity in one filing",
              edit(base(), b"</xbrli:xbrl>", f'<xbrli:context id="x2"><xbrli:entity><xbrli:identifier scheme='
                   f'"{F.SCHEME}">{F.OTHER_USCC}</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>'
                   f'2025-01-01</xbrli:startDate><xbrli:endDate>2025-12-31</xbrli:endDate></xbrli:period>'
                   f'</xbrli:context>\n<cn-ghg:Scope3GHGEmissions contextRef="x2" unitRef="u_tCO2e" decimals="0">5'
                   f"</cn-ghg:Scope3GHGEmissions>\n</xbrli:xbrl>".encode()),
              "valid", ["check.entity-mixed"], beyond=True),
]

# --- FR-06 periods ---------------------------------------------------------------------------------

v = rule("06", "Periods: every context is one full calendar fiscal year (1 January to 31 December)")
prior = base()
prior.num("Scope1GHGEmissions", "980", year=2023)
v += [
    Variation("FR-06-01", "the report year and two earlier years", xbrl(prior)),
    Variation("FR-06-02", "a half-year context", edit(base(), b"2025-12-31</xbrli:endDate>",
                                                      b"2025-06-30</xbrli:endDate>"),
              ["message:VR-RPT-002"], ["VR-RPT-002"]),
    Variation("FR-06-03", "a fiscal year from April to March",
              edit(base(), b"<xbrli:startDate>2025-01-01</xbrli:startDate><xbrli:endDate>2025-12-31",
                   b"<xbrli:startDate>2025-04-01</xbrli:startDate><xbrli:endDate>2026-03-31"),
              ["message:VR-RPT-002"], ["VR-RPT-002"]),
    Variation("FR-06-04", "an instant context on a duration concept",
              edit(base(), b"<xbrli:startDate>2025-01-01</xbrli:startDate><xbrli:endDate>2025-12-31</xbrli:endDate>",
                   b"<xbrli:instant>2025-12-31</xbrli:instant>"), ["xbrl.4.7.2:contextPeriodType"],
              ["check.period", "xbrl.4.7.2:contextPeriodType"]),
]

# --- FR-07 dimensions ------------------------------------------------------------------------------

v = rule("07", "Dimensions: each line item only with the axes of its table (closed hypercubes); typed members "
               "match their pattern; dimensions in the scenario")
DIM_ERROR = "xbrldie:PrimaryItemDimensionallyInvalidError"
cases = [("FR-07-01", "the entity name on the methane member", "EntityNameChinese", gas("MethaneMember"), ()),
         ("FR-07-02", "the Scope 1+2 total on the methane member", "Scope1And2LocationBasedGHGEmissions",
          gas("MethaneMember"), ()),
         ("FR-07-03", "Scope 1 by gas and by source type at once", "Scope1GHGEmissions",
          (*gas("MethaneMember"), ("EmissionSourceTypeAxis", "FugitiveEmissionsMember")), ()),
         ("FR-07-04", "a facility's name without a facility", "FacilityName", (), ()),
         ("FR-07-05", "a Scope 3 method for no category", "Scope3MeasurementMethod", (), ()),
         ("FR-07-06", "energy on a member of another axis", "EnergyConsumption", gas("MethaneMember"), ())]
for vid, text, concept, explicit, typed in cases:
    f = base()
    if concept in ("EnergyConsumption",):
        f.num(concept, "5", "cn-ghg:tce", explicit=explicit)
    elif F.D.concepts[concept].numeric:
        f.num(concept, "5", explicit=explicit)
    else:
        f.text(concept, "x", explicit=explicit, typed=typed)
    v.append(Variation(vid, text, xbrl(f), [DIM_ERROR], [DIM_ERROR]))
ok = base()
ok.text("Scope3MeasurementMethod", "支出法", explicit=(("Scope3CategoryAxis", "Category6BusinessTravelMember"),))
seg = base()
seg.contexts[seg.find("Scope1GHGEmissions", explicit=GROUP).context].segment = True
v += [
    Variation("FR-07-07", "a Scope 3 method on its category; Scope 1 on CF4 and C2F6", xbrl(ok)),
    Variation("FR-07-08", "a dimension in the segment", xbrl(seg), [DIM_ERROR], [DIM_ERROR]),
    Variation("FR-07-09", "a facility id with a space and a slash",
              edit(base(), b"<cn-ghg:FacilityIdentifier>F1<", b"<cn-ghg:FacilityIdentifier>F 1/x<"),
              ["xmlSchema:valueError"], ["xmlSchema:valueError"]),
    Variation("FR-07-10", "a member that is not in the axis's domain",
              edit(base(), b"cn-ghg:MethaneMember", b"cn-ghg:QinghaiMember"), [DIM_ERROR], [DIM_ERROR]),
]

# --- FR-08 units -----------------------------------------------------------------------------------

v = rule("08", "Units: emissions in utr:tCO2e only (kt, 万t only as an iXBRL scale), energy in cn-ghg:tce and "
               "utr:GJ, money in iso4217:CNY, intensities per CNY or per unit of product, counts and shares pure")


def unit_case(vid: str, text: str, concept: str, num: str, den: str | None, code: str, value: str = "5",
              decimals: str = "0", extra: list[str] | None = None) -> Variation:
    f = base()
    f.num(concept, value, num, decimals, den=den)
    return Variation(vid, text, xbrl(f), [f"message:{code}", *(extra or [])], [code, *(extra or [])])


kt = base()
for fact in kt.facts:
    if fact.unit and kt.units[fact.unit] == ("utr:tCO2e", None):
        fact.value = str(int(fact.value) // 1000) if int(fact.value) >= 1000 else fact.value
kt.units["u_tCO2e"] = ("utr:ktCO2e", None)
good = base()
good.num("RevenueUsedForGHGIntensity", "1000000000", "iso4217:CNY", "-4")
good.num("Scope1GHGIntensityPerRevenue", "0.00000100", "utr:tCO2e", "8", den="iso4217:CNY")
product = (("ProductAxis", "aluminium"),)
good.num("ProductionVolume", "100", "utr:t", typed=product)
good.num("Scope1GHGIntensityPerUnitOfProduct", "6.0000", "utr:tCO2e", "4", den="utr:t", typed=product)
good.num("NumberOfDefaultSubstitutions", "2", "xbrli:pure")
wan = base()
for fact in wan.facts:
    if fact.concept == "Scope1GHGEmissions" and not wan.contexts[fact.context].explicit and \
            not wan.contexts[fact.context].typed and wan.contexts[fact.context].start == "2025-01-01":
        fact.value, fact.scale = "0.1000", 4
bad_product = base()
bad_product.num("ProductionVolume", "100", "utr:t", typed=product)
bad_product.num("Scope1GHGIntensityPerUnitOfProduct", "6.0000", "utr:tCO2e", "4", den="utr:MWh", typed=product)
v += [
    Variation("FR-08-01", "a whole filing in ktCO2e", xbrl(kt), ["message:VR-UNIT-001"], ["VR-UNIT-001"]),
    unit_case("FR-08-02", "energy in GJ tagged in MWh", "EnergyConsumptionInGigajoules", "utr:MWh", None,
              "VR-UNIT-003"),
    unit_case("FR-08-03", "a tce concept in GJ", "EnergyConsumption", "utr:GJ", None, "VR-UNIT-002"),
    unit_case("FR-08-04", "revenue in US dollars", "RevenueUsedForGHGIntensity", "iso4217:USD", None, "VR-UNIT-004",
              "1000000", "-4"),
    unit_case("FR-08-05", "intensity per US dollar", "Scope1GHGIntensityPerRevenue", "utr:tCO2e", "iso4217:USD",
              "VR-UNIT-005", "0.00000100", "8"),
    unit_case("FR-08-06", "a count in tonnes", "NumberOfDefaultSubstitutions", "utr:tCO2e", None, "VR-UNIT-006"),
    Variation("FR-08-07", "product intensity per MWh for a product produced in tonnes", xbrl(bad_product),
              ["message:VR-UNIT-007"], ["VR-UNIT-007"]),
    unit_case("FR-08-08", "emissions in tonnes of mass (utr:t)", "Scope3GHGEmissions", "utr:t", None, "VR-UNIT-001",
              extra=["utre:error-NumericFactUtrInvalid"]),
    Variation("FR-08-09", "tce, GJ, CNY, tCO2e per CNY, tCO2e per tonne of product, a count", xbrl(good)),
    Variation("FR-08-10", "Scope 1 shown in 万吨 through scale=\"4\" (iXBRL)", html(wan)),
]
share = base()
share.num("FacilityOwnershipShare", "0.6", "utr:tCO2e", "4", typed=(("FacilityAxis", "F1"),))
v.append(Variation("FR-08-11", "a percentage in tCO2e", xbrl(share), ["utre:error-NumericFactUtrInvalid"],
                   ["utre:error-NumericFactUtrInvalid"]))
energy_product = base()
energy_product.num("ProductionVolume", "100", "utr:t", typed=product)
energy_product.num("EnergyIntensityPerUnitOfProduct", "2.4000", "utr:tCO2e", "4", den="utr:t", typed=product)
good_energy = base()
good_energy.num("EnergyIntensityPerRevenue", "0.00002000", "cn-ghg:tce", "8", den="iso4217:CNY")
good_energy.num("ProductionVolume", "100", "utr:t", typed=product)
good_energy.num("EnergyIntensityPerUnitOfProduct", "2.4000", "cn-ghg:tce", "4", den="utr:t", typed=product)
good_energy.num("InternalCarbonPrice", "100", "iso4217:CNY", den="utr:tCO2e")
good_energy.num("EnergyConsumptionLimitedIndicatorValue", "13020.5", "utr:kWh", "1", den="utr:t", typed=product)
good_energy.num("EnergyConsumptionLimit", "13350", "utr:kWh", den="utr:t", typed=product)
v += [
    unit_case("FR-08-12", "energy intensity per revenue in tCO2e per CNY", "EnergyIntensityPerRevenue", "utr:tCO2e",
              "iso4217:CNY", "VR-UNIT-008", "0.00002000", "8"),
    unit_case("FR-08-13", "internal carbon price in US dollars per tCO2e", "InternalCarbonPrice", "iso4217:USD",
              "utr:tCO2e", "VR-UNIT-009", "100"),
    Variation("FR-08-14", "energy per tonne of product tagged in tCO2e per tonne", xbrl(energy_product),
              ["message:VR-UNIT-010"], ["VR-UNIT-010"]),
    Variation("FR-08-15", "tce per CNY, tce per tonne of product, CNY per tCO2e, kWh per tonne beside its limit",
              xbrl(good_energy)),
]

# --- FR-09 decimals --------------------------------------------------------------------------------

v = rule("09", "Precision: numbers carry @decimals; totals and breakdowns agree within the tolerance their "
               "@decimals give (as Calculations 1.1 computes it)")
rounded = base()  # parts add up to 1,047 t; the total is given as 1,000 t precise to 100 t (0.10 万吨)
rounded.find("Scope1GHGEmissions", explicit=gas("CarbonDioxideMember")).value = "947"
rounded.find("Scope1GHGEmissions", explicit=GROUP).value = "847"
rounded.find("Scope1And2LocationBasedGHGEmissions", start="2025-01-01").value = "1547"
rounded.find("Scope1GHGEmissions", explicit=(), typed=(), start="2025-01-01").decimals = "-2"
wan_rounded = rounded.copy()
s1 = wan_rounded.find("Scope1GHGEmissions", explicit=(), typed=(), start="2025-01-01")
s1.value, s1.scale = "0.10", 4
off = base()
s1 = off.find("Scope1GHGEmissions", explicit=(), typed=(), start="2025-01-01")
s1.value, s1.decimals = "1200", "-2"
off.find("Scope1And2LocationBasedGHGEmissions").value = "1700"
precision = base()
p_fact = precision.find("Scope2LocationBasedGHGEmissions", start="2025-01-01")
p_fact.precision = "4"
v += [
    Variation("FR-09-01", "a total precise to 100 t (decimals -2) over parts precise to the tonne", xbrl(rounded)),
    Variation("FR-09-02", "\"0.10 万吨\" tagged scale=\"4\" decimals=\"-2\" over parts precise to the tonne (iXBRL)",
              html(wan_rounded)),
    Variation("FR-09-03", "a total precise to 100 t that is off by more than its tolerance", xbrl(off),
              ["message:VR-GHG-002"], ["VR-GHG-002"]),
    Variation("FR-09-04", "precision instead of decimals", xbrl(precision), "valid", ["check.decimals"], beyond=True),
]

# --- FR-10 totals and breakdowns -------------------------------------------------------------------

v = rule("10", "Totals: Scope 1+2 and 1-3 add up (Calculations 1.1); breakdowns by gas, source type, consolidation "
               "scope, Scope 3 category and energy type add up to their totals; PFCs = CF4 + C2F6")


def shifted(vid: str, text: str, concept: str, code: str, by: int = 1000, **dims: object) -> Variation:
    f = base()
    fact = f.find(concept, **dims)
    fact.value = str(int(fact.value) + by)
    codes = [f"message:{code}"] if code.startswith("VR") else [code]
    return Variation(vid, text, xbrl(f), codes, [code])


def with_breakdown(concept: str, axis: str, members: list[tuple[str, str]], unit: str = "utr:tCO2e",
                   total: str | None = None) -> Filing:
    f = base()
    if total is not None:
        f.num(concept, total, unit)
    for member, value in members:
        f.num(concept, value, unit, explicit=((axis, member),))
    return f


no_pfc = base()
no_pfc.drop("Scope1GHGEmissions", explicit=gas("PerfluorocarbonsMember"))
no_pfc_off = no_pfc.copy()
no_pfc_off.find("Scope1GHGEmissions", explicit=gas("TetrafluoromethaneMember")).value = "10030"
tolerance = base()
for member, value in (("CarbonDioxideMember", "333"), ("MethaneMember", "333"), ("PerfluorocarbonsMember", "333")):
    tolerance.find("Scope1GHGEmissions", explicit=gas(member)).value = value
tolerance.find("Scope1GHGEmissions", explicit=gas("TetrafluoromethaneMember")).value = "323"
beyond_tol = tolerance.copy()
beyond_tol.find("Scope1GHGEmissions", explicit=gas("MethaneMember")).value = "330"
scope3 = with_breakdown("Scope3GHGEmissions", "Scope3CategoryAxis",
                        [("Category1PurchasedGoodsAndServicesMember", "70"), ("Category6BusinessTravelMember", "20")],
                        total="100")
s2m = base()
s2m.num("Scope2MarketBasedGHGEmissions", "400")
s2m.num("Scope2MarketBasedGHGEmissions", "300", explicit=GROUP)
s2m.num("Scope2MarketBasedGHGEmissions", "150", explicit=INVESTEES)
s2m.num("Scope1And2MarketBasedGHGEmissions", "1400")
s2l = base()
s2l.num("Scope2LocationBasedGHGEmissions", "450", explicit=GROUP)
s2l.num("Scope2LocationBasedGHGEmissions", "100", explicit=INVESTEES)
source = with_breakdown("Scope1GHGEmissions", "EmissionSourceTypeAxis",
                        [("StationaryCombustionMember", "700"), ("ProcessEmissionsMember", "200")])
gj = base()
gj.num("EnergyConsumptionInGigajoules", "2931", "utr:GJ", explicit=(("EnergyTypeAxis", "RawCoalMember"),))
gj.num("EnergyConsumptionInGigajoules", "72", "utr:GJ", explicit=(("EnergyTypeAxis", "ElectricityMember"),))
v += [
    shifted("FR-10-01", "Scope 1+2 total off by 1,000 t", "Scope1And2LocationBasedGHGEmissions",
            "calc11e:inconsistentCalculationUsingRounding", start="2025-01-01"),
    shifted("FR-10-02", "CO2 off by 1,000 t: the sum by gas differs", "Scope1GHGEmissions", "VR-GHG-002",
            explicit=gas("CarbonDioxideMember")),
    Variation("FR-10-03", "the sum by source type differs", xbrl(source), ["message:VR-GHG-003"], ["VR-GHG-003"]),
    Variation("FR-10-04", "Scope 3 categories do not add up", xbrl(scope3), ["message:VR-GHG-004"], ["VR-GHG-004"]),
    shifted("FR-10-05", "consolidated group plus other investees differ from Scope 1", "Scope1GHGEmissions",
            "VR-GHG-005", explicit=GROUP),
    Variation("FR-10-06", "location-based Scope 2 by consolidation scope differs", xbrl(s2l),
              ["message:VR-GHG-006"], ["VR-GHG-006"]),
    shifted("FR-10-07", "energy types do not add up to the tce total", "EnergyConsumption", "VR-GHG-007",
            explicit=(("EnergyTypeAxis", "RawCoalMember"),)),
    Variation("FR-10-08", "market-based Scope 2 by consolidation scope differs", xbrl(s2m),
              ["message:VR-GHG-008"], ["VR-GHG-008"]),
    shifted("FR-10-09", "CF4 + C2F6 10,000 t off the PFC figure", "Scope1GHGEmissions", "VR-GHG-009", by=10000,
            explicit=gas("TetrafluoromethaneMember")),
    Variation("FR-10-10", "energy types do not add up to the GJ total", xbrl(gj), ["message:VR-GHG-010"],
              ["VR-GHG-010"]),
    Variation("FR-10-11", "CF4 and C2F6 without the PFC aggregate", xbrl(no_pfc)),
    Variation("FR-10-12", "CF4 and C2F6 without the PFC aggregate, 10,000 t off", xbrl(no_pfc_off),
              ["message:VR-GHG-002"], ["VR-GHG-002"]),
    Variation("FR-10-13", "three parts of 333 t for a total of 1,000 t: within the rounding tolerance",
              xbrl(tolerance)),
    Variation("FR-10-14", "parts 3 t short of the total: beyond the rounding tolerance of 2 t", xbrl(beyond_tol),
              ["message:VR-GHG-002"], ["VR-GHG-002"]),
    Variation("FR-10-15", "Scope 3 categories that add up", xbrl(
        with_breakdown("Scope3GHGEmissions", "Scope3CategoryAxis",
                       [("Category1PurchasedGoodsAndServicesMember", "80"), ("Category6BusinessTravelMember", "20")],
                       total="100"))),
]


def energy_use(direct: str = "100", indirect: str = "20", clean: str = "12") -> Filing:
    """Direct and indirect energy (100 + 20 = 120 tce, the base filing's total) and clean energy by channel
    (green certificates 8, self-generated 4) and by type (solar 12)."""
    f = base()
    f.num("DirectEnergyConsumption", direct, "cn-ghg:tce")
    f.num("IndirectEnergyConsumption", indirect, "cn-ghg:tce")
    f.num("CleanEnergyConsumption", clean, "cn-ghg:tce")
    f.num("CleanEnergyConsumption", "8", "cn-ghg:tce",
          explicit=(("CleanEnergyChannelAxis", "GreenElectricityCertificatesMember"),))
    f.num("CleanEnergyConsumption", "4", "cn-ghg:tce",
          explicit=(("CleanEnergyChannelAxis", "SelfGeneratedCleanEnergyMember"),))
    f.num("CleanEnergyConsumption", "12", "cn-ghg:tce", explicit=(("CleanEnergyTypeAxis", "SolarEnergyMember"),))
    return f


channel_off = energy_use()
channel_off.find("CleanEnergyConsumption", explicit=(("CleanEnergyChannelAxis", "SelfGeneratedCleanEnergyMember"),)
                 ).value = "40"
type_off = energy_use()
type_off.find("CleanEnergyConsumption", explicit=(("CleanEnergyTypeAxis", "SolarEnergyMember"),)).value = "2"
above = energy_use(clean="130")
for member, value in (("GreenElectricityCertificatesMember", "90"), ("SelfGeneratedCleanEnergyMember", "40")):
    above.find("CleanEnergyConsumption", explicit=(("CleanEnergyChannelAxis", member),)).value = value
above.find("CleanEnergyConsumption", explicit=(("CleanEnergyTypeAxis", "SolarEnergyMember"),)).value = "130"
capital = base()
capital.num("CapitalDeployedTowardsClimateRisksAndOpportunities", "500000000", "iso4217:CNY", "-4")
capital.num("CapitalDeployedTowardsClimateRisksAndOpportunities", "400000000", "iso4217:CNY", "-4",
            explicit=(("ClimateCapitalPurposeAxis", "ClimateMitigationMember"),))
capital.num("CapitalDeployedTowardsClimateRisksAndOpportunities", "50000000", "iso4217:CNY", "-4",
            explicit=(("ClimateCapitalPurposeAxis", "ClimateAdaptationMember"),))
investment = base()
investment.num("GHGReductionInvestment", "200000000", "iso4217:CNY", "-4")
investment.num("GHGReductionInvestment", "150000000", "iso4217:CNY", "-4", explicit=(("GHGScopeAxis", "Scope1Member"),))
v += [
    Variation("FR-10-16", "direct and indirect energy and clean energy by channel and type that add up",
              xbrl(energy_use())),
    Variation("FR-10-17", "direct plus indirect energy 10 tce off the total", xbrl(energy_use(direct="110")),
              ["calc11e:inconsistentCalculationUsingRounding"], ["calc11e:inconsistentCalculationUsingRounding"]),
    Variation("FR-10-18", "clean energy by channel does not add up", xbrl(channel_off), ["message:VR-GHG-012"],
              ["VR-GHG-012"]),
    Variation("FR-10-19", "clean energy by type does not add up", xbrl(type_off), ["message:VR-GHG-013"],
              ["VR-GHG-013"]),
    Variation("FR-10-20", "clean energy above total energy", xbrl(above), ["message:VR-GHG-014"], ["VR-GHG-014"]),
    Variation("FR-10-21", "capital deployed by purpose does not add up", xbrl(capital), ["message:VR-FIN-001"],
              ["VR-FIN-001"]),
    Variation("FR-10-22", "reduction investment by scope does not add up", xbrl(investment), ["message:VR-CM-002"],
              ["VR-CM-002"]),
]
shares = energy_use()
shares.num("CleanEnergyShare", "0.1000", "xbrli:pure", "4")  # 12 / 120 tce
shares.num("RevenueUsedForGHGIntensity", "6000000", "iso4217:CNY", "-4")
shares.num("EnergyIntensityPerRevenue", "0.00002000", "cn-ghg:tce", "8", den="iso4217:CNY")  # 120 tce / 6,000,000 CNY
shares.num("LowCarbonProductRevenue", "600000", "iso4217:CNY", "-4")
shares.num("PercentageOfRevenueFromLowCarbonProducts", "0.1000", "xbrli:pure", "4")
share_off = shares.copy()
share_off.find("CleanEnergyShare").value = "0.1200"
low_carbon_off = shares.copy()
low_carbon_off.find("PercentageOfRevenueFromLowCarbonProducts").value = "0.0500"
v += [
    Variation("FR-10-23", "clean energy share, energy intensity and low-carbon revenue share equal their quotients",
              xbrl(shares)),
    Variation("FR-10-24", "a clean energy share that is not clean energy over total energy", xbrl(share_off),
              ["message:VR-GHG-015"], ["VR-GHG-015"]),
    Variation("FR-10-25", "a low-carbon revenue share that is not low-carbon revenue over revenue",
              xbrl(low_carbon_off), ["message:VR-FIN-004"], ["VR-FIN-004"]),
]

# --- FR-11 signs -----------------------------------------------------------------------------------

v = rule("11", "Signs: emissions, energy, carbon-market quantities, revenue and output are not negative; a "
               "financial effect's range runs from its lower to its upper end")
neg = base()
neg.num("Scope3GHGEmissions", "-10")
zero = base()
zero.num("Scope3GHGEmissions", "0")
neg_energy = base()
neg_energy.find("EnergyConsumptionInGigajoules").value = "-3517"
v += [
    Variation("FR-11-01", "negative Scope 3", xbrl(neg), ["message:VR-GHG-001"], ["VR-GHG-001"]),
    Variation("FR-11-02", "negative energy in GJ", xbrl(neg_energy), ["message:VR-GHG-001"], ["VR-GHG-001"]),
    Variation("FR-11-03", "a negative figure in Inline XBRL", html(neg), ["message:VR-GHG-001"], ["VR-GHG-001"]),
    Variation("FR-11-04", "Scope 3 of zero", xbrl(zero)),
]
effect = (("RiskOrOpportunityAxis", "R1"),)
ranges = base()
ranges.num("CurrentFinancialEffectLowerBound", "30000000", "iso4217:CNY", "-4", typed=effect)
ranges.num("CurrentFinancialEffectUpperBound", "30000000", "iso4217:CNY", "-4", typed=effect)
ranges.num("AnticipatedFinancialEffectLowerBound", "35000000", "iso4217:CNY", "-4", typed=effect)
ranges.num("AnticipatedFinancialEffectUpperBound", "50000000", "iso4217:CNY", "-4", typed=effect)
reversed_current = ranges.copy()
reversed_current.find("CurrentFinancialEffectLowerBound", typed=effect).value = "40000000"
reversed_anticipated = ranges.copy()
reversed_anticipated.find("AnticipatedFinancialEffectUpperBound", typed=effect).value = "20000000"
v += [
    Variation("FR-11-05", "financial effects as a value and as a range", xbrl(ranges)),
    Variation("FR-11-06", "a current financial effect whose lower end is above its upper end",
              xbrl(reversed_current), ["message:VR-FIN-002"], ["VR-FIN-002"]),
    Variation("FR-11-07", "an anticipated financial effect whose range is reversed", xbrl(reversed_anticipated),
              ["message:VR-FIN-003"], ["VR-FIN-003"]),
]

# --- FR-12 enumerations ----------------------------------------------------------------------------

v = rule("12", "Coded values: members of the concept's enumeration domain (Extensible Enumerations 2.0), sets "
               "ordered and without repeats; no free text")


def enum_case(vid: str, text: str, concept: str, raw: str, codes: list[str]) -> Variation:
    f = base()
    if concept in [x.concept for x in f.facts]:
        f.find(concept).value = raw
    else:
        f.enum(concept, raw=raw)
    return Variation(vid, text, xbrl(f), codes, codes)


scopes = base()
target = (("TargetAxis", "T1"),)
scopes.enum("TargetScopesCovered", "Scope1Member", "Scope2Member", typed=target)
v += [
    enum_case("FR-12-01", "free text in the consolidation approach", "ConsolidationApproach", "operational-control",
              ["xmlSchema:valueError"]),
    enum_case("FR-12-02", "a member of another domain", "ConsolidationApproach", f"{NS}#QinghaiMember",
              ["enum2ie:InvalidEnumerationValue"]),
    enum_case("FR-12-03", "a set out of order", "BasisOfPreparation",
              f"{NS}#SSEGuidelineNo14Member {NS}#IFRSS2Member", ["enum2ie:InvalidEnumerationSetOrder"]),
    enum_case("FR-12-04", "a member twice in a set", "BasisOfPreparation",
              f"{NS}#IFRSS2Member {NS}#IFRSS2Member", ["enum2ie:RepeatedEnumerationSetValue"]),
    enum_case("FR-12-05", "the domain itself as the value", "ConsolidationApproach",
              f"{NS}#ConsolidationApproachDomain", ["enum2ie:InvalidEnumerationValue"]),
    enum_case("FR-12-06", "codes joined by a comma", "BasisOfPreparation", "sse-no14, ifrs-s2",
              ["xmlSchema:valueError"]),
    Variation("FR-12-07", "the scopes of a target from the GHG scope axis's domain", xbrl(scopes)),
    Variation("FR-12-08", "enumerations in Inline XBRL, hidden and shown by their labels", html(scopes)),
]

# --- FR-13 languages -------------------------------------------------------------------------------

v = rule("13", "Languages: text carries the language it is written in (xml:lang); the English name is en")
en_zh = base()
en_zh.find("EntityNameEnglish").lang = "zh-CN"
v += [
    Variation("FR-13-01", "the English name tagged zh-CN", xbrl(en_zh), "valid", ["check.language"], beyond=True),
    Variation("FR-13-02", "the English name tagged en in a zh-CN report", html(base())),
]

# --- FR-14 mandatory items -------------------------------------------------------------------------

v = rule("14", "Mandatory items: a mandatory discloser reports every mandatory item for the year, or explains "
               "its omission; nil and blank count as missing; the regulator's list decides who is mandatory")
m = mandatory()
no_s1 = m.copy()
no_s1.drop("Scope1GHGEmissions", explicit=(), typed=(), start="2025-01-01")
nil = m.copy()
nil.find("Scope1And2LocationBasedGHGEmissions", start="2025-01-01").nil = True
blank = m.copy()
blank.find("GovernanceExplanatory").value = "   "
explained = m.copy()
explained.drop("GHGEmissionReductionsAchieved")
explained.enum("OmissionReason", "NotYetAvailableMember", typed=(("ChecklistItemAxis", "MT-10"),))
unexplained = m.copy()
unexplained.drop("GHGEmissionReductionsAchieved")
voluntary_missing = base()
flag_false = m.copy()
flag_false.find("EntityIsMandatoryDiscloser").value = "false"
flag_false.drop("GovernanceExplanatory")
over = flag_false.copy()
over.find("EntityIsMandatoryDiscloser").value = "true"
over_data = over.xml().replace(USCC.encode(), F.OTHER_USCC.encode())
unlisted = base().xml().replace(USCC.encode(), b"91440300MA5F8K2Q3U")
v += [
    Variation("FR-14-01", "a mandatory discloser with every mandatory item", xbrl(m)),
    Variation("FR-14-02", "the same in Inline XBRL", html(m)),
    Variation("FR-14-03", "no Scope 1 total (only its breakdowns)", xbrl(no_s1), ["message:VR-RPT-001"],
              ["check.mandatory-missing"]),
    Variation("FR-14-04", "the Scope 1+2 total given as xsi:nil", xbrl(nil),
              ["message:VR-RPT-001"], ["check.mandatory-missing"]),
    Variation("FR-14-05", "a blank governance text", xbrl(blank), ["message:VR-RPT-001"], ["check.mandatory-missing"]),
    Variation("FR-14-06", "reductions omitted and explained in the omissions table (MT-10)", xbrl(explained)),
    Variation("FR-14-07", "reductions omitted without an explanation", xbrl(unexplained), ["message:VR-RPT-001"],
              ["check.mandatory-missing"]),
    Variation("FR-14-08", "a voluntary discloser without the mandatory items", xbrl(voluntary_missing)),
    Variation("FR-14-09", "listed mandatory by the regulator, declared voluntary, items missing", xbrl(flag_false),
              "valid", ["check.obligation-mismatch", "check.mandatory-missing"], beyond=True, obligations=True),
    Variation("FR-14-10", "declared mandatory, listed voluntary by the regulator, an item missing",
              {"filing.xbrl": over_data}, ["message:VR-RPT-001"], ["check.obligation-overdeclared"], valid=True,
              beyond=True, obligations=True),
    Variation("FR-14-11", "a filer not on the regulator's list", {"filing.xbrl": unlisted}, "valid",
              ["check.obligation-unlisted"], valid=True, beyond=True, obligations=True),
    Variation("FR-14-12", "listed mandatory and complete", xbrl(m), "valid", [], obligations=True),
]

# --- FR-15 duplicates ------------------------------------------------------------------------------

v = rule("15", "Duplicates: a figure is reported once, or with the same value")
dup = base()
dup.num("Scope1GHGEmissions", "999")
same = base()
same.num("Scope1GHGEmissions", "1000")
v += [
    Variation("FR-15-01", "Scope 1 twice with different values", xbrl(dup), "valid", ["arelle:duplicateFacts"],
              beyond=True),
    Variation("FR-15-02", "Scope 1 twice with the same value", xbrl(same)),
]

# --- FR-16 carbon market ---------------------------------------------------------------------------

v = rule("16", "Carbon market: CCERs used for surrender are at most 5 % of the surrender obligation")
ccer = base()
facility = (("FacilityAxis", "F1"),)
ccer.num("SurrenderObligation", "100000", typed=facility)
ccer.num("CCERUsedForSurrender", "5000", typed=facility)
over_cap = ccer.copy()
over_cap.find("CCERUsedForSurrender").value = "5001"
v += [
    Variation("FR-16-01", "CCERs exactly 5 % of the obligation", xbrl(ccer)),
    Variation("FR-16-02", "CCERs over 5 %", xbrl(over_cap), ["message:VR-CM-001"], ["VR-CM-001"]),
]

# --- FR-17 plausibility ----------------------------------------------------------------------------

v = rule("17", "Plausibility: a figure 10 times or more its prior-year value is flagged (warning)")
jump = base()
jump.find("Scope1GHGEmissions", start="2024-01-01").value = "95"
jump.find("Scope1And2LocationBasedGHGEmissions", start="2024-01-01").value = "615"
rise = base()
rise.find("Scope1GHGEmissions", start="2024-01-01").value = "200"
rise.find("Scope1And2LocationBasedGHGEmissions", start="2024-01-01").value = "720"
v += [
    Variation("FR-17-01", "Scope 1 ten times last year's (a unit slip?)", xbrl(jump), "valid", ["VR-GHG-011"],
              valid=True),
    Variation("FR-17-02", "Scope 1 five times last year's", xbrl(rise)),
]

# --- FR-18 exchange entry points -------------------------------------------------------------------

v = rule("18", "Exchange entry points: a filing through an exchange's entry point is prepared under that "
               "exchange's guideline")
szse_wrong = base("szse")
szse_wrong.find("BasisOfPreparation").value = f"{NS}#IFRSS2Member {NS}#SSEGuidelineNo14Member"
v += [
    Variation("FR-18-01", "SZSE entry point, SZSE guideline", xbrl(base("szse"))),
    Variation("FR-18-02", "SZSE entry point, SSE guideline", xbrl(szse_wrong), ["message:VR-RPT-003"], ["VR-RPT-003"]),
    Variation("FR-18-03", "BSE entry point, BSE guideline", xbrl(base("bse"))),
]

# --- FR-19 XBRL validity ---------------------------------------------------------------------------

v = rule("19", "XBRL: valid XBRL 2.1, Dimensions 1.0 and Inline XBRL 1.1; every message readable")
undefined = base().xml().replace(b"<cn-ghg:Scope1GHGEmissions ", b'<cn-ghg:NoSuchConcept contextRef="c1">1'
                                 b"</cn-ghg:NoSuchConcept>\n  <cn-ghg:Scope1GHGEmissions ", 1)
missing_ctx = base().xml().replace(b'contextRef="c2"', b'contextRef="nope"', 1)
transform = base().inline().replace(b">1,000<", b">1.000,5x<", 1)
v += [
    Variation("FR-19-01", "an undefined concept", {"filing.xbrl": undefined}, ["xbrl:schemaImportMissing"],
              ["xbrl:schemaImportMissing"]),
    Variation("FR-19-02", "a fact whose context does not exist", {"filing.xbrl": missing_ctx},
              ["xbrl.4.6.1:itemContextRef"], ["xbrl.4.6.1:itemContextRef"]),
    Variation("FR-19-03", "a number its transformation cannot read", {"filing.html": transform},
              ["ix11.10.1.1:transformValueError"], ["ix11.10.1.1:transformValueError"]),
    Variation("FR-19-04", "a complete small Inline XBRL report", html(base())),
]


# --- writing ---------------------------------------------------------------------------------------

def _result(var: Variation) -> str:
    if var.arelle == "valid":
        return '<result expected="valid"/>'
    if var.arelle == "invalid":
        return '<result expected="invalid"/>'
    return "<result>" + "".join(f'<error nonStandardErrorCodes="true">{c}</error>' for c in var.arelle) + "</result>"


def _ours(var: Variation) -> str:
    errors = [c for c in var.codes if c not in WARNINGS]
    valid = var.valid if var.valid is not None else not errors
    attrs = f'valid="{str(valid).lower()}"' + (' arelle="beyond"' if var.beyond else "") + (
        ' obligations="../obligations.csv"' if var.obligations else "")
    codes = "".join(f"<dc:code>{c}</dc:code>" for c in var.codes)
    return f"<dc:check {attrs}>{codes}</dc:check>"


WARNINGS = {"check.package-legacy", "check.obligation-overdeclared", "check.obligation-unlisted", "VR-GHG-011"}


def testcase(number: str, title: str, variations: list[Variation]) -> bytes:
    body = []
    for var in variations:
        docs = f'<instance readMeFirst="true">{var.id}/{var.document}</instance>'
        body.append(f'  <variation id="{var.id}" name="{escape(var.description)}">\n'
                    f"    <description>{escape(var.description)}</description>\n"
                    f"    <data>{docs}</data>\n    {_result(var)}\n    {_ours(var)}\n  </variation>")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<testcase xmlns="http://xbrl.org/2008/conformance" '
            f'xmlns:dc="{DC}" name="FR-{number}" description="{escape(title)}">\n'
            f"  <description>FR-{number}: {escape(title)}</description>\n" + "\n".join(body) +
            "\n</testcase>\n").encode("utf-8")


def files() -> dict[str, bytes]:
    out: dict[str, bytes] = {"obligations.csv": OBLIGATIONS}
    index = []
    for number, (title, variations) in RULES.items():
        folder = f"fr-{number}"
        index.append(f'  <testcase uri="{folder}/testcase.xml"/>')
        out[f"{folder}/testcase.xml"] = testcase(number, title, variations)
        for var in variations:
            for name, data in var.files.items():
                out[f"{folder}/{var.id}/{name}"] = data
    out["index.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?>\n<testcases xmlns="http://xbrl.org/2008/conformance" '
                        f'name="cn-ghg filing rules" date="{F.D.date}">\n' + "\n".join(index) +
                        "\n</testcases>\n").encode("utf-8")
    return dict(sorted(out.items()))


def variations() -> list[tuple[str, Variation]]:
    return [(f"fr-{n}", var) for n, (_, vs) in RULES.items() for var in vs]


def write() -> int:
    for child in HERE.iterdir():
        if child.is_dir() and child.name.startswith("fr-"):
            shutil.rmtree(child)
    for name, data in files().items():
        path = HERE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return len(variations())


if __name__ == "__main__":
    print(f"{write()} variations in {HERE}")  # noqa: T201
