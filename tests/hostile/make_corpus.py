"""Writes the hostile and broken filings under tests/hostile/files/ and expected.yaml (file → codes).

Every file is derived from base.xbrl (a small valid instance) or built here byte by byte, so the
corpus is reproducible: ``python tests/hostile/make_corpus.py``; tests/test_check.py checks that the
committed files equal what this script writes. Network addresses point at 127.0.0.1:9 (discard) and
are never contacted; tests/test_check.py also runs a loopback listener for the same kinds of file.
"""

from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
BASE = (HERE / "base.xbrl").read_bytes()
ENTRY = b"https://xbrl.disclosure.dev/taxonomy/cn-ghg/2026-11-30/cn-ghg-all.xsd"
STAMP = (2025, 12, 31, 0, 0, 0)


def remote(host: str = "127.0.0.1:9") -> str:
    return f"http://{host}"


def base(edit: Callable[[bytes], bytes] = lambda b: b) -> bytes:
    return edit(BASE)


def sub(old: bytes, new: bytes, count: int = 1) -> Callable[[bytes], bytes]:
    def edit(data: bytes) -> bytes:
        assert old in data, old
        return data.replace(old, new, count)
    return edit


def after_prolog(text: bytes) -> Callable[[bytes], bytes]:
    return sub(b'<?xml version="1.0" encoding="UTF-8"?>\n', b'<?xml version="1.0" encoding="UTF-8"?>\n' + text)


FACT = b"  <cn-ghg:Scope1GHGEmissions"


def inline(body: bytes = b"", head: bytes = b"", doctype: bytes = b"", schema: bytes = ENTRY) -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n' + doctype +
            b'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" '
            b'xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12" '
            b'xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:link="http://www.xbrl.org/2003/linkbase" '
            b'xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:utr="http://www.xbrl.org/2009/utr" '
            b'xmlns:cn-ghg="https://xbrl.disclosure.dev/taxonomy/cn-ghg/2026-11-30" xml:lang="zh-CN">'
            b'<head><title>t</title>' + head + b'</head><body><div style="display:none"><ix:header>'
            b'<ix:references><link:schemaRef xlink:type="simple" xlink:href="' + schema + b'"/></ix:references>'
            b'<ix:resources><xbrli:context id="c1"><xbrli:entity><xbrli:identifier '
            b'scheme="https://xbrl.disclosure.dev/scheme/uscc">91630000MA7512345E</xbrli:identifier>'
            b'</xbrli:entity><xbrli:period><xbrli:startDate>2025-01-01</xbrli:startDate><xbrli:endDate>'
            b'2025-12-31</xbrli:endDate></xbrli:period></xbrli:context><xbrli:unit id="u"><xbrli:measure>'
            b'utr:tCO2e</xbrli:measure></xbrli:unit></ix:resources></ix:header></div>' + body +
            "<p>范围一：".encode() + b'<ix:nonFraction name="cn-ghg:Scope1GHGEmissions" contextRef="c1" unitRef="u" '
            b'decimals="0" format="ixt:num-dot-decimal">1,000</ix:nonFraction></p></body></html>\n')


def zipped(members: list[tuple[str, bytes]], *, mode: int = 0o100644, flag_bits: int = 0,
           compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compress) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.external_attr = mode << 16
            info.compress_type = compress
            archive.writestr(info, data)
    raw = bytearray(buffer.getvalue())
    if flag_bits:  # zipfile resets the flags when writing: set them in the local and central headers
        for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            at = raw.find(signature)
            while at != -1:
                raw[at + offset] |= flag_bits
                at = raw.find(signature, at + 4)
    return bytes(raw)


def json_report(taxonomy: str = ENTRY.decode()) -> bytes:
    return (('{"documentInfo": {"documentType": "https://xbrl.org/2021/xbrl-json", "namespaces": '
             '{"cn-ghg": "https://xbrl.disclosure.dev/taxonomy/cn-ghg/2026-11-30"}, "taxonomy": ["'
             + taxonomy + '"]}, "facts": {}}').encode())


