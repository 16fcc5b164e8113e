"""Process emissions: cement clinker, aluminium anode and PFCs, other gases."""

from __future__ import annotations

from decimal import Decimal

from disclosure import units
from disclosure.compute.context import Context, Value, fraction
from disclosure.compute.results import SourceResult
from disclosure.compute.trail import TrailEntry, TrailInput
from disclosure.issues import PathPart
from disclosure.model.sources import (
    AluminiumAnode,
    AluminiumPFC,
    CementClinker,
    DirectEmission,
    Quantity,
)

CLINKER = "E = (Q_cli + Q_ckd + Q_bp) × [(CaO − CaO_nc) × 44/56 + (MgO − MgO_nc) × 44/40]"
ANODE = "E = P × NC × (1 − S − A) × 44/12"
ANODE_DEFAULT = "E = P × EF_anode"
PFC_SLOPE = "CF4 = P × SEF × AEM; C2F6 = CF4 × F; E = CF4 × GWP_CF4 + C2F6 × GWP_C2F6"
PFC_EF = "E = P × (EF_CF4 × GWP_CF4 + EF_C2F6 × GWP_C2F6) / 1000"
PFC_DEFAULT = "E = P × EF_PFC (tCO2e/t)"
DIRECT = "E = m_gas × GWP_gas"


def _tonnes(ctx: Context, q: Quantity | None, path: tuple[PathPart, ...]) -> Decimal | None:
    if q is None:
        return Decimal(0)
    if not ctx.unit_ok(q.unit, "t", (*path, "unit"), "unit"):
        return None
    if q.value < 0:
        ctx.issue("rule.ghg.negative", (*path, "value"), field=path[-1], value=q.value)
        return None
    return units.convert(q.value, q.unit, "t")


def _flags(values: list[Value]) -> tuple[str, ...]:
    return tuple(sorted({v.basis for v in values} & {"secondary", "unverified", "user"}))


def _result(ctx: Context, facility: str, sid: str, kind: str, by_gas: dict[str, Decimal],
            entry: TrailEntry, source_type: str = "process") -> SourceResult:
    ctx.trail.append(entry)
    return SourceResult(facility=facility, source=sid, kind=kind, source_type=source_type,
                        scope=1, emissions=entry.value, by_gas=by_gas,
                        trail_id=f"{facility}/{sid}")


def clinker(ctx: Context, facility: str, src: CementClinker,
            path: tuple[PathPart, ...]) -> SourceResult | None:
    q = [_tonnes(ctx, getattr(src, n), (*path, n)) for n in ("clinker", "kiln_dust", "bypass_dust")]
    zero = Value(Decimal(0), "%", "definition", "not reported: 0")
    p = {
        n: ctx.param(n, getattr(src, n), (*path, n), "%", facility, src.id,
                     (lambda: zero) if n.endswith("non_carbonate") else None)
        for n in ("cao", "mgo", "cao_non_carbonate", "mgo_non_carbonate")
    }
    if any(v is None for v in q) or any(v is None for v in p.values()):
        return None
    cao, mgo, cao_nc, mgo_nc = (p[n] for n in ("cao", "mgo", "cao_non_carbonate", "mgo_non_carbonate"))
    assert cao and mgo and cao_nc and mgo_nc
    total_q = sum((v for v in q if v is not None), Decimal(0))
    ef = (fraction(cao) - fraction(cao_nc)) * 44 / 56 + (fraction(mgo) - fraction(mgo_nc)) * 44 / 40
    value = total_q * ef
    inputs = (
        TrailInput("Q_cli", src.clinker.value, src.clinker.unit, "activity",
                   src.clinker.evidence or ctx.where((*path, "clinker"))),
        TrailInput("Q_ckd+Q_bp", total_q - (q[0] or Decimal(0)), "t", "activity", ctx.where(path)),
        cao.as_input("CaO"), mgo.as_input("MgO"), cao_nc.as_input("CaO_nc"), mgo_nc.as_input("MgO_nc"),
    )
    entry = TrailEntry(f"{facility}/{src.id}", "scope1.process.clinker", value, "tCO2", CLINKER,
                       inputs, ctx.where(path), _flags([cao, mgo, cao_nc, mgo_nc]))
    return _result(ctx, facility, src.id, "process", {"CO2": value}, entry)


