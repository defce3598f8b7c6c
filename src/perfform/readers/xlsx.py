"""Read an .xlsx form with openpyxl: each visible worksheet becomes a `Table`, values as a person sees them.

- Cells: the sheet's used area (from the first to the last row and column holding text or a merge) becomes
  rows of cells, one per worksheet column, empty cells included. `Ref.row`/`Ref.column` are the sheet's own
  row and column numbers (row 5, column 4 is D5); `Cell.col` is the 0-based sheet column.
- Merged ranges become spans exactly as in the .docx reader: the top-left cell gets `colspan` and `rowspan`,
  each later row of the range gets an empty `Cell(merged=True)` with the same `colspan`.
- Values: text as typed ("\\r\\n" → "\\n"); numbers through the cell's number format (717.28 → "717.28",
  0.82 in "0%" → "82%", "#,##0.00" → "1,234.50", literals such as `0"万元"` kept); General numbers with up to 15
  significant digits and no ".0"; dates through their format (`yyyy"年"m"月"d"日"` → "2021年12月20日"; the
  Chinese built-in date formats 27–36 and 50–58, unknown to openpyxl, included); formulas by their cached
  value; TRUE/FALSE.

Before openpyxl sees the file every member is read, under size, ratio and total limits, and the workbook is
refused (`UnreadableInput`) when an XML member has a DOCTYPE (entity expansion, external entities; an .svg
image may keep one that declares no entity), when it holds more than `MAX_ELEMENTS` XML elements, or
more than `MAX_OTHER_ELEMENTS` outside worksheets and shared strings (openpyxl builds a slow object of each
style, drawing or chart element), or when merged ranges, hyperlinks and comments cover more than
`MAX_RANGE_CELLS` cells (openpyxl makes an object of each cell they cover; those elements are read with a
hardened lxml parser). A worksheet whose used area exceeds `MAX_GRID_CELLS` cells is refused too. With
these caps the worst workbook takes about a second and 60 MB (tests/test_hostile.py).
"""

from __future__ import annotations

import math
import re
import struct
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from io import BytesIO
from typing import Any, Final

from lxml import etree

from perfform.errors import UnreadableInput
from perfform.grid import Cell, Grid, Ref, Row, Table

__all__ = [
    "MAX_ELEMENTS",
    "MAX_GRID_CELLS",
    "MAX_OTHER_ELEMENTS",
    "MAX_RANGE_CELLS",
    "format_value",
    "read_xlsx",
]

MAX_PART_SIZE: Final = 32 * 2**20
MAX_TOTAL_SIZE: Final = 64 * 2**20
MAX_RATIO: Final = 200
RATIO_FLOOR: Final = 2**20
MAX_ELEMENTS: Final = 100_000
"""XML elements in all parts together (a form has a few thousand)."""
MAX_OTHER_ELEMENTS: Final = 30_000
"""XML elements outside worksheets and the shared strings: openpyxl builds an object of each (styles, drawings,
charts), at some 20 µs apiece."""
MAX_RANGE_CELLS: Final = 10_000
"""Cells covered by merged ranges, hyperlinks and comments together."""
MAX_GRID_CELLS: Final = 50_000
"""Rows × columns of one worksheet's used area."""

_RANGE_TAGS: Final = ("{*}mergeCell", "{*}hyperlink", "{*}comment")
_CELL_REF: Final = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")
_CJK_DATES: Final = {
    14: "yyyy/m/d",
    **dict.fromkeys((27, 36, 50, 52, 57), 'yyyy"年"m"月"'),
    **dict.fromkeys((28, 29, 51, 53, 54, 58), 'm"月"d"日"'),
    30: "m-d-yy",
    31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"',
    33: 'h"时"mm"分"ss"秒"',
    **dict.fromkeys((34, 55), '上午/下午h"时"mm"分"'),
    **dict.fromkeys((35, 56), '上午/下午h"时"mm"分"ss"秒"'),
}
"""Chinese (zh-CN) built-in date formats: openpyxl shows 27–36 and 50–58 as General numbers, and 14 (the
locale's short date) as mm-dd-yy."""
_ZIP_ERRORS: Final = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    OSError,
    ValueError,
    EOFError,
    NotImplementedError,
)