LAUGHS = (b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
          b'<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
          b'<!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">]>\n')
CORPUS: list[tuple[str, Callable[[], bytes], list[str], bool]] = [
    # name, content, expected codes (all must be present), valid?
    ("valid.xbrl", base, [], True),
    ("valid-inline.html", inline, [], True),
    ("valid-package.zip", lambda: zipped([("report/report.xbrl", BASE), ("report/report.html", inline())]), [], True),
    ("empty.xbrl", lambda: b"", ["check.empty"], False),
    ("whitespace.xbrl", lambda: b"  \n\t\n", ["check.empty"], False),
    ("not-xml.xbrl", lambda: b"this is not XML at all\n", ["check.xml-malformed"], False),
    ("truncated.xbrl", lambda: BASE[: len(BASE) // 2], ["check.xml-malformed"], False),
    ("unclosed-tag.html", lambda: inline().replace(b"</body>", b""), ["check.xml-malformed"], False),
    ("utf16.xbrl", lambda: BASE.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"),
     ["check.encoding"], False),
    ("gbk-declared.xbrl", lambda: BASE.decode().replace('encoding="UTF-8"', 'encoding="GBK"').encode("gbk"),
     ["check.encoding"], False),
    ("invalid-utf8.xbrl", lambda: base(sub("测试".encode(), b"\xff\xfe\xfd")), ["check.encoding"], False),
    ("binary-garbage.xbrl", lambda: bytes(range(256)) * 4, ["check.encoding"], False),
    ("xxe-file.xbrl", lambda: base(after_prolog(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n')),
     ["check.doctype"], False),
    ("xxe-http.xbrl", lambda: base(after_prolog(
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "' + remote().encode() + b'/xxe">]>\n')), ["check.doctype"], False),
    ("billion-laughs.xbrl", lambda: base(after_prolog(LAUGHS)), ["check.doctype"], False),
    ("quadratic-blowup.xbrl", lambda: base(after_prolog(
        b'<!DOCTYPE x [<!ENTITY a "' + b"A" * 50000 + b'">]>\n')), ["check.doctype"], False),
    ("parameter-entity.xbrl", lambda: base(after_prolog(
        b'<!DOCTYPE x [<!ENTITY % p SYSTEM "' + remote().encode() + b'/p.dtd"> %p;]>\n')), ["check.doctype"], False),
    ("external-dtd.html", lambda: inline(doctype=b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" '
                                         b'"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">\n'),
     ["check.doctype"], False),
    ("schemaref-remote.xbrl", lambda: base(sub(ENTRY, remote().encode() + b"/evil.xsd")),
     ["check.external-reference"], False),
    ("schemaref-file-url.xbrl", lambda: base(sub(ENTRY, b"file:///etc/passwd")), ["check.external-reference"], False),
    ("schemaref-traversal.xbrl", lambda: base(sub(ENTRY, b"../../../../etc/cn-ghg-all.xsd")),
     ["check.external-reference"], False),
    ("schemaref-unc.xbrl", lambda: base(sub(ENTRY, b"\\\\server\\share\\x.xsd")), ["check.external-reference"], False),
    ("schemaref-other-name.xbrl", lambda: base(sub(ENTRY, b"cn-ghg-all.xsd")), ["check.entry-point"], False),
    ("no-schemaref.xbrl", lambda: base(sub(b'  <link:schemaRef xlink:type="simple" xlink:href="' + ENTRY + b'"/>\n',
                                          b"")), ["check.entry-point"], False),
    ("two-schemarefs.xbrl", lambda: base(sub(b"  <xbrli:context", b'  <link:schemaRef xlink:type="simple" '
                                            b'xlink:href="' + ENTRY + b'"/>\n  <xbrli:context')),
     ["check.entry-point"], False),
    ("linkbaseref.xbrl", lambda: base(sub(b"  <xbrli:context", b'  <link:linkbaseRef xlink:type="simple" '
                                         b'xlink:arcrole="http://www.w3.org/1999/xlink/properties/linkbase" '
                                         b'xlink:href="' + remote().encode() + b'/lab.xml"/>\n  <xbrli:context')),
     ["check.external-reference"], False),
    ("roleref-remote.xbrl", lambda: base(sub(b"  <xbrli:context", b'  <link:roleRef roleURI="http://x/role" '
                                            b'xlink:type="simple" xlink:href="' + remote().encode() +
                                            b'/r.xsd#role"/>\n  <xbrli:context')), ["check.external-reference"], False),
    ("schemalocation.xbrl", lambda: base(sub(b'xml:lang="zh-CN">', b'xmlns:xsi="http://www.w3.org/2001/'
                                            b'XMLSchema-instance" xsi:schemaLocation="http://x ' + remote().encode() +
                                            b'/s.xsd" xml:lang="zh-CN">')), ["check.external-reference"], False),
    ("xinclude.xbrl", lambda: base(sub(b"  <xbrli:context", b'  <xi:include xmlns:xi="http://www.w3.org/2001/'
                                      b'XInclude" href="' + remote().encode() + b'/x.xml"/>\n  <xbrli:context')),
     ["check.external-reference"], False),
    ("stylesheet-pi.xbrl", lambda: base(after_prolog(b'<?xml-stylesheet type="text/xsl" href="' +
                                                     remote().encode() + b'/s.xsl"?>\n')),
     ["check.external-reference"], False),
    ("inline-remote-image.html", lambda: inline(body=b'<img src="' + remote().encode() + b'/pixel.png" alt=""/>'),
     ["check.external-resource"], False),
    ("inline-remote-script.html", lambda: inline(head=b'<script src="' + remote().encode() + b'/x.js"></script>'),
     ["check.external-resource"], False),
    ("inline-remote-stylesheet.html", lambda: inline(head=b'<link rel="stylesheet" href="//127.0.0.1:9/s.css"/>'),
     ["check.external-resource"], False),
    ("inline-invalid-xhtml.html", lambda: inline(body=b"<blink>x</blink>"), ["lxml.SCHEMAV_ELEMENT_CONTENT"], False),
    ("html-without-ix.html", lambda: b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">'
                                     b'<body><p>hi</p></body></html>', ["check.not-a-report"], False),
    ("wrong-root.xml", lambda: b'<?xml version="1.0"?><invoice><total>1</total></invoice>',
     ["check.not-a-report"], False),
    ("json-garbage.json", lambda: b'{"documentInfo": ', ["check.json-malformed"], False),
    ("json-not-xbrl.json", lambda: b'{"hello": "world"}', ["check.not-a-report"], False),
    ("json-remote-taxonomy.json", lambda: json_report(remote() + "/t.xsd"), ["check.external-reference"], False),
    ("zip-slip.zip", lambda: zipped([("../../evil.xbrl", BASE)]), ["check.zip-path"], False),
    ("zip-absolute-path.zip", lambda: zipped([("/etc/evil.xbrl", BASE)]), ["check.zip-path"], False),
    ("zip-backslash.zip", lambda: zipped([("..\\evil.xbrl", BASE)]), ["check.zip-path"], False),
    ("zip-symlink.zip", lambda: zipped([("report.xbrl", b"/etc/passwd")], mode=stat.S_IFLNK | 0o777),
     ["check.zip-symlink"], False),
    ("zip-bomb.zip", lambda: zipped([("report.xbrl", b"\0" * (20 * 1024 * 1024))]), ["check.zip-bomb"], False),
    ("zip-nested.zip", lambda: zipped([("inner.zip", zipped([("report.xbrl", BASE)]))]), ["check.zip-nested"], False),
    ("zip-nested-disguised.zip", lambda: zipped([("report.xbrl", zipped([("r.xbrl", BASE)]))]),
     ["check.zip-nested"], False),
    ("zip-encrypted.zip", lambda: zipped([("report.xbrl", BASE)], flag_bits=0x1, compress=zipfile.ZIP_STORED),
     ["check.zip-encrypted"], False),
    ("zip-corrupt.zip", lambda: zipped([("report.xbrl", BASE)])[:60], ["check.zip-corrupt"], False),
    ("zip-no-report.zip", lambda: zipped([("readme.txt", b"hello")]), ["check.zip-empty"], False),
    ("zip-extension-taxonomy.zip", lambda: zipped([("report.xbrl", BASE), ("ext.xsd", b"<schema/>")]),
     ["check.extension-taxonomy"], False),
    ("zip-hostile-member.zip", lambda: zipped([("report.xbrl", base(after_prolog(LAUGHS)))]), ["check.doctype"], False),
    ("negative-scope1.xbrl", lambda: base(sub(b">1000<", b">-1000<")), ["VR-GHG-001"], False),
    ("total-mismatch.xbrl", lambda: base(sub(b">1500<", b">1600<")),
     ["calc11e:inconsistentCalculationUsingRounding"], False),
    ("bad-uscc-check-character.xbrl", lambda: base(sub(b"91630000MA7512345E", b"91630000MA7512345F")),
     ["check.entity-identifier"], False),
    ("wrong-identifier-scheme.xbrl", lambda: base(sub(b"https://xbrl.disclosure.dev/scheme/uscc",
                                                      b"http://standards.iso.org/iso/17442")),
     ["check.entity-scheme"], False),
    ("half-year.xbrl", lambda: base(sub(b"2025-12-31</xbrli:endDate>", b"2025-06-30</xbrli:endDate>")),
     ["VR-RPT-002"], False),
    ("two-entities.xbrl", lambda: base(sub(b'<xbrli:unit id="u_tCO2e">',
                                          b'<xbrli:context id="c2"><xbrli:entity><xbrli:identifier scheme='
                                          b'"https://xbrl.disclosure.dev/scheme/uscc">91350100M000100Y43'
                                          b'</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>'
                                          b'2025-01-01</xbrli:startDate><xbrli:endDate>2025-12-31</xbrli:endDate>'
                                          b'</xbrli:period></xbrli:context>\n  <xbrli:unit id="u_tCO2e">')),
     ["check.entity-mixed"], False),
    ("mandatory-items-missing.xbrl", lambda: base(sub(b">false<", b">true<")),
     ["check.mandatory-missing"], False),
    ("wrong-unit.xbrl", lambda: base(sub(b"utr:tCO2e", b"utr:kg")), ["utre:error-NumericFactUtrInvalid"], False),
    ("undefined-concept.xbrl", lambda: base(sub(FACT, b'  <cn-ghg:NoSuchConcept contextRef="c1">1</cn-ghg:'
                                                 b'NoSuchConcept>\n' + FACT)), ["xbrl:schemaImportMissing"], False),
    ("inconsistent-duplicate.xbrl", lambda: base(sub(FACT, b'  <cn-ghg:Scope1GHGEmissions contextRef="c1" '
                                                     b'unitRef="u_tCO2e" decimals="0">999</cn-ghg:Scope1GHGEmissions>'
                                                     b'\n' + FACT)), ["arelle:duplicateFacts"], False),
    ("missing-context.xbrl", lambda: base(sub(b'contextRef="c1" unitRef="u_tCO2e" decimals="0">500',
                                              b'contextRef="nope" unitRef="u_tCO2e" decimals="0">500')),
     ["xbrl.4.6.1:itemContextRef"], False),
]


def write() -> dict[str, dict[str, object]]:
    FILES.mkdir(exist_ok=True)
    for old in FILES.iterdir():
        old.unlink()
    expected: dict[str, dict[str, object]] = {}
    for name, make, codes, valid in CORPUS:
        (FILES / name).write_bytes(make())
        expected[name] = {"codes": codes, "valid": valid}
    (HERE / "expected.yaml").write_text(
        "# Written by make_corpus.py: each hostile or broken filing and the findings it must produce.\n"
        + yaml.safe_dump(expected, sort_keys=True, allow_unicode=True), encoding="utf-8")
    return expected


if __name__ == "__main__":
    print(f"{len(write())} files in {FILES}")  # noqa: T201
