"""The guideline's supplementary data tables (补充数据表) as an XLSX workbook, written deterministically.

Sheets: ``补充数据表`` (rows numbered as the sector's template lays them out: 序号, 补充数据, 数值, 单位,
计算方法或填写要求), ``月度数据`` (every monthly record with its basis and evidence) and ``说明`` (where the
layout comes from). Numbers are the report's, rounded as printed; see docs/ets-report.md.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from disclosure.compute.results import total
from disclosure.ets.data import ZERO, FacilityReport, SourceBlock
from disclosure.ets.document import BASIS, _process_name, cite
from disclosure.ets.document import INPUTS as INPUT_NAMES
from disclosure.factors import library
from disclosure.mee.document import PROCESSES

Cell = str | Decimal | None
Row = tuple[str, str, Cell, str, str]
HEADERS = ("序号", "补充数据", "数值", "单位", "计算方法或填写要求")
NOT_GIVEN = "未填报"


def q(value: Decimal | None, places: int) -> Decimal | None:
    """A value rounded half up as the report prints it (None stays empty)."""
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def power_rows(r: FacilityReport) -> list[Row]:
    """The power template's rows (1–14; 6.x the unit's emissions), one set for the facility's units."""
    fuels = library().fuels
    combustion = [b for b in r.sources if b.months]
    main = combustion[0] if combustion else None
    kind = "燃煤" if main is not None and fuels.get(main.result.energy_type, None) is not None and \
        fuels[main.result.energy_type].form == "solid" else ("燃气" if main is not None else NOT_GIVEN)
    rows: list[Row] = [
        ("1", "既有还是新增", NOT_GIVEN, "", "按投产日期填写"),
        ("2", "发电燃料类型", kind, "", "燃煤、燃油或者燃气"),
        ("3", "装机容量", NOT_GIVEN, "MW", "单机容量"),
        ("4", "压力参数/机组类型", NOT_GIVEN, "", "燃煤机组填压力参数，燃气机组填机组类型"),
        ("5", "冷却方式", NOT_GIVEN, "", "开式循环、闭式循环、直接空冷或间接空冷"),
        ("6", "机组二氧化碳排放量", q(r.total_ets, 2), "tCO₂", "6.1与6.2之和"),
        ("6.1", "化石燃料燃烧排放量", q(r.combustion, 2), "tCO₂", "按核算与报告指南化石燃料燃烧排放公式计算"),
    ]
    for k, b in enumerate(combustion, 1):
        ncv, cc, of = r.fuel_average(b)
        unit = b.result.quantity_unit
        rows += [(f"6.1.1.{k}", f"消耗量（{b.name}）", q(b.result.quantity, 2), unit, "逐月累计"),
                 (f"6.1.2.{k}", f"低位发热量（{b.name}）", q(ncv, 3), f"GJ/{unit}", "年加权平均值"),
                 (f"6.1.3.{k}", f"单位热值含碳量（{b.name}）", q(cc, 5), "tC/GJ", "年加权平均值"),
                 (f"6.1.4.{k}", f"碳氧化率（{b.name}）", q(of * 100 if of is not None else None, 2), "%",
                  "年加权平均值")]
    elec = [b for b in r.sources if b.result.kind == "electricity"]
    ets = r.indirect_ets
    factor = next((b.ets_factor for b in elec if b.ets_factor is not None), None)
    rows += [("6.2", "购入电力产生的排放量", q(ets, 2) if ets is not None else NOT_GIVEN, "tCO₂",
              "购入电量 × 全国电网平均排放因子"),
             ("6.2.1", "消费的购入电量", q(r.electricity_mwh, 2), "MWh", "关口表或结算单"),
             ("6.2.2", "电网排放因子", q(factor.value, 4) if factor is not None else NOT_GIVEN, "tCO₂/MWh",
              cite(factor) if factor is not None else "")]
    supplied = r.product("power")
    generated = r.product("generation")
    heat = r.product("heat")
    rows += [("7", "发电量", q(generated[0], 2) if generated else NOT_GIVEN, "MWh", "来源于企业台账或统计报表"),
             ("8", "供电量", q(supplied[0], 2) if supplied else NOT_GIVEN, "MWh", "来源于企业台账或统计报表"),
             ("9", "供热量", q(heat[0], 2) if heat else NOT_GIVEN, "GJ", "来源于企业台账或统计报表"),
             ("10", "供热比", NOT_GIVEN if heat else Decimal(0), "", "来源于企业台账或统计报表"),
             ("11", "供电煤耗或供电气耗", NOT_GIVEN, "tce/MWh", "来源于企业台账或统计报表"),
             ("12", "供热煤耗或供热气耗", NOT_GIVEN, "tce/TJ", "来源于企业台账或统计报表"),
             ("13", "供电碳排放强度", q(r.intensity("power"), 4) if supplied else NOT_GIVEN, "tCO₂/MWh",
              "机组二氧化碳排放量 ÷ 供电量（未供热）"),
             ("14", "供热碳排放强度", q(r.intensity("heat"), 4) if heat else NOT_GIVEN, "tCO₂/GJ",
              "供热二氧化碳排放量 ÷ 供热量")]
    return rows