def read_xlsx(data: bytes) -> Grid:
    """Read .xlsx bytes into a `Grid` (format "xlsx"); raises `UnreadableInput` on anything unreadable."""
    _screen(data)
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(BytesIO(data), data_only=True)
        grid = Grid(format="xlsx")
        for number, sheet in enumerate(book.worksheets, 1):
            if sheet.sheet_state == "visible":
                table = _table(sheet, number)
                if table.rows:
                    grid.body.append(table)
    except UnreadableInput:
        raise
    except Exception as exc:  # openpyxl fails on odd input in many ways; each is just an unreadable file
        raise UnreadableInput(f"not a readable Excel workbook: {_one_line(exc)}") from None
    return grid


def format_value(value: object, number_format: str = "General") -> str:
    """A cell value as Excel shows it under `number_format` (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return _number(value, number_format)
    if isinstance(value, datetime | date | time):
        return _date(value, number_format)
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


# -- screening ------------------------------------------------------------------------------------------


def _screen(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except _ZIP_ERRORS as exc:
        raise UnreadableInput(
            f"not an .xlsx: not a zip archive, or a truncated one ({_one_line(exc)})"
        ) from None
    budget, elements, others, covered = MAX_TOTAL_SIZE, 0, 0, 0
    with archive:
        for info in archive.infolist():
            raw = _member(archive, info, budget)
            budget -= len(raw)
            markup = _as_markup(raw)
            if markup is None:
                continue
            name = info.filename
            if b"<!ENTITY" in markup or (b"<!DOCTYPE" in markup and not name.lower().endswith(".svg")):
                raise UnreadableInput(f"{name} has a DOCTYPE, which Office files never contain: refused")
            count = markup.count(b"<") - markup.count(b"</")  # start tags, comments and PIs: an upper bound
            elements += count
            if _root(raw) not in ("worksheet", "sst"):
                others += count
                if others > MAX_OTHER_ELEMENTS:
                    raise UnreadableInput(
                        f"the workbook has more than {MAX_OTHER_ELEMENTS} XML elements outside its worksheets "
                        "(styles, drawings …): too large for a form"
                    )
            if elements > MAX_ELEMENTS:
                raise UnreadableInput(
                    f"the workbook has more than {MAX_ELEMENTS} XML elements: too large for a form"
                )
            if any(tag in markup for tag in (b"mergeCell", b"hyperlink", b"comment")):
                covered += _covered_cells(name, raw)
            if covered > MAX_RANGE_CELLS:
                raise UnreadableInput(
                    f"merged ranges, hyperlinks and comments cover more than {MAX_RANGE_CELLS} cells: refused"
                )


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """One member's bytes, read under the size, ratio and total limits."""
    name, size = info.filename, info.file_size
    if size > min(MAX_PART_SIZE, budget):
        raise UnreadableInput(f"{name} is too large: {size} bytes uncompressed")
    if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
        raise UnreadableInput(f"{name} is compressed more than {MAX_RATIO}:1: refused as a possible zip bomb")
    try:
        with archive.open(info) as stream:
            raw = stream.read(size + 1)
    except RuntimeError:  # zipfile's "password required"
        raise UnreadableInput(f"{name} is encrypted inside the zip") from None
    except _ZIP_ERRORS as exc:
        raise UnreadableInput(f"cannot read {name} from the zip: {_one_line(exc)}") from None
    if len(raw) > size:
        raise UnreadableInput(f"{name} is larger than its zip header says")
    return raw


