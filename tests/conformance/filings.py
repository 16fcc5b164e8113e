"""Small cn-ghg filings for the conformance suite, built fact by fact (instance, Inline XBRL, xBRL-JSON,
xBRL-CSV), so each variation changes exactly what its rule is about."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from dataclasses import dataclass, field
from html import escape

from disclosure.taxonomy import definition

D = definition()
NS = D.namespace
P = D.prefix
SCHEME = D.meta["scheme_uscc"]
USCC = "91630000MA7512345E"
OTHER_USCC = "91350100M000100Y43"
STAMP = (2026, 4, 20, 0, 0, 0)
UNITS = {"utr": "http://www.xbrl.org/2009/utr", "iso4217": "http://www.xbrl.org/2003/iso4217",
         "xbrli": "http://www.xbrl.org/2003/instance", P: NS}


@dataclass
class Context:
    start: str
    end: str
    explicit: tuple[tuple[str, str], ...] = ()
    typed: tuple[tuple[str, str], ...] = ()
    ident: str = USCC
    scheme: str = SCHEME
    segment: bool = False
    """Put the dimensions in the segment (the taxonomy allows only the scenario)."""
    instant: bool = False


@dataclass
class Fact:
    concept: str
    value: str
    context: str
    unit: str | None = None
    decimals: str | None = None
    lang: str | None = None
    nil: bool = False
    precision: str | None = None
    scale: int = 0
    html: bool = False
    members: tuple[str, ...] = ()
    """Enumeration members (the value is their URIs)."""


@dataclass
class Filing:
    entry: str = "all"
    lang: str = "zh-CN"
    contexts: dict[str, Context] = field(default_factory=dict)
    units: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    extra: str = ""
    """Raw XML placed after the schemaRef (an instance only)."""

    def copy(self) -> Filing:
        return copy.deepcopy(self)

    # --- building -----------------------------------------------------------------------------

    def ctx(self, year: int = 2025, explicit: tuple[tuple[str, str], ...] = (),
            typed: tuple[tuple[str, str], ...] = (), **kw: object) -> str:
        c = Context(f"{year}-01-01", f"{year}-12-31", tuple(sorted(explicit)), tuple(sorted(typed)))
        for key, value in kw.items():
            setattr(c, key, value)
        for cid, known in self.contexts.items():
            if known == c:
                return cid
        cid = f"c{len(self.contexts) + 1}"
        self.contexts[cid] = c
        return cid

    def unit(self, num: str, den: str | None = None) -> str:
        uid = "u_" + num.split(":")[1] + (f"_per_{den.split(':')[1]}" if den else "")
        self.units[uid] = (num, den)
        return uid

    def num(self, concept: str, value: str, unit: str = "utr:tCO2e", decimals: str = "0", *, den: str | None = None,
            year: int = 2025, explicit: tuple[tuple[str, str], ...] = (), typed: tuple[tuple[str, str], ...] = (),
            **kw: object) -> Fact:
        f = Fact(concept, value, self.ctx(year, explicit, typed), self.unit(unit, den), decimals)
        for key, val in kw.items():
            setattr(f, key, val)
        self.facts.append(f)
        return f

    def text(self, concept: str, value: str, *, lang: str | None = None, year: int = 2025,
             explicit: tuple[tuple[str, str], ...] = (), typed: tuple[tuple[str, str], ...] = (),
             html: bool = False) -> Fact:
        f = Fact(concept, value, self.ctx(year, explicit, typed), lang=lang, html=html)
        self.facts.append(f)
        return f

    def enum(self, concept: str, *members: str, explicit: tuple[tuple[str, str], ...] = (),
             typed: tuple[tuple[str, str], ...] = (), raw: str | None = None) -> Fact:
        value = raw if raw is not None else " ".join(sorted(f"{NS}#{m}" for m in members))
        f = Fact(concept, value, self.ctx(2025, explicit, typed), members=members)
        self.facts.append(f)
        return f

    def find(self, concept: str, **dims: object) -> Fact:
        for f in self.facts:
            c = self.contexts[f.context]
            if f.concept == concept and all(getattr(c, k) == v for k, v in dims.items()):
                return f
        raise KeyError(concept)

    def drop(self, concept: str, **dims: object) -> None:
        self.facts.remove(self.find(concept, **dims))

    # --- serialising --------------------------------------------------------------------------

    def _contexts_xml(self) -> str:
        out = []
        for cid, c in self.contexts.items():
            dims = "".join(f'<xbrldi:explicitMember dimension="{P}:{a}">{P}:{m}</xbrldi:explicitMember>'
                           for a, m in c.explicit)
            dims += "".join(f'<xbrldi:typedMember dimension="{P}:{a}"><{P}:{D.axes[a].typed}>{escape(v)}'
                            f'</{P}:{D.axes[a].typed}></xbrldi:typedMember>' for a, v in c.typed)
            segment = f"<xbrli:segment>{dims}</xbrli:segment>" if dims and c.segment else ""
            scenario = f"<xbrli:scenario>{dims}</xbrli:scenario>" if dims and not c.segment else ""
            period = (f"<xbrli:instant>{c.end}</xbrli:instant>" if c.instant else
                      f"<xbrli:startDate>{c.start}</xbrli:startDate><xbrli:endDate>{c.end}</xbrli:endDate>")
            out.append(f'<xbrli:context id="{cid}"><xbrli:entity><xbrli:identifier scheme="{c.scheme}">{c.ident}'
                       f'</xbrli:identifier>{segment}</xbrli:entity><xbrli:period>{period}</xbrli:period>{scenario}'
                       f"</xbrli:context>")
        for uid, (num, den) in self.units.items():
            body = (f"<xbrli:divide><xbrli:unitNumerator><xbrli:measure>{num}</xbrli:measure></xbrli:unitNumerator>"
                    f"<xbrli:unitDenominator><xbrli:measure>{den}</xbrli:measure></xbrli:unitDenominator>"
                    f"</xbrli:divide>" if den else f"<xbrli:measure>{num}</xbrli:measure>")
            out.append(f'<xbrli:unit id="{uid}">{body}</xbrli:unit>')
        return "\n  ".join(out)

    def _namespaces(self) -> str:
        return ('xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:link="http://www.xbrl.org/2003/linkbase" '
                'xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xbrldi="http://xbrl.org/2006/xbrldi" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xmlns:utr="http://www.xbrl.org/2009/utr" xmlns:iso4217="http://www.xbrl.org/2003/iso4217" '
                f'xmlns:{P}="{NS}"')

    def schema_ref(self) -> str:
        href = D.entry_point_url(self.entry) if self.entry in D.entry_points else self.entry
        return f'<link:schemaRef xlink:type="simple" xlink:href="{href}"/>'

    def xml(self) -> bytes:
        facts = []
        for n, f in enumerate(self.facts, start=1):
            attrs = f'contextRef="{f.context}" id="f{n}"'
            if f.unit:
                attrs += f' unitRef="{f.unit}"'
                attrs += f' precision="{f.precision}"' if f.precision else f' decimals="{f.decimals}"'
            if f.lang:
                attrs += f' xml:lang="{f.lang}"'
            if f.nil:
                facts.append(f'<{P}:{f.concept} {attrs} xsi:nil="true"/>')
            else:
                facts.append(f"<{P}:{f.concept} {attrs}>{escape(f.value)}</{P}:{f.concept}>")
        body = "\n  ".join([self.schema_ref(), *([self.extra] if self.extra else []), self._contexts_xml(), *facts])
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<xbrli:xbrl {self._namespaces()} xml:lang="{self.lang}">\n'
                f"  {body}\n</xbrli:xbrl>\n").encode()

    def inline(self, body_extra: str = "") -> bytes:
        """Inline XBRL 1.1: numbers with ixt:num-dot-decimal and thousand separators (or the value as it
        is when a fact sets ``scale``), enumerations hidden and shown by label, text blocks escaped."""
        hidden, rows = [], []
        for n, f in enumerate(self.facts, start=1):
            attrs = f'name="{P}:{f.concept}" contextRef="{f.context}" id="f{n}"'
            if f.lang:
                attrs += f' xml:lang="{f.lang}"'
            if f.members or (not f.unit and f.concept in _ENUMS):
                hidden.append(f"<ix:nonNumeric {attrs}>{escape(f.value)}</ix:nonNumeric>")
                label = "、".join(D.concepts[m].label["zh-CN"] for m in f.members) or escape(f.value)
                rows.append(f'<tr><td>{f.concept}</td><td><span style="-ix-hidden:f{n}">{label}</span></td></tr>')
                continue
            if f.unit:
                attrs += f' unitRef="{f.unit}" decimals="{f.decimals}" format="ixt:num-dot-decimal"'
                if f.scale:
                    attrs += f' scale="{f.scale}"'
                negative = f.value.startswith("-")
                shown = f.value.lstrip("-")
                if not f.scale and "." not in shown:
                    shown = f"{int(shown):,}"
                sign = ' sign="-"' if negative else ""
                cell = f"{'-' if negative else ''}<ix:nonFraction {attrs}{sign}>{shown}</ix:nonFraction>"
            elif f.html:
                cell = f'<ix:nonNumeric {attrs} escape="true"><p>{escape(f.value)}</p></ix:nonNumeric>'
            else:
                cell = f"<ix:nonNumeric {attrs}>{escape(f.value)}</ix:nonNumeric>"
            rows.append(f"<tr><td>{f.concept}</td><td>{cell}</td></tr>")
        hidden_xml = f"<ix:hidden>{''.join(hidden)}</ix:hidden>" if hidden else ""
        resources = self._contexts_xml()
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" '
                f'xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" '
                f'xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12" {self._namespaces()} '
                f'xml:lang="{self.lang}"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>'
                f'<title>cn-ghg</title></head><body><div style="display:none"><ix:header>{hidden_xml}'
                f"<ix:references>{self.schema_ref()}</ix:references><ix:resources>{resources}</ix:resources>"
                f"</ix:header></div>{body_extra}<table>{''.join(rows)}</table></body></html>\n").encode()

    def json(self) -> bytes:
        """xBRL-JSON 1.0 (the facts without dimensions and enumerations, which base filings use sparingly)."""
        facts: dict[str, dict[str, object]] = {}
        for n, f in enumerate(self.facts, start=1):
            c = self.contexts[f.context]
            dims: dict[str, object] = {"concept": f"{P}:{f.concept}", "entity": f"uscc:{c.ident}",
                                       "period": f"{c.start}T00:00:00/{_next_day(c.end)}T00:00:00"}
            dims.update({f"{P}:{a}": f"{P}:{m}" for a, m in c.explicit})
            dims.update({f"{P}:{a}": v for a, v in c.typed})
            value = " ".join(sorted(f"{P}:{m}" for m in f.members)) if f.members else f.value
            fact: dict[str, object] = {"value": value, "dimensions": dims}
            if f.unit:
                num, den = self.units[f.unit]
                dims["unit"] = f"{num}/{den}" if den else num
                fact["decimals"] = int(f.decimals or 0)
            elif not f.members and f.lang:
                dims["language"] = f.lang.lower()
            facts[f"f{n}"] = fact
        doc = {"documentInfo": {"documentType": "https://xbrl.org/2021/xbrl-json",
                                "namespaces": {P: NS, "uscc": SCHEME, "utr": UNITS["utr"], "iso4217": UNITS["iso4217"],
                                               "xbrli": UNITS["xbrli"]},
                                "taxonomy": [D.entry_point_url(self.entry)]},
               "facts": facts}
        return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")

    def csv(self, table: str = "facts.csv") -> tuple[bytes, bytes]:
        """xBRL-CSV 1.0: the metadata and one table of undimensioned tCO2e facts for 2025 (columns per
        concept), enough to carry the emissions totals."""
        rows = [f for f in self.facts if f.unit and self.units[f.unit] == ("utr:tCO2e", None)
                and not self.contexts[f.context].explicit and not self.contexts[f.context].typed
                and self.contexts[f.context].start == "2025-01-01"]
        columns: dict[str, object] = {c: {"dimensions": {"concept": f"{P}:{c}"}, "decimals": 0}
                                      for c in dict.fromkeys(f.concept for f in rows)}
        meta = {"documentInfo": {"documentType": "https://xbrl.org/2021/xbrl-csv",
                                 "namespaces": {P: NS, "uscc": SCHEME, "utr": UNITS["utr"]},
                                 "taxonomy": [D.entry_point_url(self.entry)]},
                "tableTemplates": {"emissions": {
                    "dimensions": {"entity": f"uscc:{USCC}", "period": "2025-01-01T00:00:00/2026-01-01T00:00:00",
                                   "unit": "utr:tCO2e"},
                    "columns": columns}},
                "tables": {"emissions": {"template": "emissions", "url": table}}}
        header = ",".join(columns)
        line = ",".join(next(f.value for f in rows if f.concept == c) for c in columns)
        return json.dumps(meta, indent=1).encode("utf-8"), f"{header}\n{line}\n".encode()


_ENUMS = {name for name, c in D.concepts.items() if c.enumeration}


def _next_day(day: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buffer.getvalue()


def package(kind: str, reports: dict[str, bytes], top: str = "filing", metadata: bytes | None = None) -> bytes:
    """A report package: ``kind`` xbri, xbr or zip (the documentType it declares)."""
    doc_type = {"xbri": "https://xbrl.org/report-package/2023/xbri", "xbr": "https://xbrl.org/report-package/2023/xbr",
                "zip": "https://xbrl.org/report-package/2023"}[kind]
    members = {f"{top}/META-INF/reportPackage.json":
               metadata if metadata is not None else json.dumps({"documentInfo": {"documentType": doc_type}}).encode()}
    members.update({f"{top}/reports/{name}": data for name, data in reports.items()})
    return zipped(members)


# --- the base filings -------------------------------------------------------------------------

GROUP = (("ConsolidationScopeAxis", "ConsolidatedAccountingGroupMember"),)
INVESTEES = (("ConsolidationScopeAxis", "OtherInvesteesMember"),)


def gas(member: str) -> tuple[tuple[str, str], ...]:
    return (("GreenhouseGasAxis", member),)


def base(entry: str = "all") -> Filing:
    """A voluntary discloser's small valid filing: totals, breakdowns that add up, energy, a facility,
    enumerations, a prior year."""
    f = Filing(entry)
    f.text("EntityNameChinese", "测试股份有限公司", lang="zh-CN")
    f.text("EntityNameEnglish", "Test Co., Ltd.", lang="en")
    f.text("EntityUnifiedSocialCreditCode", USCC)
    f.text("EntityIsMandatoryDiscloser", "false")
    f.enum("BasisOfPreparation", {"all": "SSEGuidelineNo14Member", "sse": "SSEGuidelineNo14Member",
                                  "szse": "SZSEGuidelineNo17Member", "bse": "BSEGuidelineNo11Member"}[entry],
           "IFRSS2Member")
    f.enum("ConsolidationApproach", "OperationalControlApproachMember")
    f.enum("EntityProvinceOfRegistration", "QinghaiMember")
    f.num("Scope1GHGEmissions", "1000")
    f.num("Scope2LocationBasedGHGEmissions", "500")
    f.num("Scope1And2LocationBasedGHGEmissions", "1500")
    f.num("Scope1GHGEmissions", "900", explicit=gas("CarbonDioxideMember"))
    f.num("Scope1GHGEmissions", "60", explicit=gas("MethaneMember"))
    f.num("Scope1GHGEmissions", "40", explicit=gas("PerfluorocarbonsMember"))
    f.num("Scope1GHGEmissions", "30", explicit=gas("TetrafluoromethaneMember"))
    f.num("Scope1GHGEmissions", "10", explicit=gas("HexafluoroethaneMember"))
    f.num("Scope1GHGEmissions", "800", explicit=GROUP)
    f.num("Scope1GHGEmissions", "200", explicit=INVESTEES)
    f.num("EnergyConsumption", "120", "cn-ghg:tce")
    f.num("EnergyConsumption", "100", "cn-ghg:tce", explicit=(("EnergyTypeAxis", "RawCoalMember"),))
    f.num("EnergyConsumption", "20", "cn-ghg:tce", explicit=(("EnergyTypeAxis", "ElectricityMember"),))
    f.num("EnergyConsumptionInGigajoules", "3517", "utr:GJ")
    facility = (("FacilityAxis", "F1"),)
    f.text("FacilityName", "一号厂区", typed=facility)
    f.enum("FacilityProvince", "QinghaiMember", typed=facility)
    f.num("Scope1GHGEmissions", "600", typed=facility)
    f.num("Scope1GHGEmissions", "950", year=2024)
    f.num("Scope2LocationBasedGHGEmissions", "520", year=2024)
    f.num("Scope1And2LocationBasedGHGEmissions", "1470", year=2024)
    return f


TEXT = "<p>本报告期内的说明。</p>"


def mandatory(entry: str = "all") -> Filing:
    """A mandatory discloser's filing with every mandatory item (docs/filing-rules.md FR-14)."""
    f = base(entry)
    f.find("EntityIsMandatoryDiscloser").value = "true"
    f.text("DocumentTitle", "测试股份有限公司2025年度可持续发展报告")
    f.enum("DocumentType", "SustainabilityReportMember")
    f.text("ConsolidationScopeDescription", TEXT, html=True)
    f.text("BoardApprovalDate", "2026-04-18")
    f.text("ReportPublicationDate", "2026-04-20")
    for concept in ("GovernanceExplanatory", "ClimateRelatedRisksAndOpportunitiesExplanatory",
                    "TransitionPlanExplanatory", "ClimateResilienceExplanatory", "RiskManagementExplanatory",
                    "GHGMethodologyExplanatory"):
        f.text(concept, TEXT, html=True)
    f.text("GHGAccountingStandard", "温室气体核算体系企业标准")
    target = (("TargetAxis", "T1"),)
    f.text("TargetName", "2030年范围一减排20%", typed=target)
    f.enum("TargetKind", "AbsoluteTargetMember", typed=target)
    f.enum("TargetScopesCovered", "Scope1Member", typed=target)
    f.text("TargetBaseYear", "2024", typed=target)
    f.text("TargetYear", "2030", typed=target)
    f.num("TargetProgressPercentage", "0.0526", "xbrli:pure", "4", typed=target)
    f.num("GHGEmissionReductionsAchieved", "50")
    f.num("DirectEnergyConsumption", "100", "cn-ghg:tce")
    f.num("IndirectEnergyConsumption", "20", "cn-ghg:tce")
    f.num("CleanEnergyConsumption", "12", "cn-ghg:tce")
    f.num("CleanEnergyShare", "0.1000", "xbrli:pure", "4")
    f.enum("EnergyTargetKind", "TotalEnergyTargetMember", typed=(("TargetAxis", "E1"),))
    topic = (("SustainabilityTopicAxis", "ClimateChangeTopicMember"),)
    f.text("TopicImpactMateriality", "true", explicit=topic)
    f.text("TopicFinancialMateriality", "true", explicit=topic)
    f.text("ClimateResilienceUncertaintiesExplanatory", TEXT, html=True)
    return f