def _input(b: SourceBlock, name: str) -> Decimal | None:
    return next((i.value for i in b.inputs if i.name == name), None)


def _fuel_rows(r: FacilityReport, fuels: list[SourceBlock], number: str, ncv_note: str) -> list[Row]:
    """Each fuel's emissions and its four parameters (annual weighted averages), numbered ``number.k.1…4``."""
    rows: list[Row] = []
    for k, b in enumerate(fuels, 1):
        ncv, cc, of = r.fuel_average(b)
        unit = b.result.quantity_unit
        rows += [(f"{number}.{k}", b.name, q(b.result.emissions, 2), "tCO₂", ""),
                 (f"{number}.{k}.1", "消耗量", q(b.result.quantity, 2), unit, "逐月累计"),
                 (f"{number}.{k}.2", "低位发热量", q(ncv, 3), f"GJ/{unit}", ncv_note),
                 (f"{number}.{k}.3", "单位热值含碳量", q(cc, 5), "tC/GJ", "年加权平均值"),
                 (f"{number}.{k}.4", "碳氧化率", q(of * 100 if of is not None else None, 2), "%", "年加权平均值")]
    return rows


def cement_rows(r: FacilityReport) -> list[Row]:
    """Cement (CETS—AG—02.01—V01—2024): the clinker production unit (chapter 6) as rows 1–1.3 — fuel
    combustion, carbonate decomposition of the clinker, purchased electricity on the ETS basis —, then the
    production data (chapter 8, clinker by stock-taking per Appendix B) and the intensity per t clinker.
    Rows 1, 1.1–1.1.4 and 1.2 follow the earlier cement supplementary table as read; the rest is our layout
    (the guideline's Appendix E tables were not found; docs/ets-report.md)."""
    ets = r.indirect_ets
    process = [b for b in r.sources if b.result.kind == "process"]
    fuels = [b for b in r.sources if b.months]
    elec = [b for b in r.sources if b.result.kind == "electricity"]
    factor = next((b.ets_factor for b in elec if b.ets_factor is not None), None)
    rows: list[Row] = [("1", "熟料生产二氧化碳排放量", q(r.total_ets, 2), "tCO₂",
                        "1.1至1.4各项之和" if ets is not None else "1.1、1.2与1.4之和（未给出碳市场电网排放因子）"),
                       ("1.1", "化石燃料燃烧排放量", q(r.combustion, 2), "tCO₂",
                        "消耗量 × 低位发热量 × 单位热值含碳量 × 碳氧化率 × 44/12，逐月计算")]
    rows += _fuel_rows(r, fuels, "1.1", "年加权平均值；无实测时取缺省值")
    clinker_blocks = [b for b in process if _process_name(b) == PROCESSES["cement-clinker"]]
    others = [b for b in process if b not in clinker_blocks]
    for key, label, blocks in (("1.2", "熟料对应的碳酸盐分解排放量", clinker_blocks),
                               ("1.4", "其他工业生产过程排放量", others)):
        if key == "1.4" and not blocks:
            continue
        rows.append((key, label, q(total(b.result.emissions for b in blocks), 2), "tCO₂", "各生产线过程排放之和"))
        for k, b in enumerate(blocks, 1):
            rows.append((f"{key}.{k}", _process_name(b), q(b.result.emissions, 2), "tCO₂", b.formula))
            rows += [(f"{key}.{k}.{j}", INPUT_NAMES.get(i.name, i.name), q(i.value, 4), i.unit,
                      BASIS.get(i.basis, i.basis)) for j, i in enumerate(b.inputs, 1)]
    rows += [("1.3", "购入使用电力排放量（碳市场口径）", q(ets, 2) if ets is not None else NOT_GIVEN, "tCO₂",
              "购入电量 × 全国电网平均排放因子"),
             ("1.3.1", "购入电量", q(r.electricity_mwh, 2), "MWh", "关口表或结算单"),
             ("1.3.2", "电网排放因子", q(factor.value, 4) if factor is not None else NOT_GIVEN, "tCO₂/MWh",
              cite(factor) if factor is not None else "")]
    clinker = r.product("clinker")
    cement = r.product("cement")
    rows += [("2", "熟料产量", q(clinker[0], 2) if clinker else NOT_GIVEN, "t",
              "生产数据核算（第8章），按熟料盘库方法（附录B）"),
             ("3", "水泥产量", q(cement[0], 2) if cement else NOT_GIVEN, "t", "来源于企业生产报表"),
             ("4", "单位熟料二氧化碳排放量", q(r.intensity("clinker", r.total_ets), 4) if clinker else NOT_GIVEN,
              "tCO₂/t", "熟料生产二氧化碳排放量 ÷ 熟料产量"),
             ("4.1", "单位熟料直接排放量", q(r.intensity("clinker", r.direct), 4) if clinker else NOT_GIVEN,
              "tCO₂/t", "直接排放（1.1、1.2与1.4之和）÷ 熟料产量")]
    return rows


