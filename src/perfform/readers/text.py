"""Reader for tab-indented text dumps of a Word form (Apache Tika's plain-text output).

Two layouts exist (docs/form-guide.md §4); `detect_layout` picks one from the whole text:

- "cells": one cell per TAB-led line, a cell's later paragraphs on following lines without a TAB, each row
  ended by an empty line, an empty cell is a line holding only a TAB. Only plain lines split tables.
- "rows": one row per TAB-led line (`\\tA\\tB\\tC`), a cell's later paragraphs on lines without a TAB, the
  next cell on a new TAB-led line; an empty line ends the table.

In the rows layout a TAB-led line after continuation lines is either the rest of the row or the next row:
it starts a new row when its first field is empty (a vertical-merge continuation) or a section label
(`ROW_OPENER`), as the form's rows nearly always start that way; otherwise it continues the row.

In both layouts, spaces before a line's first TAB (" \\t部门名称") are text from outside a table printed just
before the table's first cell, so such a line starts a new table. Columns are unknown: `Cell.col` is None and
`Ref.column` is the field number within the row.
"""

from __future__ import annotations

import codecs
import re
from typing import Final, Literal

from charset_normalizer import from_bytes

from perfform.errors import UnreadableInput
from perfform.grid import Block, Cell, Grid, Paragraph, Ref, Row, Table

Layout = Literal["auto", "cells", "rows"]
DEFAULT_MAX_BYTES: Final = 256 * 2**10

ROW_OPENER: Final = re.compile(
    r"(部门(单位)?名称|单位名称|填报人|部门总体资金情况|部门职能概述|年度工作任务|整体绩效目标"
    r"|(中长期|长期|年度)目标[0-9０-９一二三四五六七八九十]+|长期绩效目标|年度绩效目标|备注|.*绩效目标表)"
)
"""Matched at the start of a field with whitespace, colons and brackets removed."""

_KEY_NOISE: Final = re.compile(r"[\s:：()（）]+")
_STRAY: Final = " \u00a0\u3000"
# C0/C1 controls other than TAB, LF, VT, FF, CR; replacement characters; private use.
_SUSPICIOUS: Final = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")
_MAX_SUSPICIOUS_SHARE: Final = 0.05
_BINARY: Final = "binary data, not a text dump"

_BLANK: Final = 0
_TAB: Final = 1
_PLAIN: Final = 2
_Line = tuple[int, str, bool]
"""(kind, body, stray): body is the text after the first TAB for TAB-led lines, else the whole line."""


def read_text(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, layout: Layout = "auto") -> Grid:
    """Read a text dump into a `Grid`; raises `UnreadableInput` for anything that is not one."""
    if layout not in ("auto", "cells", "rows"):
        raise ValueError(f"layout must be 'auto', 'cells' or 'rows', not {layout!r}")
    if len(data) > max_bytes:
        raise UnreadableInput(f"text dump of {len(data)} bytes is over the limit of {max_bytes} bytes")
    if not data:
        raise UnreadableInput("empty file")
    text, encoding = decode(data)
    grid = parse_text(text, layout=layout, encoding=encoding)
    if not grid.body:
        raise UnreadableInput("empty file: nothing but whitespace")
    return grid


def decode(data: bytes) -> tuple[str, str]:
    """Decode a dump: UTF-8 (BOM or not), UTF-16 with BOM, GB18030, else a charset-normalizer guess.

    Returns (text, encoding name); raises `UnreadableInput` for binary data.
    """
    text: str | None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        text = _strict(data[2:], encoding)
        if text is None:
            raise UnreadableInput(f"invalid {encoding.upper()} after a UTF-16 byte-order mark")
    elif b"\x00" in data:
        raise UnreadableInput(_BINARY)
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
        text = _strict(data[len(codecs.BOM_UTF8) :], "utf-8")
        if text is None:
            raise UnreadableInput("invalid UTF-8 after a UTF-8 byte-order mark")
    else:
        encoding = "utf-8"
        text = _strict(data, encoding)
        if text is None:
            encoding = "gb18030"
            text = _strict(data, encoding)
        if text is None:
            text, encoding = _guess(data)
    if len(text) - len(_SUSPICIOUS.sub("", text)) > _MAX_SUSPICIOUS_SHARE * len(text):
        raise UnreadableInput(_BINARY)
    return text, encoding


def detect_layout(text: str) -> Literal["cells", "rows"]:
    """The dump's layout: "rows" when TAB-led lines holding several fields outnumber row-separating
    empty lines (an empty line between TAB-led lines), else "cells"."""
    return _detect([_classify(line) for line in _split_lines(text)])


def parse_text(text: str, *, layout: Layout = "auto", encoding: str | None = None) -> Grid:
    """Build the grid of decoded dump text (no size or emptiness checks)."""
    lines = [_classify(line) for line in _split_lines(text)]
    chosen = _detect(lines) if layout == "auto" else layout
    builder = _Builder()
    if chosen == "cells":
        _parse_cells(lines, builder)
    else:
        _parse_rows(lines, builder)
    builder.close_table()
    return Grid(format="text", body=builder.blocks, encoding=encoding)


