# ruff: noqa: E501  (a table of text edits; long lines keep each edit readable on one line)
"""The trap corpus: the errors real filers make, each with the finding it must give.

A case edits ``base.yaml`` (a clean filing with monthly coal and electricity, second sources,
meters, three comparative years, a verification report and ETS compliance) by text replacement and
names the expected code, severity and location (dotted path, and a text on the expected line).
``absent`` cases assert that a legitimate variant gives no error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

COAL6 = '{period: "2025-06", quantity: 8440, unit: t}'
ELEC4 = '{period: "2025-04", quantity: 1950, unit: MWh}'
BILL4 = '              - {period: "2025-04", quantity: 1950, unit: MWh}'
HIST = "history:\n"
ELEC_RECORDS = "        meter: GATE\n        records:\n" + "".join(
    f"          - {{period: \"2025-{m:02d}\", quantity: {q}, unit: MWh}}\n" for m, q in enumerate(
        (2010, 1880, 1990, 1950, 2040, 2110, 2230, 2260, 2080, 1970, 2000, 2060), start=1))
FAC = "  - id: F1\n"


@dataclass(frozen=True)
class Case:
    id: str
    edits: tuple[tuple[str, str], ...]
    code: str
    severity: str = "error"
    path: str | None = None
    marker: str | None = None
    absent: bool = False
    contains: str | None = None
    files: dict[str, str] = field(default_factory=dict)


def c(id: str, edits: list[tuple[str, str]], code: str, severity: str = "error", path: str | None = None,
      marker: str | None = None, **kw: object) -> Case:
    return Case(id, tuple(edits), code, severity, path, marker, **kw)  # type: ignore[arg-type]


R = "facilities[0].combustion[0].records"
POWER = '{key: power, name: {zh-CN: "供电量", en: "Power supplied"}, quantity: 240000, unit: MWh}'
CEMENT = ("{{key: clinker, name: {{zh-CN: 熟料, en: Clinker}}, quantity: {clinker}, unit: t}}\n"
          "      - {{key: cement, name: {{zh-CN: 水泥, en: Cement}}, quantity: {cement}, unit: t}}")
ALU = ("  - id: F2\n    name: {{zh-CN: 电解铝厂, en: Smelter}}\n    entity: P\n    province: 福建\n    products:\n"
       "      - {{key: aluminium, name: {{zh-CN: 原铝, en: Aluminium}}, quantity: 10000, unit: t}}\n    electricity:\n"
       "      - id: grid\n        records: [{{period: \"2025\", quantity: {mwh}, unit: MWh}}]\n"
       "        location_factor: {{series: mee-nbs, year: 2023, region: fujian, justification:"
       " {{zh-CN: 最新, en: latest}}}}\nhistory:\n")
H2024 = "revenue_10k_cny: 98000}"
ETS_POWER = ("    products:\n", "    ets: {covered: true, sector: power}\n    products:\n")
COAL_MONTHS = (8120, 7410, 8030, 7860, 8210, 8440, 8920, 9050, 8310, 7990, 8150, 8510)
LAB_ROW = ('{{period: "2025-{m:02d}", quantity: {q}, unit: t, ncv: 21.5, ncv_unit: GJ/t, ncv_basis: measured, '
           'ncv_evidence: LAB-{m:02d}, carbon_content: 0.0262, carbon_content_unit: tC/GJ, '
           'carbon_content_basis: measured, carbon_content_evidence: LAB-{m:02d}, evidence_date: 2025-{n:02d}-20}}')
MONTHLY_LAB = ("".join(f'          - {{period: "2025-{m:02d}", quantity: {q}, unit: t}}\n'
                       for m, q in enumerate(COAL_MONTHS, start=1)),
               "".join("          - " + LAB_ROW.format(m=m, q=q, n=m % 12 + 1).replace("2025-01-20}", "2026-01-20}")
                       + "\n" for m, q in enumerate(COAL_MONTHS, start=1)))
DIESEL = ("      - id: oil\n        fuel: diesel\n        parameters:\n"
          "          ncv: {value: 42.65, unit: GJ/t, basis: measured}\n          carbon_content: {basis: default}\n"
          "          oxidation: {basis: default}\n        records:\n          - {period: \"2025\", quantity: 100, unit: t}\n")
H2024_PRODUCTS = "revenue_10k_cny: 98000, products: [{{key: power, value: {value}, unit: {unit}}}]}}"
E = "facilities[0].electricity[0].records"
NO_HISTORY = ("history:\n  - {year: 2024, scope1: 198400, scope2_location: 13100, energy_tce: 72100, "
              "revenue_10k_cny: 98000}\n  - {year: 2023, scope1: 201300, scope2_location: 13500, "
              "energy_tce: 73200, revenue_10k_cny: 96500}\n  - {year: 2022, scope1: 204800, "
              "scope2_location: 13900, energy_tce: 74600, revenue_10k_cny: 95100}\n", "")
REVIEW = "    reviewed_by: {name: 林晓, role: 经理, date: 2026-03-31}\n"
NO_VERIFY = ("      scope1: 200388\n", "")

CASES: list[Case] = [
    # --- 1. monthly magnitude, activity data, both directions ---------------------------------
    c("coal-x10", [(COAL6, '{period: "2025-06", quantity: 84400, unit: t}')], "rule.magnitude.monthly",
      path=f"{R}[5].quantity", marker="84400"),
    c("coal-x100", [(COAL6, '{period: "2025-06", quantity: 844000, unit: t}')], "rule.magnitude.monthly",
      path=f"{R}[5].quantity", marker="844000"),
    c("coal-x1000-kg-as-t", [(COAL6, '{period: "2025-06", quantity: 8440000, unit: t}')],
      "rule.magnitude.monthly", path=f"{R}[5].quantity", marker="8440000"),
    c("coal-x10000-wan-ton", [(COAL6, '{period: "2025-06", quantity: 8440, unit: "10^4t"}')],
      "rule.magnitude.monthly", path=f"{R}[5].quantity", marker='unit: "10^4t"'),
    c("coal-div10", [(COAL6, '{period: "2025-06", quantity: 844, unit: t}')], "rule.magnitude.monthly",
      path=f"{R}[5].quantity", marker="quantity: 844,"),
    c("coal-div1000", [(COAL6, '{period: "2025-06", quantity: 8.44, unit: t}')], "rule.magnitude.monthly",
      path=f"{R}[5].quantity", marker="8.44"),
    c("coal-div10000", [(COAL6, '{period: "2025-06", quantity: 0.844, unit: t}')],
      "rule.magnitude.monthly", path=f"{R}[5].quantity", marker="0.844"),
    c("elec-x10", [(ELEC4, '{period: "2025-04", quantity: 19500, unit: MWh}')], "rule.magnitude.monthly",
      path=f"{E}[3].quantity", marker="19500, unit: MWh"),
    c("elec-kwh-as-mwh", [(ELEC4, '{period: "2025-04", quantity: 1950000, unit: MWh}')],
      "rule.magnitude.monthly", path=f"{E}[3].quantity", marker="1950000"),
    c("elec-x10000", [(ELEC4, '{period: "2025-04", quantity: 1950, unit: "10^4kWh"}')],
      "rule.magnitude.monthly", path=f"{E}[3].quantity", marker='"10^4kWh"'),
    c("elec-div10", [(ELEC4, '{period: "2025-04", quantity: 195, unit: MWh}')], "rule.magnitude.monthly",
      path=f"{E}[3].quantity", marker="quantity: 195,"),
    c("elec-mwh-as-kwh", [(ELEC4, '{period: "2025-04", quantity: 1950, unit: kWh}')],
      "rule.magnitude.monthly", path=f"{E}[3].quantity", marker="unit: kWh"),
    c("elec-div10000", [(ELEC4, '{period: "2025-04", quantity: 0.195, unit: MWh}')],
      "rule.magnitude.monthly", path=f"{E}[3].quantity", marker="0.195"),
    c("coal-x10-no-history-no-verification", [NO_HISTORY, NO_VERIFY,
                                              (COAL6, '{period: "2025-06", quantity: 84400, unit: t}')],
      "rule.magnitude.monthly", path=f"{R}[5].quantity", marker="84400"),
    c("coal-wan-ton-with-declared-total", [
        ("        checks:\n          - kind: stock-balance", "        declared_annual_quantity: 99000\n"
         "        checks:\n          - kind: stock-balance"),
        (COAL6, '{period: "2025-06", quantity: 8440, unit: "10^4t"}')],
      "rule.magnitude.monthly", path=f"{R}[5].quantity", marker='"10^4t"'),
    c("coal-far-outlier", [(COAL6, '{period: "2025-06", quantity: 29500, unit: t}')], "rule.outlier.monthly",
      severity="warning", path=f"{R}[5].quantity", marker="29500"),
    # --- declared totals -------------------------------------------------------------------------
    c("declared-in-wan-ton", [("        checks:\n          - kind: stock-balance",
                               "        declared_annual_quantity: 9.9\n        checks:\n          - kind: stock-balance")],
      "rule.magnitude.declared", path="facilities[0].combustion[0].declared_annual_quantity", marker="9.9"),
    c("declared-9pct-off", [("        checks:\n          - kind: stock-balance",
                             "        declared_annual_quantity: 108000\n        checks:\n          - kind: stock-balance")],
      "rule.activity.declared-mismatch", path="facilities[0].combustion[0].declared_annual_quantity",
      marker="108000"),
    # --- history N-1 ... N-3 ----------------------------------------------------------------------
    c("history-n1-wan-ton", [("{year: 2024, scope1: 198400,", "{year: 2024, scope1: 19.84,")],
      "rule.magnitude.prior-year", path="history[0].scope1", marker="19.84"),
    c("history-n2-wan-ton", [("{year: 2023, scope1: 201300,", "{year: 2023, scope1: 20.13,")],
      "rule.magnitude.prior-year", path="history[1].scope1", marker="20.13"),
    c("history-n3-wan-ton", [("{year: 2022, scope1: 204800,", "{year: 2022, scope1: 20.48,")],
      "rule.magnitude.prior-year", path="history[2].scope1", marker="20.48"),
    c("history-n3-scope2-x1000", [("scope2_location: 13900", "scope2_location: 13900000")],
      "rule.magnitude.prior-year", path="history[2].scope2_location", marker="13900000"),
    c("history-n2-energy-x10", [("energy_tce: 73200", "energy_tce: 732000")], "rule.magnitude.prior-year",
      path="history[1].energy_tce", marker="732000"),
    c("history-n1-revenue-yuan", [("revenue_10k_cny: 98000", "revenue_10k_cny: 980000000")],
      "rule.magnitude.prior-year", path="history[0].revenue_10k_cny", marker="980000000"),
    # --- completeness ----------------------------------------------------------------------------
    c("coal-month-deleted", [("          - " + COAL6 + "\n", "")], "rule.mrv.missing-months",
      path=R, contains="2025-06"),
    c("elec-month-deleted", [("          - " + ELEC4 + "\n", "")], "rule.mrv.missing-months", path=E,
      contains="2025-04"),
    c("month-deleted-explained", [("          - " + COAL6 + "\n", ""), ("receipts: 99200,", "receipts: 90760,"),
                                  ("      scope1: 200388\n", "      scope1: 183305\n"), (
        "    meters:\n", "    downtime:\n      - {months: ['2025-06'], sources: [coal], reason: {zh-CN: 停机检修, "
        "en: overhaul}, evidence: 检修记录}\n    meters:\n")], "rule.mrv.missing-months", absent=True),
    c("orphan-row-key-typo", [(ELEC_RECORDS, "        meter: GATE\n        records: {file: power.csv, select: {facility: F1}}\n")],
      "rule.table.orphan-row", path=None, files={
          "power.csv": "facility,period,quantity,unit\n" + "".join(
              f"F1,2025-{m:02d},{q},MWh\n" for m, q in enumerate(
                  (2010, 1880, 1990, 1950, 2040, 2110, 2230, 2260, 2080, 1970, 2000, 2060), start=1))
          + "F11,2025-12,2060,MWh\n"}),
    c("placeholder-name", [('name: {zh-CN: "闽江能源股份有限公司"', 'name: {zh-CN: "示例股份有限公司"')],
      "rule.placeholder.text", path="entity.name.zh-CN", marker="示例股份有限公司"),
    c("placeholder-uscc", [('uscc: "91350100M00020000F"', 'uscc: "91350100M000100Y43"')],
      "rule.placeholder.uscc", path="entity.uscc", marker="91350100M000100Y43"),
    # --- GWP sets ----------------------------------------------------------------------------------
    c("gwp-ar5-with-ar6-value", [("gwp: {set: AR6}", "gwp: {set: AR5, values: [{gas: CF4, value: 7380, "
                                  "source: \"IPCC Table\"}]}")], "rule.gwp.set-mismatch",
      path="report.gwp.values[0].value", marker="set: AR5", contains="AR6"),
    c("gwp-source-names-other-report", [("gwp: {set: AR6}", "gwp: {set: AR6, values: [{gas: N2O, value: 273, "
                                         "source: \"IPCC AR5 Table 8.A.1\"}]}")], "rule.gwp.set-mismatch",
      path="report.gwp.values[0].source", marker="set: AR6"),
    c("gwp-ch4-without-origin", [("    electricity:\n", "    process:\n      - {type: direct, id: leak, gas: CH4, "
                                  "quantity: 2, method: {zh-CN: 逸散, en: leak}}\n    electricity:\n")],
      "rule.gwp.ch4-origin", path="facilities[0].process[0].gas", marker="gas: CH4"),
    c("gwp-sar-alias", [("gwp: {set: AR6}", "gwp: {set: SAR}"), ("      scope1: 200388\n", "      scope1: 200430\n"), ("    electricity:\n", "    process:\n      - "
                        "{type: direct, id: leak, gas: CH4, quantity: 2, method: {zh-CN: 逸散, en: leak}}\n"
                        "    electricity:\n")], "rule.gwp.missing", absent=True),
    # --- ETS grid factor ------------------------------------------------------------------------
    c("ets-value-as-location", [("{series: mee-nbs, year: 2023, region: fujian,",
                                 "{value: 0.5810, unit: tCO2/MWh, source: \"电网因子\",")],
      "rule.elec.series-mixed", path="facilities[0].electricity[0].location_factor", marker="0.5810"),
    c("ets-0.5703-as-location", [("{series: mee-nbs, year: 2023, region: fujian,",
                                  "{value: 0.5703, unit: tCO2/MWh, source: \"2022年度因子\",")],
      "rule.elec.series-mixed", path="facilities[0].electricity[0].location_factor", marker="0.5703"),
    c("ets-notice-as-location-source", [("{series: mee-nbs, year: 2023, region: fujian,",
                                         "{value: 0.55, unit: tCO2/MWh, source: \"环办气候函〔2023〕43号\",")],
      "rule.elec.series-mixed", path="facilities[0].electricity[0].location_factor", marker="0.55"),
    c("ets-series-as-location", [("{series: mee-nbs, year: 2023, region: fujian,",
                                  "{series: ets-national, year: 2024, region: national,")],
      "rule.elec.series-mixed", path="facilities[0].electricity[0].location_factor", marker="ets-national"),
    c("ets-year-2026-unknown", [("        checks:\n          - kind: grid-bill", "        ets_factor: {series: "
                                 "ets-national, year: 2026}\n        checks:\n          - kind: grid-bill")],
      "rule.factor.ets-year", path="facilities[0].electricity[0].ets_factor", marker="year: 2026"),
    c("ets-year-2018-unknown", [("        checks:\n          - kind: grid-bill", "        ets_factor: {series: "
                                 "ets-national, year: 2018}\n        checks:\n          - kind: grid-bill")],
      "rule.factor.ets-year", path="facilities[0].electricity[0].ets_factor", marker="year: 2018"),
    c("ets-year-2024-resolves", [("        checks:\n          - kind: grid-bill", "        ets_factor: {series: "
                                  "ets-national, year: 2024, justification: {zh-CN: 上年, en: prior}}\n"
                                  "        checks:\n          - kind: grid-bill")], "rule.factor.ets-year",
      absent=True),
    c("region-typo", [("region: fujian,", "region: fujain,")], "rule.factor.region-unknown",
      path="facilities[0].electricity[0].location_factor", marker="fujain", contains="Fujian"),
    # --- meters ------------------------------------------------------------------------------------
    c("meter-out-of-calibration", [("{date: 2024-12-01, valid_until: 2026-01-31,",
                                    "{date: 2024-12-01, valid_until: 2025-06-30,")], "rule.meter.uncalibrated",
      path=f"{R}[6].quantity", marker='"2025-07", quantity: 8920', contains="2025-12"),
    c("meter-calibrated-late", [("{date: 2024-12-01, valid_until: 2026-01-31,",
                                 "{date: 2025-01-10, valid_until: 2026-01-31,")], "rule.meter.uncalibrated",
      path=f"{R}[0].quantity", marker='"2025-01", quantity: 8120'),
    c("meter-unknown", [("        meter: BELT\n", "        meter: BELT-9\n")], "rule.meter.unknown",
      path="facilities[0].combustion[0].meter", marker="BELT-9"),
    c("meter-belt-class-low", [("        accuracy_class: \"0.5\"\n", "        accuracy_class: \"1.0\"\n")],
      "rule.meter.accuracy", severity="warning", path="facilities[0].meters[0].accuracy_class",
      marker='accuracy_class: "1.0"'),
    c("meter-electricity-class-low", [("accuracy_class: \"0.5S\"", "accuracy_class: \"2.0\"")],
      "rule.meter.accuracy", severity="warning", path="facilities[0].meters[1].accuracy_class",
      marker='accuracy_class: "2.0"'),
    # --- cross-checks --------------------------------------------------------------------------------
    c("bill-annual-gap", [(BILL4, '              - {period: "2025-04", quantity: 3150, unit: MWh}')],
      "rule.crosscheck.gap", path="facilities[0].electricity[0].checks[0]", marker="kind: grid-bill"),
    c("bill-gap-explained", [(BILL4, '              - {period: "2025-04", quantity: 3150, unit: MWh}'),
                             ('evidence: "国网福建 电费结算单 2025"', 'evidence: "国网福建 电费结算单 2025"\n'
                              '            explanation: {zh-CN: 4月结算含3月补抄电量, en: April bill includes March}')],
      "rule.crosscheck.gap", absent=True),
    c("bill-month-x1000", [(BILL4, '              - {period: "2025-04", quantity: 1950000, unit: MWh}')],
      "rule.magnitude.crosscheck", path="facilities[0].electricity[0].checks[0].records[3]",
      marker="1950000"),
    c("bill-month-gap", [(BILL4, '              - {period: "2025-04", quantity: 2130, unit: MWh}')],
      "rule.crosscheck.month-gap", severity="warning",
      path="facilities[0].electricity[0].checks[0].records[3]", marker="2130"),
    c("stock-balance-wan-ton", [("receipts: 99200, opening_stock: 5000, closing_stock: 5200, unit: t",
                                 "receipts: 9.92, opening_stock: 0.5, closing_stock: 0.52, unit: t")],
      "rule.magnitude.crosscheck", path="facilities[0].combustion[0].checks[0]", marker="kind: stock-balance"),
    c("stock-balance-gap", [("receipts: 99200,", "receipts: 103200,")], "rule.crosscheck.gap",
      path="facilities[0].combustion[0].checks[0]", marker="kind: stock-balance"),
    # --- plausibility ---------------------------------------------------------------------------
    c("power-intensity-kwh", [("quantity: 240000, unit: MWh}", "quantity: 240000000, unit: MWh}")],
      "rule.plausibility.intensity", severity="warning", path="facilities[0].products[0].quantity",
      marker="240000000"),
    # energy per unit of product (GB 21258 / GB 21346 / GB 16780 bounds) --------------------------
    c("power-coal-rate-low", [("quantity: 240000, unit: MWh}", "quantity: 320000, unit: MWh}")],
      "rule.plausibility.energy", severity="warning", path="facilities[0].products[0].quantity",
      marker="320000", contains="gce/kWh"),
    c("power-coal-rate-high", [("quantity: 240000, unit: MWh}", "quantity: 170000, unit: MWh}")],
      "rule.plausibility.energy", severity="warning", path="facilities[0].products[0].quantity",
      marker="170000", contains="GB 21258"),
    c("power-with-heat-not-held-to-coal-rate", [("quantity: 240000, unit: MWh}", "quantity: 320000, unit: MWh}\n"
                                                 "      - {key: heat, name: {zh-CN: 供热量, en: Heat supplied}, quantity: 900000, unit: GJ}")],
      "rule.plausibility.energy", absent=True),
    c("aluminium-kwh-per-t-low", [("history:\n", ALU.format(mwh=100000))], "rule.plausibility.energy",
      severity="warning", path="facilities[1].products[0].quantity", marker="key: aluminium", contains="GB 21346"),
    c("aluminium-kwh-per-t-plausible", [("history:\n", ALU.format(mwh=135000))], "rule.plausibility.energy",
      absent=True),
    c("clinker-coal-per-t-high", [(POWER, "{key: clinker, name: {zh-CN: 熟料, en: Clinker}, quantity: 240000, unit: t}")],
      "rule.plausibility.energy", severity="warning", path="facilities[0].products[0].quantity",
      marker="key: clinker", contains="GB 16780"),
    c("clinker-coal-per-t-low", [(POWER, "{key: clinker, name: {zh-CN: 熟料, en: Clinker}, quantity: 1000000, unit: t}")],
      "rule.plausibility.energy", severity="warning", path="facilities[0].products[0].quantity",
      marker="key: clinker"),
    c("cement-energy-per-t-high", [(POWER, CEMENT.format(clinker=240000, cement=300000))],
      "rule.plausibility.energy", severity="warning", path="facilities[0].products[1].quantity",
      marker="key: cement"),
    c("cement-scope1-per-t-low", [(POWER, CEMENT.format(clinker=240000, cement=1000000))],
      "rule.plausibility.intensity", severity="warning", path="facilities[0].products[1].quantity",
      marker="key: cement", contains="tCO2/t"),
    c("cement-plant-selling-clinker-not-tested", [(POWER, CEMENT.format(clinker=240000, cement=100000))],
      "rule.plausibility.intensity", absent=True),
    # per-product intensity against the prior years -------------------------------------------------
    c("product-intensity-yoy-halved", [(H2024, H2024_PRODUCTS.format(value=1.8, unit="tCO2e/MWh"))],
      "rule.plausibility.yoy-product", severity="warning", path="history[0].products[0].value",
      marker="value: 1.8", contains="2024"),
    c("product-intensity-prior-in-kg", [(H2024, H2024_PRODUCTS.format(value=878, unit="tCO2e/MWh"))],
      "rule.magnitude.prior-year", path="history[0].products[0].value", marker="value: 878"),
    c("product-energy-yoy-up", [(H2024, H2024_PRODUCTS.format(value=0.2, unit="tce/MWh"))],
      "rule.plausibility.yoy-product", severity="warning", path="history[0].products[0].value",
      marker="value: 0.2", contains="单位产品能耗"),
    c("product-intensity-yoy-steady", [(H2024, H2024_PRODUCTS.format(value=0.85, unit="tCO2e/MWh"))],
      "rule.plausibility.yoy-product", absent=True),
    c("carbon-content-per-tj", [("{value: 0.0262, unit: tC/GJ,", "{value: 26.2, unit: tC/GJ,")],
      "rule.plausibility.fuel-factor", severity="warning", path="facilities[0].combustion[0]",
      marker="- id: coal"),
    c("zero-scope1-ets", [("history:\n", "  - id: F2\n    name: {zh-CN: 二厂, en: Plant 2}\n    entity: P\n"
                           "    province: 福建\n    ets: {covered: true, sector: power}\n    electricity:\n"
                           "      - id: grid\n        records: [{period: \"2025\", quantity: 100, unit: MWh}]\n"
                           "        location_factor: {series: mee-nbs, year: 2023, region: fujian, justification:"
                           " {zh-CN: 最新, en: latest}}\nhistory:\n")],
      "rule.plausibility.zero-scope1", severity="warning", path="facilities[1]", marker="- id: F2"),
    c("intensity-doubled-yoy", [("revenue: {value: 100000, unit: \"10^4CNY\"}",
                                 "revenue: {value: 40000, unit: \"10^4CNY\"}")],
      "rule.plausibility.yoy", severity="warning", path="history[0]", marker="year: 2024"),
    # --- reconciliation with the verification report --------------------------------------------
    c("verified-gap-159t", [("      scope1: 200388\n", "      scope1: 200547\n")], "rule.verify.mismatch",
      path="facilities[0].verification.scope1", marker="200547", contains="-158"),
    c("verified-gap-explained", [("      scope1: 200388\n", "      scope1: 200547\n      reconciliation: "
                                  "{zh-CN: 核查采用入厂煤数据, en: verifier used coal receipts}\n")],
      "rule.verify.mismatch", absent=True),
    c("verified-gap-within-stated-tolerance", [("      scope1: 200388\n", "      scope1: 200547\n"),
                                               ("  revenue: {value", "  verification_tolerance_pct: 0.5\n"
                                                "  revenue: {value")], "rule.verify.mismatch", absent=True),
    c("verified-in-wan-ton", [("      scope1: 200388\n", "      scope1: 20.04\n")], "rule.verify.magnitude",
      path="facilities[0].verification.scope1", marker="20.04"),
    # --- carbon-market figures ------------------------------------------------------------------
    c("obligation-wan-ton", [("obligation: 198400", "obligation: 19.84")], "rule.magnitude.market",
      path="carbon_market.compliance[0].obligation", marker="19.84"),
    c("allocation-x1000", [("allocated: 192000,", "allocated: 192000000,")], "rule.magnitude.market",
      path="carbon_market.compliance[0].allocated", marker="192000000"),
    # --- acknowledgements ---------------------------------------------------------------------------
    c("acknowledged-outlier", [(COAL6, '{period: "2025-06", quantity: 844, unit: t}'), (
        "carbon_market:\n", "acknowledgements:\n  - code: rule.magnitude.monthly\n    path: facilities[F1]."
        "combustion[coal].records[2025-06]\n    reason: {zh-CN: 6月停机检修, en: June overhaul}\n    "
        "reviewed_by: {name: 林晓, role: 经理, date: 2026-03-31}\ncarbon_market:\n")],
      "rule.magnitude.monthly", severity="acknowledged", path=f"{R}[5].quantity", marker="quantity: 844,"),
    c("acknowledgement-unmatched", [("carbon_market:\n", "acknowledgements:\n  - code: rule.magnitude.monthly\n"
                                     "    path: facilities[0].combustion[0].records[5]\n"
                                     "    reason: {zh-CN: 无, en: none}\n" + REVIEW
                                     + "carbon_market:\n")],
      "rule.ack.unmatched", path="acknowledgements[0]", marker="- code: rule.magnitude.monthly"),
    c("acknowledgement-not-allowed", [("carbon_market:\n", "acknowledgements:\n  - code: rule.entity.uscc\n"
                                       "    path: entity.uscc\n    reason: {zh-CN: 无, en: none}\n" + REVIEW
                                       + "carbon_market:\n")],
      "rule.ack.not-allowed", path="acknowledgements[0].code", marker="code: rule.entity.uscc"),
    c("acknowledgement-bad-path", [("carbon_market:\n", "acknowledgements:\n  - code: rule.magnitude.monthly\n"
                                    "    path: facilities[F9].combustion[0]\n    reason: {zh-CN: 无, en: none}\n" + REVIEW
                                    + "carbon_market:\n")],
      "rule.ack.path", path="acknowledgements[0].path", marker="facilities[F9]"),
    # --- 月度存证 and 缺省值替代 -------------------------------------------------------------------------
    c("different-sample", [(COAL6, '{period: "2025-06", quantity: 8440, unit: t, ncv: 21.4, ncv_unit: GJ/t, '
                                   'ncv_basis: measured, ncv_evidence: LAB-06-A, carbon_content: 0.0263, '
                                   'carbon_content_unit: tC/GJ, carbon_content_basis: measured, '
                                   'carbon_content_evidence: LAB-06-B}')], "rule.mrv.substitution",
      severity="warning", path="facilities[0].combustion[0]", marker="- id: coal"),
    c("ets-annual-carbon-frequency", [("    products:\n", "    ets: {covered: true, sector: power}\n    products:\n")],
      "rule.mrv.substitution", severity="warning", path="facilities[0].combustion[0]", marker="- id: coal"),
    c("ets-power-coal-ncv-once-a-year", [ETS_POWER], "rule.mrv.frequency", severity="warning",
      path="facilities[0].combustion[0].parameters.ncv", marker='ncv: {value: 21.5', contains="发电设施"),
    c("ets-cement-coal-ncv-once-a-year", [ETS_POWER[0:1] + (ETS_POWER[1].replace("power", "cement"),)],
      "rule.mrv.frequency", severity="warning", path="facilities[0].combustion[0].parameters.ncv",
      marker='ncv: {value: 21.5', contains="CETS—AG—02.01"),
    c("ets-power-monthly-tests-no-frequency-finding", [ETS_POWER, MONTHLY_LAB], "rule.mrv.frequency", absent=True),
    c("ets-power-monthly-tests-no-substitution", [ETS_POWER, MONTHLY_LAB], "rule.mrv.substitution", absent=True),
    c("ets-power-one-month-without-own-test", [ETS_POWER, MONTHLY_LAB, (
        LAB_ROW.format(m=6, q=8440, n=7), '{period: "2025-06", quantity: 8440, unit: t, evidence_date: 2025-07-20}')],
      "rule.mrv.frequency", severity="warning", path="facilities[0].combustion[0].parameters.ncv",
      contains="2025-06"),
    c("ets-diesel-measured-without-report", [ETS_POWER, ("    electricity:\n", DIESEL + "    electricity:\n")],
      "rule.mrv.frequency", severity="warning", path="facilities[0].combustion[1].parameters.ncv",
      marker="ncv: {value: 42.65", contains="每批次"),
    c("not-ets-no-frequency-requirement", [], "rule.mrv.frequency", absent=True),
    c("ets-deposit-date-missing", [("    products:\n", "    ets: {covered: true, sector: power}\n    products:\n")],
      "rule.mrv.deposit-missing", severity="warning", path=R),
    c("late-deposit", [(COAL6, '{period: "2025-06", quantity: 8440, unit: t, evidence_date: 2025-09-01}')],
      "rule.mrv.late-evidence", severity="warning", path=f"{R}[5].evidence_date", marker="2025-09-01"),
    # --- messages a Chinese user understands -------------------------------------------------------
    c("fuel-typo-did-you-mean", [("fuel: bituminous_coal", "fuel: bituminous_cole")], "rule.fuel.unknown",
      path="facilities[0].combustion[0].fuel", marker="bituminous_cole", contains="bituminous_coal"),
    c("unit-typo-did-you-mean", [(ELEC4, '{period: "2025-04", quantity: 1950, unit: MWH}')],
      "rule.units.unknown", path=f"{E}[3].unit", marker="unit: MWH", contains="MWh"),
    c("province-typo-did-you-mean", [("    province: 福建\n    products", "    province: fujain\n    products")],
      "rule.entity.province", path="facilities[0].province", marker="fujain", contains="Fujian"),
    c("key-typo-did-you-mean", [("        meter: BELT\n", "        metre: BELT\n")], "schema.unknown-field",
      path="facilities[0].combustion[0].metre", marker="metre: BELT", contains="meter"),
    c("choice-typo-did-you-mean", [("kind: grid-bill", "kind: grid-bil")], "schema.invalid-choice",
      path="facilities[0].electricity[0].checks[0].kind", marker="grid-bil", contains="grid-bill"),
    c("number-text-in-chinese", [(ELEC4, '{period: "2025-04", quantity: 一千九百, unit: MWh}')],
      "schema.wrong-type", path=f"{E}[3].quantity", marker="一千九百", contains="应为数字"),
]