def sector_rows(r: FacilityReport) -> list[Row]:
    """Aluminium, cement and other sectors: process unit, enterprise level, production, intensity."""
    rows: list[Row] = []
    process = [b for b in r.sources if b.result.kind == "process"]
    rows.append(("1", "工业生产过程排放量", q(r.process, 2), "tCO₂e", "各工艺排放之和"))
    for k, b in enumerate(process, 1):
        rows.append((f"1.{k}", _process_name(b), q(b.result.emissions, 2), "tCO₂e", b.formula))
        for j, i in enumerate(b.inputs, 1):
            rows.append((f"1.{k}.{j}", i.name, q(i.value, 4), i.unit, BASIS.get(i.basis, i.basis)))
    rows.append(("2", "化石燃料燃烧排放量", q(r.combustion, 2), "tCO₂",
                 "消耗量 × 低位发热量 × 单位热值含碳量 × 碳氧化率 × 44/12"))
    rows += _fuel_rows(r, [b for b in r.sources if b.months], "2", "年加权平均值")
    ets = r.indirect_ets
    factor = next((b.ets_factor for b in r.sources if b.result.kind == "electricity" and b.ets_factor is not None),
                  None)
    rows += [("3", "购入电力、热力排放量（碳市场口径）", q(ets, 2) if ets is not None else NOT_GIVEN, "tCO₂",
              "购入量 × 碳市场排放因子"),
             ("3.1", "购入电量", q(r.electricity_mwh, 2), "MWh", "关口表或结算单"),
             ("3.2", "电网排放因子", q(factor.value, 4) if factor is not None else NOT_GIVEN, "tCO₂/MWh",
              cite(factor) if factor is not None else ""),
             ("4", "直接排放量", q(r.direct, 2), "tCO₂e", "1与2之和"),
             ("5", "排放总量", q(r.total_ets, 2), "tCO₂e", "4与3之和")]
    for k, (key, (qty, unit)) in enumerate(r.result.products.items(), 1):
        rows.append((f"6.{k}", f"产品产量（{key}）", q(qty, 2), unit, "来源于企业生产报表"))
    main = "aluminium" if r.guideline.sector == "aluminium" else "clinker"
    product = r.product(main)
    rows.append(("7", "单位产品直接排放", q(r.intensity(main, r.direct), 4), f"tCO₂e/{product[1]}" if product else "",
                 "直接排放量 ÷ 产品产量"))
    if r.guideline.sector == "aluminium":
        rows.append(("8", "铝电解工序单位产品排放", q(r.intensity("aluminium", r.process), 4), "tCO₂e/t",
                     "工业生产过程排放量 ÷ 铝液产量"))
    return rows