def anode(ctx: Context, facility: str, src: AluminiumAnode,
          path: tuple[PathPart, ...]) -> SourceResult | None:
    p_al = _tonnes(ctx, src.aluminium, (*path, "aluminium"))
    if p_al is None:
        return None
    if src.net_anode_consumption is not None:
        nc = ctx.param("net_anode_consumption", src.net_anode_consumption,
                       (*path, "net_anode_consumption"), "t/t", facility, src.id)
        s = ctx.param("sulfur", src.sulfur, (*path, "sulfur"), "%", facility, src.id)
        a = ctx.param("ash", src.ash, (*path, "ash"), "%", facility, src.id)
        if nc is None or s is None or a is None:
            return None
        value = p_al * nc.value * units.parse(nc.unit).factor * (1 - fraction(s) - fraction(a)) * 44 / 12
        entry = TrailEntry(f"{facility}/{src.id}", "scope1.process.anode", value, "tCO2", ANODE,
                           (TrailInput("P", p_al, "t", "activity", ctx.where((*path, "aluminium"))),
                            nc.as_input("NC"), s.as_input("S"), a.as_input("A")),
                           ctx.where(path), _flags([nc, s, a]))
        return _result(ctx, facility, src.id, "process", {"CO2": value}, entry)
    if src.default_factor is None:
        ctx.issue("rule.process.method-incomplete", path, method="aluminium-anode",
                  needed="net_anode_consumption + sulfur + ash | default_factor")
        return None
    ef = ctx.factor(src.default_factor, "process-aluminium-anode", "tCO2e/t",
                    (*path, "default_factor"))
    if ef is None:
        return None
    value = p_al * ef.value * units.parse(ef.unit).factor
    entry = TrailEntry(f"{facility}/{src.id}", "scope1.process.anode", value, "tCO2", ANODE_DEFAULT,
                       (TrailInput("P", p_al, "t", "activity", ctx.where((*path, "aluminium"))),
                        ef.as_input("EF_anode")), ctx.where(path), _flags([ef]))
    return _result(ctx, facility, src.id, "process", {"CO2": value}, entry)


def pfc(ctx: Context, facility: str, src: AluminiumPFC,
        path: tuple[PathPart, ...]) -> SourceResult | None:
    p_al = _tonnes(ctx, src.aluminium, (*path, "aluminium"))
    if p_al is None:
        return None
    p_in = TrailInput("P", p_al, "t", "activity", ctx.where((*path, "aluminium")))
    if src.method == "default":
        if src.default_factor is None:
            ctx.issue("rule.process.method-incomplete", path, method="aluminium-pfc default",
                      needed="default_factor")
            return None
        ef = ctx.factor(src.default_factor, "process-aluminium-pfc", "tCO2e/t",
                        (*path, "default_factor"))
        if ef is None:
            return None
        value = p_al * ef.value * units.parse(ef.unit).factor
        entry = TrailEntry(f"{facility}/{src.id}", "scope1.process.pfc", value, "tCO2e",
                           PFC_DEFAULT, (p_in, ef.as_input("EF_PFC")), ctx.where(path), _flags([ef]))
        return _result(ctx, facility, src.id, "process", {"PFCs": value}, entry)
    g_cf4 = ctx.gwp("CF4", (*path, "method"))
    g_c2f6 = ctx.gwp("C2F6", (*path, "method"))
    if g_cf4 is None or g_c2f6 is None:
        return None
    if src.method == "slope":
        sef = ctx.param("slope_cf4", src.slope_cf4, (*path, "slope_cf4"), "1", facility, src.id)
        aem = ctx.param("anode_effect_minutes", src.anode_effect_minutes,
                        (*path, "anode_effect_minutes"), "1", facility, src.id)
        ratio = ctx.param("c2f6_ratio", src.c2f6_ratio, (*path, "c2f6_ratio"), "1", facility, src.id)
        if sef is None or aem is None or ratio is None:
            return None
        cf4_t = p_al * sef.value * aem.value / 1000
        c2f6_t = cf4_t * fraction(ratio)
        used, formula = [sef, aem, ratio], PFC_SLOPE
        inputs = [p_in, sef.as_input("SEF"), aem.as_input("AEM"), ratio.as_input("F")]
    else:
        e1 = ctx.param("ef_cf4", src.ef_cf4, (*path, "ef_cf4"), "kg/t", facility, src.id)
        e2 = ctx.param("ef_c2f6", src.ef_c2f6, (*path, "ef_c2f6"), "kg/t", facility, src.id)
        if e1 is None or e2 is None:
            return None
        cf4_t = p_al * e1.value * units.parse(e1.unit).factor
        c2f6_t = p_al * e2.value * units.parse(e2.unit).factor
        used, formula = [e1, e2], PFC_EF
        inputs = [p_in, e1.as_input("EF_CF4"), e2.as_input("EF_C2F6")]
    cf4 = cf4_t * g_cf4.value
    c2f6 = c2f6_t * g_c2f6.value
    inputs += [g_cf4.as_input("GWP_CF4"), g_c2f6.as_input("GWP_C2F6")]
    entry = TrailEntry(f"{facility}/{src.id}", "scope1.process.pfc", cf4 + c2f6, "tCO2e", formula,
                       tuple(inputs), ctx.where(path), _flags([*used, g_cf4, g_c2f6]))
    return _result(ctx, facility, src.id, "process", {"CF4": cf4, "C2F6": c2f6}, entry)


def direct(ctx: Context, facility: str, src: DirectEmission,
           path: tuple[PathPart, ...]) -> SourceResult | None:
    mass = _tonnes(ctx, Quantity(value=src.quantity, unit=src.unit), path)
    gwp = ctx.gwp(src.gas, (*path, "gas"))
    if mass is None or gwp is None:
        return None
    value = mass * gwp.value
    entry = TrailEntry(f"{facility}/{src.id}", f"scope1.{src.source_type}", value, "tCO2e", DIRECT,
                       (TrailInput(f"m_{src.gas}", src.quantity, src.unit, "activity",
                                   src.evidence or ctx.where(path)), gwp.as_input("GWP")),
                       ctx.where(path), _flags([gwp]))
    return _result(ctx, facility, src.id, "process", {src.gas: value}, entry, src.source_type)