def _as_markup(raw: bytes) -> bytes | None:
    """The member as ASCII-compatible bytes when it may be XML (UTF-16 is transcoded), else None."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16", "replace").encode()
    if raw[:2] in (b"<\x00", b"\x00<"):
        return raw.decode("utf-16-le" if raw[0] == 0x3C else "utf-16-be", "replace").encode()
    return raw if raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<" else None


def _root(raw: bytes) -> str:
    """The local name of the part's root element ("" when the part does not parse that far)."""
    events = etree.iterparse(
        BytesIO(raw),
        events=("start",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    try:
        for _, element in events:
            return str(etree.QName(element).localname)
    except etree.LxmlError:
        pass
    return ""


def _covered_cells(name: str, raw: bytes) -> int:
    """Cells covered by the part's merged ranges, hyperlinks and comments."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.LxmlError as exc:
        raise UnreadableInput(f"{name} is not well-formed XML: {_one_line(exc)}") from None
    total = 0
    for element in root.iter(*_RANGE_TAGS):
        for part in (element.get("ref") or "").split():
            total += _area(part)
    return total


def _area(ref: str) -> int:
    corners = ref.split(":")
    if len(corners) > 2 or not all(_CELL_REF.fullmatch(c) for c in corners):
        raise UnreadableInput(f"malformed cell range {ref[:40]!r}")
    if len(corners) == 1:
        return 1
    (c1, r1), (c2, r2) = (_position(c) for c in corners)
    return (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)


def _position(ref: str) -> tuple[int, int]:
    match = _CELL_REF.fullmatch(ref)
    assert match is not None
    column = 0
    for letter in match[1].upper():
        column = column * 26 + ord(letter) - 64
    return column, int(match[2])


# -- grid -----------------------------------------------------------------------------------------------


def _table(sheet: Any, number: int) -> Table:
    texts: dict[tuple[int, int], str] = {}
    for (row, column), cell in sheet._cells.items():  # only the cells that exist, never a dense range
        text = _text(cell)
        if text:
            texts[row, column] = text
    starts: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    covered: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for merge in sheet.merged_cells.ranges:
        span: tuple[int, int, int, int] = (merge.min_row, merge.min_col, merge.max_row, merge.max_col)
        starts.setdefault(span[:2], span)
        for r in range(span[0], span[2] + 1):
            for c in range(span[1], span[3] + 1):
                covered.setdefault((r, c), span)
    used = list(texts) + list(starts)
    if not used:
        return Table([], Ref(table=number))
    top = min(r for r, _ in used)
    bottom = max([r for r, _ in texts] + [box[2] for box in starts.values()])
    left = min(c for _, c in used)
    right = max([c for _, c in texts] + [box[3] for box in starts.values()])
    if (bottom - top + 1) * (right - left + 1) > MAX_GRID_CELLS:
        raise UnreadableInput(
            f"worksheet {sheet.title!r} spans {bottom - top + 1} rows × {right - left + 1} columns: too large for a form"
        )
    rows: list[Row] = []
    for r in range(top, bottom + 1):
        cells: list[Cell] = []
        c = left
        while c <= right:
            box = covered.get((r, c))
            ref = Ref(table=number, row=r, column=c)
            if box is None:
                cells.append(Cell(texts.get((r, c), ""), ref, c - 1))
                c += 1
                continue
            width = box[3] - box[1] + 1
            if (r, c) == (box[0], box[1]):
                cells.append(Cell(texts.get((r, c), ""), ref, c - 1, width, box[2] - box[0] + 1))
            elif c == box[1]:
                cells.append(Cell("", ref, c - 1, width, merged=True))
            c = box[3] + 1 if c == box[1] else c + 1
        rows.append(Row(cells, Ref(table=number, row=r)))
    return Table(rows, Ref(table=number))


def _text(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if type(value) is str:
        return value if "\r" not in value else format_value(value)
    style = getattr(cell, "_style", None)
    number_format = getattr(style, "numFmtId", 0)
    if number_format == 0 and type(value) is int:
        return str(value)  # the common case, without openpyxl's format lookup
    if number_format in _CJK_DATES and not isinstance(value, bool):
        when = value
        if isinstance(value, int | float):
            from openpyxl.utils.datetime import from_excel

            try:
                when = from_excel(value, cell.parent.parent.epoch)
            except (ValueError, OverflowError, TypeError):
                return _general(value)
        if isinstance(when, datetime | date | time):
            return _date(when, _CJK_DATES[number_format])
    return format_value(value, cell.number_format or "General")


# -- number formats -------------------------------------------------------------------------------------

_TOKEN: Final = re.compile(r'"[^"]*"?|\\.|\[[^\]]*\]?|_.|\*.|general|[eE][+-]|.', re.IGNORECASE | re.DOTALL)
_MAX_CODE: Final = 255
"""Excel's own limit on a format code; longer ones are shown as General."""


@dataclass(frozen=True, slots=True)
class _Pattern:
    """One section of a number format: placeholders and the literal text around them."""

    prefix: str
    suffix: str
    digits: bool  # False: the section shows its literal text only
    zeros_before: int  # "0" placeholders before the point: the least number of integer digits
    digits_after: int  # placeholders after the point: decimals shown at most
    zeros_after: int  # "0" placeholders after the point: decimals shown at least
    grouping: bool
    factor: Decimal  # 100 per "%", 1/1000 per "," after the last integer placeholder


@lru_cache(maxsize=256)
def _sections(code: str) -> tuple[str, ...]:
    sections, start = [], 0
    for token in _TOKEN.finditer(code):
        if token[0] == ";":
            sections.append(code[start : token.start()])
            start = token.end()
    return (*sections, code[start:])


def _literal(token: str) -> str | None:
    """The text a literal token shows, or None when the token is not a literal."""
    if token.startswith('"'):
        return token[1:-1] if token.endswith('"') and len(token) > 1 else token[1:]
    if token.startswith("\\"):
        return token[1:]
    if token.startswith("_"):
        return " "
    if token.startswith("*"):
        return ""
    if token.startswith("["):
        return token[2:].split("-")[0].rstrip("]") if token.startswith("[$") else ""
    return None


@lru_cache(maxsize=256)
def _pattern(section: str) -> _Pattern | None:
    """The parsed section, or None when it is shown as General (General, @, scientific, fractions)."""
    before = after = zeros_before = zeros_after = percent = scale = 0
    point = grouping = False
    prefix: list[str] = []
    suffix: list[str] = []
    for match in _TOKEN.finditer(section):
        token = match[0]
        literal = _literal(token)
        placed = bool(before or after or point)
        if token in ("0", "#", "?"):
            if point:
                after += 1
                zeros_after += token == "0"
            else:
                before += 1
                zeros_before += token == "0"
                scale = 0
        elif token == "." and not point:
            point = True
        elif token == "," and before and not point:
            grouping, scale = True, scale + 1
        elif token.lower() in ("general", "@", "e+", "e-", "/"):
            return None
        else:
            if token == "%":
                percent += 1
            (suffix if placed else prefix).append(token if literal is None else literal)
    factor = Decimal(100) ** min(percent, 4) / Decimal(1000) ** min(scale, 4)
    digits = bool(before or after)
    return _Pattern(
        "".join(prefix), "".join(suffix), digits, zeros_before, after, zeros_after, grouping, factor
    )


def _number(value: int | float, code: str) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value).upper()
    sections = _sections(code) if code.strip() and len(code) <= _MAX_CODE else ("General",)
    negative = value < 0
    section = sections[0]
    if negative and len(sections) > 1:
        section, negative, value = sections[1], False, -value
    elif value == 0 and len(sections) > 2:
        section = sections[2]
    pattern = _pattern(section)
    if pattern is None:
        return _general(value)
    if not pattern.digits:
        return pattern.prefix
    try:
        number = (abs(_decimal(value)) * pattern.factor).quantize(
            Decimal(1).scaleb(-pattern.digits_after), rounding=ROUND_HALF_UP
        )
    except InvalidOperation:  # beyond Decimal's precision: far outside any form's numbers
        return _general(value)
    whole, _, fraction = f"{number:f}".partition(".")
    fraction = fraction.rstrip("0").ljust(pattern.zeros_after, "0")
    whole = whole.lstrip("0").rjust(pattern.zeros_before, "0")
    if pattern.grouping and whole:
        whole = f"{int(whole):,}"
    text = (whole + ("." + fraction if fraction else "")) or "0"
    sign = "-" if negative and number != 0 else ""
    return sign + pattern.prefix + text + pattern.suffix


def _general(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return str(value).upper()
    number = _decimal(value)
    if number == number.to_integral_value() and abs(number) < Decimal("1e15"):
        return str(int(number))
    if Decimal("1e-10") <= abs(number) < Decimal("1e15"):
        return f"{number.normalize():f}"
    return f"{value:.15g}".upper()


def _decimal(value: int | float) -> Decimal:
    return Decimal(f"{value:.15g}") if isinstance(value, float) else Decimal(value)


# -- date formats ---------------------------------------------------------------------------------------

_DATE_TOKEN: Final = re.compile(
    r'"[^"]*"?|\\.|\[[^\]]*\]?|_.|\*.|y+|m+|d+|a{3,4}|h+|s+|am/pm|a/p|上午/下午|\.0+|.',
    re.IGNORECASE | re.DOTALL,
)
_AMPM: Final = {"am/pm": ("AM", "PM"), "a/p": ("A", "P"), "上午/下午": ("上午", "下午")}
_WEEKDAYS: Final = "一二三四五六日"


@lru_cache(maxsize=256)
def _date_tokens(code: str) -> tuple[tuple[str, str], ...]:
    """(kind, token) pairs: kind is the lower-cased code ("yyyy", "m", "am/pm", …) or "" for literal text."""
    tokens: list[tuple[str, str]] = []
    for match in _DATE_TOKEN.finditer(_sections(code)[0] if len(code) <= _MAX_CODE else ""):
        token = match[0]
        literal = _literal(token)
        low = token.lower()
        if literal is not None:
            tokens.append(("", literal))
        elif low[0] in "ymdhs" or low in ("aaa", "aaaa") or low in _AMPM:
            tokens.append((low, token))
        elif not low.startswith(".0"):
            tokens.append(("", token))
    return tuple(tokens)


def _date(value: datetime | date | time, code: str) -> str:
    tokens = _date_tokens(code)
    if code.strip().lower() in ("general", "@") or not any(kind for kind, _ in tokens):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    twelve = any(kind in _AMPM for kind, _ in tokens)
    day = value if isinstance(value, date) else date(1900, 1, 1)
    clock = value.time() if isinstance(value, datetime) else value if isinstance(value, time) else time()
    kinds = [kind[0] if kind else "" for kind, _ in tokens]
    out: list[str] = []
    for i, (kind, token) in enumerate(tokens):
        size = len(kind)
        if not kind:
            out.append(token)
        elif kind[0] == "y":
            out.append(f"{day.year % 100:02d}" if size <= 2 else f"{day.year:04d}")
        elif kind[0] == "m" and size <= 2 and _is_minute(kinds, i):
            out.append(f"{clock.minute:0{size}d}")
        elif kind[0] == "m":
            out.append(f"{day.month:0{size}d}" if size <= 2 else day.strftime("%B" if size == 4 else "%b"))
        elif kind[0] == "d":
            out.append(f"{day.day:0{size}d}" if size <= 2 else day.strftime("%a" if size == 3 else "%A"))
        elif kind in ("aaa", "aaaa"):
            out.append(("星期" if size == 4 else "") + _WEEKDAYS[day.weekday()])
        elif kind in _AMPM:
            out.append(_AMPM[kind][clock.hour >= 12])
        elif kind[0] == "h":
            out.append(f"{(clock.hour % 12 or 12) if twelve else clock.hour:0{min(size, 2)}d}")
        else:
            out.append(f"{clock.second:0{min(size, 2)}d}")
    return "".join(out)


def _is_minute(kinds: list[str], index: int) -> bool:
    """An m/mm means minutes right after an hour or right before a second, literal text aside."""
    before = next((k for k in reversed(kinds[:index]) if k), "")
    after = next((k for k in kinds[index + 1 :] if k), "")
    return before == "h" or after == "s"


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else type(exc).__name__
