"""The documented limits on what a filing may contain (docs/security.md lists them with their reasons).

A filing is untrusted input: it travels from subsidiary to group to verifier. Every limit here is
checked up front and reported as a coded finding (``input.limit-exceeded``, ``input.file-too-large``,
``schema.out-of-range``, ...), never as a crash or an exhausted machine. The values are far above
any real filing; they exist to bound time and memory.
"""

from __future__ import annotations

# --- files -------------------------------------------------------------------------------------
MAX_FILING_BYTES = 64 * 1024 * 1024
"""filing.yaml itself."""
MAX_TABLE_BYTES = 256 * 1024 * 1024
"""One CSV side table (about four million rows of typical activity data)."""
MAX_INPUT_BYTES = 1024 * 1024 * 1024
"""Everything one filing makes the tool read (side tables together, a workbook once for each sheet read)."""
MAX_XLSX_BYTES = 128 * 1024 * 1024
"""One XLSX workbook as stored (compressed)."""
MAX_XLSX_INFLATED = 1024 * 1024 * 1024
"""The uncompressed size of the parts of a workbook that are read (a 1.5 MB "zip bomb" inflating to
gigabytes is refused before it is inflated)."""
MAX_XLSX_MEMBERS = 10_000
"""Members of a workbook's ZIP container."""
MAX_XML_PART_BYTES = 512 * 1024 * 1024
"""One XML part of a workbook, uncompressed."""

# --- paths -------------------------------------------------------------------------------------
MAX_PATH_CHARS = 1024
"""A side-table reference as written in the filing."""
MAX_NAME_BYTES = 255
"""One component of a side-table path, in UTF-8 bytes (the Linux NAME_MAX)."""

# --- structure ---------------------------------------------------------------------------------
MAX_YAML_NODES = 5_000_000
"""Values in filing.yaml, aliases expanded."""
MAX_YAML_DEPTH = 64
"""Nesting of mappings and lists (the schema needs fewer than 12 levels)."""
MIN_ALIAS_BUDGET = 100_000
"""Values an alias (``*name``) may add. Beyond this floor, aliases may add at most as many values
as the file spells out itself, so a small file cannot expand into a huge one ("billion laughs")."""
MAX_TABLE_ROWS = 1_048_576
"""Rows of one side table: Excel's own sheet limit."""
MAX_TABLE_COLUMNS = 16_384
"""Columns of one side table: Excel's own sheet limit (XFD)."""
MAX_RECORDS = 2_000_000
"""Activity records in one filing, inline and from side tables together."""
MAX_FACILITIES = 20_000
"""Facilities in one filing."""

# --- values ------------------------------------------------------------------------------------
MAX_TEXT_CHARS = 100_000
"""One text value (a narrative section of a report is far shorter)."""
MAX_PROPERTY_CHARS = 255
"""Texts that also become Word document properties (report title, company name): python-docx and
the OOXML core-properties part carry at most 255 characters."""
MAX_CSV_FIELD_CHARS = 128 * 1024
"""A CSV field longer than this is ``input.csv-syntax``: set for each read, since the csv module's limit is
process-wide and other code in the process (Arelle's xBRL-CSV loader) raises it."""
MAX_NUMBER_EXPONENT = 17
"""Largest decimal exponent of a number: |x| < 10^18 (a State Grid's revenue in yuan is ~10^12.5,
its electricity in kWh ~10^13). Beyond it arithmetic would lose exactness at our 50-digit precision
once factors multiply."""
MIN_NUMBER_EXPONENT = -20
"""Finest decimal place of a number: 20 digits after the point (Excel's doubles need 17)."""
MAX_NUMBER_TEXT = 100
"""Characters of a number as written; longer digit strings are refused before they are converted."""

_NAMES = {
    "depth": ("嵌套层数", "levels of nesting"),
    "values": ("值的数量（含别名展开）", "values (aliases expanded)"),
    "aliases": ("别名展开的值", "values added by aliases"),
    "rows": ("{file} 的行数", "rows in {file}"),
    "columns": ("{file} 的列数", "columns in {file}"),
    "records": ("活动数据记录数", "activity records"),
    "facilities": ("设施数量", "facilities"),
    "bytes": ("读取的文件总字节数", "bytes read from side tables"),
}


def exceeded(what: str, limit: int, **names: str) -> dict[str, object]:
    """The context of an ``input.limit-exceeded`` finding: what, in both languages, and the limit."""
    zh, en = _NAMES[what]
    return {"what_zh": zh.format(**names), "what_en": en.format(**names), "limit": limit}


_KINDS = {
    "folder": ("文件夹", "folder"), "FIFO": ("命名管道（FIFO）", "FIFO"), "device": ("设备文件", "device"),
    "socket": ("套接字", "socket"), "special file": ("特殊文件", "special file"),
    "symbolic link": ("符号链接", "symbolic link"),
    "pseudo file": ("伪文件系统（/proc、/sys、/dev）中的条目", "pseudo-file-system entry (/proc, /sys, /dev)"),
    "regular file": ("普通文件", "regular file"),
}


def kind(name: str) -> dict[str, str]:
    """A file kind in both languages (``kind_zh``, ``kind_en``) for finding and error messages."""
    zh, en = _KINDS[name]
    return {"kind_zh": zh, "kind_en": en}