def _sheet(ws: Worksheet, headers: tuple[str, ...], rows: list[tuple[Cell, ...]], widths: tuple[int, ...]) -> None:
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        ws.append([float(v) if isinstance(v, Decimal) else v for v in row])
    for n, w in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + n)].width = w
    ws.freeze_panes = "A2"


def monthly_rows(r: FacilityReport) -> list[tuple[Cell, ...]]:
    out: list[tuple[Cell, ...]] = []
    for b in r.sources:
        out += [(b.name, m.period, q(m.quantity, 2), m.unit, q(m.ncv.value, 3) if m.ncv else None,
                        m.ncv.unit if m.ncv else "", BASIS.get(m.ncv.basis, "") if m.ncv else "",
                        q(m.carbon.value, 5), m.carbon.unit, BASIS.get(m.carbon.basis, m.carbon.basis),
                        cite(m.carbon), q(m.oxidation.value, 2), m.oxidation.unit, q(m.emissions, 2),
                 "、".join(m.substituted), m.deposited.isoformat() if m.deposited else "") for m in b.months]
        out += [(b.name, a.period, q(a.quantity, 2), a.unit, None, "", "", None, "", "", a.evidence,
                 None, "", None, "", a.deposited.isoformat() if a.deposited else "") for a in b.activity]
    return out


MONTHLY = ("排放源", "月份", "消耗量", "单位", "低位发热量", "单位", "依据", "含碳量", "单位", "依据",
           "检测报告或来源", "碳氧化率", "单位", "排放量（tCO₂）", "缺省值替代参数", "存证日期")


def workbook(r: FacilityReport, stamp: datetime) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "补充数据表"
    rows = {"power": power_rows, "cement": cement_rows}.get(r.guideline.sector, sector_rows)(r)
    _sheet(ws, HEADERS, list(rows), (10, 40, 18, 12, 60))
    _sheet(wb.create_sheet("月度数据"), MONTHLY, monthly_rows(r),
           (24, 10, 14, 8, 12, 10, 14, 12, 8, 16, 26, 10, 6, 16, 14, 12))
    notes = wb.create_sheet("说明")
    g = r.guideline
    for line in (f"重点排放单位：{r.filing.entity.name.get('zh-CN')}；设施：{r.facility.name.get('zh-CN')}",
                 f"报告年度：{r.year}",
                 f"核算与报告指南：《{g.title}》（{g.number}）",
                 "数值与同名Word报告一致，按报告的小数位四舍五入；“未填报”表示申报文件未提供该数据。"):
        notes.append([line])
    notes.column_dimensions["A"].width = 100
    wb.properties.creator = r.filing.entity.name.get("zh-CN")
    wb.properties.title = f"{r.facility.name.get('zh-CN')}{r.year}年度补充数据表"
    wb.properties.created = stamp.replace(tzinfo=None)
    wb.properties.modified = stamp.replace(tzinfo=None)
    buf = io.BytesIO()
    wb.save(buf)
    return deterministic(buf.getvalue(), stamp)


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def deterministic(data: bytes, stamp: datetime) -> bytes:
    """The workbook with fixed zip entry times and a fixed modification time (openpyxl writes now)."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _MODIFIED.sub(rb"\g<1>" + iso + rb"\g<2>", body)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, body)
    return out.getvalue()


__all__ = ["ZERO", "monthly_rows", "power_rows", "sector_rows", "workbook"]