def opens_row(field: str) -> bool:
    """Whether a rows-layout field after a multi-paragraph cell starts a new row (see module doc)."""
    key = _KEY_NOISE.sub("", field)
    return not key or ROW_OPENER.match(key) is not None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _guess(data: bytes) -> tuple[str, str]:
    try:
        best = from_bytes(data).best()
        if best is None:
            raise UnreadableInput(_BINARY)
        return str(best), str(best.encoding)
    except UnreadableInput:
        raise
    except Exception as exc:  # a third-party guesser's failure on odd bytes is still just unreadable input
        raise UnreadableInput(_BINARY) from exc


def _split_lines(text: str) -> list[str]:
    # Not str.splitlines: it also breaks at VT, FF, U+2028 … which a dump keeps inside cell text.
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _classify(line: str) -> _Line:
    if line[:1] == "\t":  # most lines: a cell
        return _TAB, line[1:], False
    head, tab, body = line.partition("\t")
    if not tab:
        return (_BLANK, "", False) if not line or line.isspace() else (_PLAIN, line, False)
    if head.strip(_STRAY):
        return _PLAIN, line, False
    return _TAB, body, bool(head)


def _detect(lines: list[_Line]) -> Literal["cells", "rows"]:
    multi = separators = 0
    in_table = after_table = False
    for kind, body, _ in lines:
        if kind == _TAB:
            multi += "\t" in body
            separators += after_table
            in_table, after_table = True, False
        elif kind == _BLANK:
            after_table = after_table or in_table
            in_table = False
        else:
            after_table = False
    return "rows" if multi > separators else "cells"


def _parse_cells(lines: list[_Line], b: _Builder) -> None:
    for number, (kind, body, stray) in enumerate(lines, 1):
        if kind == _TAB:
            if stray:
                b.close_table()
            if b.row is None:
                b.start_row(number)
            b.add_cell(body, number)
        elif kind == _PLAIN:
            if b.cell is None:
                b.paragraph(body, number)
            else:
                b.continue_cell(body)
        else:
            b.close_row()


def _parse_rows(lines: list[_Line], b: _Builder) -> None:
    continued = False  # the row's last cell has continuation lines: the next TAB-led line is ambiguous
    for number, (kind, body, stray) in enumerate(lines, 1):
        if kind == _TAB:
            fields = body.split("\t")
            if stray:
                b.close_table()
            if b.row is None or not continued or opens_row(fields[0]):
                b.start_row(number)
            b.add_cells(fields, number)
            continued = False
        elif kind == _PLAIN:
            if b.cell is None:
                b.paragraph(body, number)
            else:
                b.continue_cell(body)
                continued = True
        else:
            b.close_table()
            continued = False


class _Builder:
    """Collects blocks; the open cell's continuation lines are joined to its text when it closes."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.tables = 0
        self.table: Table | None = None
        self.row: Row | None = None
        self.cell: Cell | None = None
        self.paragraphs: list[str] = []
        """The open cell's text and continuation lines, once it has any."""

    def paragraph(self, text: str, line: int) -> None:
        self.close_table()
        self.blocks.append(Paragraph(text, Ref("body", None, None, None, line)))

    def start_row(self, line: int) -> None:
        self.close_row()
        if self.table is None:
            self.tables += 1
            self.table = Table([], Ref("body", self.tables, None, None, line))
            self.blocks.append(self.table)
        self.row = Row([], Ref("body", self.tables, len(self.table.rows) + 1, None, line))
        self.table.rows.append(self.row)

    def add_cell(self, text: str, line: int) -> None:
        row = self.row
        assert row is not None
        if self.paragraphs:
            self.join_paragraphs()
        cells = row.cells
        self.cell = cell = Cell(text, Ref("body", self.tables, row.ref.row, len(cells) + 1, line))
        cells.append(cell)

    def add_cells(self, texts: list[str], line: int) -> None:
        """`add_cell` for each text, all starting on `line`."""
        row = self.row
        assert row is not None
        if self.paragraphs:
            self.join_paragraphs()
        cells = row.cells
        table, number = self.tables, row.ref.row
        first = len(cells) + 1
        cells += [
            Cell(text, Ref("body", table, number, column, line)) for column, text in enumerate(texts, first)
        ]
        self.cell = cells[-1]

    def continue_cell(self, text: str) -> None:
        assert self.cell is not None
        if not self.paragraphs:
            self.paragraphs.append(self.cell.text)
        self.paragraphs.append(text)

    def join_paragraphs(self) -> None:
        """The open cell's text with its continuation lines."""
        assert self.cell is not None
        self.cell.text = "\n".join(self.paragraphs)
        self.paragraphs = []

    def close_cell(self) -> None:
        if self.paragraphs:
            self.join_paragraphs()
        self.cell = None

    def close_row(self) -> None:
        self.close_cell()
        self.row = None

    def close_table(self) -> None:
        self.close_row()
        self.table = None
