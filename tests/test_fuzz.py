"""Property tests for the readers and a fuzz harness for the whole read → parse path.

Properties (read ∘ write recovers the cells): random cell texts and merges rendered into a minimal .docx
(`docxbuild`) and into an .xlsx (openpyxl), random rows rendered as a text dump in random encodings and line
ends, random numbers through number formats.

Fuzzing: the samples mutated (bit flips, truncation, chunk duplication and deletion, inserted bytes) as
whole files, as the .docx/.xlsx's main XML part re-zipped, and as XML trees (elements dropped, duplicated
or given odd attribute values); `parse_bytes` must give a Filing or a PerfformError, never anything else.
The OLE2 reader gets the same byte mutations of the sample .doc.

Each quick test pins its example count (the whole file stays under ~30 s with the default "ci" profile);
the `slow` variants take theirs from the profile: `make fuzz` runs them with the "long" one.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import zipfile
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from docxbuild import docx, p, r, tbl, tc, tr
from perfform.errors import PerfformError, UnreadableInput
from perfform.grid import Grid, Table
from perfform.model import Filing
from perfform.parser import parse_bytes
from perfform.readers import sniff
from perfform.readers.docx import read_docx
from perfform.readers.ole2 import CompoundFile
from perfform.readers.text import read_text
from perfform.readers.xlsx import format_value, read_xlsx
from test_reader_xlsx import xlsx_from_grid

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

Spec = tuple[int, int, int, bool, str]
"""(col, colspan, rowspan, merged, text) of one cell, as the grid holds it."""


# --- random grids -----------------------------------------------------------------------------------------

# Text a cell can hold in all three formats: no control characters (XML cannot carry most of them, and
# line breaks separate paragraphs), no surrogates or unassigned code points.
_CHARS = st.characters(exclude_categories=("Cc", "Cs", "Cn"))
_LINE = st.text(_CHARS, max_size=8)
_TEXT = st.lists(_LINE, min_size=1, max_size=3).map("\n".join)


@st.composite
def grids(draw: st.DrawFn, max_side: int = 5) -> tuple[int, list[tuple[int, int, int, int, str]]]:
    """(rows, [(row, col, rowspan, colspan, text)]): a random grid tiled by cells, some merged."""
    rows = draw(st.integers(1, max_side))
    cols = draw(st.integers(1, max_side))
    taken = [[False] * cols for _ in range(rows)]
    cells = []
    for row in range(rows):
        for col in range(cols):
            if taken[row][col]:
                continue
            widest = (
                next((w for w in range(1, cols - col + 1) if taken[row][col + w - 1]), cols - col + 1) - 1
            )
            width = draw(st.integers(1, max(widest, 1)))
            tallest = 1
            while row + tallest < rows and not any(taken[row + tallest][col : col + width]):
                tallest += 1
            height = draw(st.integers(1, tallest))
            for r_ in range(row, row + height):
                for c_ in range(col, col + width):
                    taken[r_][c_] = True
            cells.append((row, col, height, width, draw(_TEXT)))
    return rows, cells


def expected_rows(rows: int, cells: list[tuple[int, int, int, int, str]]) -> list[list[Spec]]:
    out: list[list[Spec]] = [[] for _ in range(rows)]
    for row, col, height, width, text in cells:
        out[row].append((col, width, height, False, text))
        for below in range(row + 1, row + height):
            out[below].append((col, width, 1, True, ""))
    return [sorted(specs) for specs in out]


def specs_of(table: Table) -> list[list[Spec]]:
    return [[(c.col or 0, c.colspan, c.rowspan, c.merged, c.text) for c in row.cells] for row in table.rows]


def docx_of(rows: int, cells: list[tuple[int, int, int, int, str]]) -> bytes:
    xml_rows = []
    for specs in expected_rows(rows, cells):
        xml_cells = []
        for col, width, height, merged, text in specs:
            props = (f'<w:gridSpan w:val="{width}"/>' if width > 1 else "") + (
                "<w:vMerge/>" if merged else '<w:vMerge w:val="restart"/>' if height > 1 else ""
            )
            paragraphs = [p(r(line)) for line in text.split("\n")] if not merged else []
            xml_cells.append(tc(*paragraphs, props=props))
            del col
        xml_rows.append(tr(*xml_cells))
    return docx(tbl(*xml_rows))


# --- read ∘ write: .docx, .xlsx, text dumps ---------------------------------------------------------------


def check_docx_round_trip(grid: tuple[int, list[tuple[int, int, int, int, str]]]) -> None:
    rows, cells = grid
    tables = [b for b in read_docx(docx_of(rows, cells)).body if isinstance(b, Table)]
    assert len(tables) == 1
    assert specs_of(tables[0]) == expected_rows(rows, cells)


@settings(max_examples=80)
@given(grids())
def test_docx_read_recovers_cells_and_merges(grid: tuple[int, list[tuple[int, int, int, int, str]]]) -> None:
    check_docx_round_trip(grid)


@pytest.mark.slow
@SLOW
@given(grids(max_side=12))
def test_docx_read_recovers_cells_and_merges_long(
    grid: tuple[int, list[tuple[int, int, int, int, str]]],
) -> None:
    check_docx_round_trip(grid)


def xlsx_of(cells: list[tuple[int, int, int, int, str]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row, col, height, width, text in cells:
        cell = sheet.cell(row + 1, col + 1, text or None)
        if text:
            cell.data_type = "s"  # "=0" is text here, not a formula
        if height > 1 or width > 1:
            sheet.merge_cells(
                start_row=row + 1, start_column=col + 1, end_row=row + height, end_column=col + width
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def check_xlsx_round_trip(grid: tuple[int, list[tuple[int, int, int, int, str]]]) -> None:
    rows, cells = grid
    used = [(row, col, row + h - 1, col + w - 1) for row, col, h, w, text in cells if text or h > 1 or w > 1]
    tables = [b for b in read_xlsx(xlsx_of(cells)).body if isinstance(b, Table)]
    if not used:
        assert tables == []
        return
    top, left = min(u[0] for u in used), min(u[1] for u in used)
    bottom, right = max(u[2] for u in used), max(u[3] for u in used)
    expected = [
        [s for s in specs if left <= s[0] <= right] for specs in expected_rows(rows, cells)[top : bottom + 1]
    ]
    assert len(tables) == 1
    assert specs_of(tables[0]) == expected


@settings(max_examples=50)
@given(grids())
def test_xlsx_read_recovers_cells_and_merges(grid: tuple[int, list[tuple[int, int, int, int, str]]]) -> None:
    check_xlsx_round_trip(grid)


@pytest.mark.slow
@SLOW
@given(grids(max_side=12))
def test_xlsx_read_recovers_cells_and_merges_long(
    grid: tuple[int, list[tuple[int, int, int, int, str]]],
) -> None:
    check_xlsx_round_trip(grid)


# The text reader takes private-use characters and U+FFFD as signs of binary data: none in a dump.
_DUMP_CHARS = st.characters(exclude_categories=("Cc", "Cs", "Cn", "Co"), exclude_characters="\ufffd")
_FIELD = st.text(_DUMP_CHARS, max_size=8)
_MORE = st.text(_DUMP_CHARS, min_size=1, max_size=8).filter(lambda s: not s.isspace())
_CELL = st.tuples(_FIELD, st.lists(_MORE, max_size=2)).map(lambda t: "\n".join([t[0], *t[1]]))
_ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-be"]


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-be":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode(encoding)


def check_text_round_trip(rows: list[list[str]], encoding: str, newline: str) -> None:
    lines = []
    for row in rows:
        for cell in row:
            lines.append("\t" + cell)
        lines.append("")
    data = encode(newline.join(lines), encoding)
    if encoding == "gb18030":  # bytes that are also valid UTF-8 are read as UTF-8, by design
        with contextlib.suppress(UnicodeDecodeError):
            assume(data.decode("utf-8") == newline.join(lines))
    grid = read_text(data)
    assert len(grid.body) == 1 and isinstance(grid.body[0], Table)
    assert [row.texts() for row in grid.body[0].rows] == rows


@settings(max_examples=100)
@given(
    st.lists(st.lists(_CELL, min_size=1, max_size=5), min_size=1, max_size=6),
    st.sampled_from(_ENCODINGS),
    st.sampled_from(["\n", "\r\n"]),
)
def test_text_read_recovers_cells_in_any_encoding(rows: list[list[str]], encoding: str, newline: str) -> None:
    check_text_round_trip(rows, encoding, newline)


@pytest.mark.slow
@SLOW
@given(
    st.lists(st.lists(_CELL, min_size=1, max_size=10), min_size=1, max_size=30),
    st.sampled_from(_ENCODINGS),
    st.sampled_from(["\n", "\r\n"]),
)
def test_text_read_recovers_cells_in_any_encoding_long(
    rows: list[list[str]], encoding: str, newline: str
) -> None:
    check_text_round_trip(rows, encoding, newline)


@settings(max_examples=200)
@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_numbers_show_as_typed(number: Decimal) -> None:
    value = float(number)
    assert format_value(value, "0.00") == f"{number:.2f}"
    typed = format(number.normalize(), "f")
    assert format_value(value, "General") == ("0" if number == 0 else typed)
    assert format_value(value / 100, "0.00%") == f"{number:.2f}%"


# --- fuzzing --------------------------------------------------------------------------------------------

_POSITION = st.floats(0, 1, exclude_max=True)
_MUTATION = st.one_of(
    st.tuples(st.just("flip"), _POSITION, st.integers(0, 7)),
    st.tuples(st.just("truncate"), _POSITION),
    st.tuples(st.just("duplicate"), _POSITION, st.integers(1, 4096), _POSITION),
    st.tuples(st.just("delete"), _POSITION, st.integers(1, 4096)),
    st.tuples(st.just("insert"), _POSITION, st.binary(min_size=1, max_size=32)),
)


def mutate(data: bytes, mutations: list[tuple[Any, ...]]) -> bytes:
    out = bytearray(data)
    for kind, where, *rest in mutations:
        at = int(where * len(out)) if out else 0
        if kind == "flip" and out:
            out[at] ^= 1 << rest[0]
        elif kind == "truncate":
            del out[at:]
        elif kind == "duplicate":
            chunk = out[at : at + rest[0]]
            target = int(rest[1] * len(out))
            out[target:target] = chunk
        elif kind == "delete":
            del out[at : at + rest[0]]
        elif kind == "insert":
            out[at:at] = rest[0]
    return bytes(out)


def parses_or_refuses(data: bytes) -> None:
    """The harness's one assertion: a Filing or a PerfformError with a one-line message, nothing else."""
    try:
        result = parse_bytes(data)
    except PerfformError as exc:
        assert exc.message and "\n" not in exc.message
        return
    assert isinstance(result, Filing)


@cache
def sample(name: str) -> bytes:
    if name.endswith(".xlsx"):
        return xlsx_from_grid(read_docx(sample(name.replace(".xlsx", ".docx"))))
    return (SAMPLES / name).read_bytes()


def rezip(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info.filename, change(content) if info.filename == part else content)
    return out.getvalue()


_DOCX = st.sampled_from(["wuchang-2020/form.docx", "qingshan-2022/form.docx"])
_DUMPS = st.sampled_from(["wuchang-2020/form.txt", "qingshan-2022/form.txt"])
_XLSX = st.sampled_from(["wuchang-2020/form.xlsx", "qingshan-2022/form.xlsx"])
_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/worksheets/sheet1.xml"}
_FEW = st.lists(_MUTATION, min_size=1, max_size=3)
_MANY = st.lists(_MUTATION, min_size=1, max_size=30)


@settings(max_examples=100)
@given(_DOCX, _FEW)
def test_fuzz_docx_bytes(name: str, mutations: list[tuple[Any, ...]]) -> None:
    parses_or_refuses(mutate(sample(name), mutations))


@settings(max_examples=120)
@given(st.one_of(_DOCX, _XLSX), _FEW)
def test_fuzz_main_xml_part(name: str, mutations: list[tuple[Any, ...]]) -> None:
    part = _MAIN_PART[name.rsplit(".", 1)[1]]
    parses_or_refuses(rezip(sample(name), part, lambda xml: mutate(xml, mutations)))


@settings(max_examples=200)
@given(_DUMPS, _FEW)
def test_fuzz_text_dumps(name: str, mutations: list[tuple[Any, ...]]) -> None:
    parses_or_refuses(mutate(sample(name), mutations))


@settings(max_examples=80)
@given(_XLSX, _FEW)
def test_fuzz_xlsx_bytes(name: str, mutations: list[tuple[Any, ...]]) -> None:
    parses_or_refuses(mutate(sample(name), mutations))


_ODD_VALUES = st.sampled_from(["0", "-1", "9999999999", "restart", "continue", "", "x", "1.5", "63", "64"])
_TREE_EDIT = st.tuples(
    st.sampled_from(["drop", "duplicate", "value", "move"]), _POSITION, _ODD_VALUES, _POSITION
)


def edit_tree(xml: bytes, edits: list[tuple[str, float, str, float]]) -> bytes:
    """Structure-aware mutations: drop, duplicate or move an element, or set its w:val (or its text)."""
    root = etree.fromstring(xml)
    for kind, where, value, there in edits:
        elements = [e for e in root.iter() if e.getparent() is not None and isinstance(e.tag, str)]
        if not elements:
            break
        element = elements[int(where * len(elements))]
        parent = element.getparent()
        assert parent is not None
        if kind == "drop":
            parent.remove(element)
        elif kind == "duplicate":
            element.addnext(etree.fromstring(etree.tostring(element)))
        elif kind == "value":
            if element.get(W + "val") is not None or not len(element):
                element.set(W + "val", value)
            else:
                element.text = value
        else:
            target = elements[int(there * len(elements))]
            if element not in target.iterancestors() and target is not element:
                target.addnext(element)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


@settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCX, st.lists(_TREE_EDIT, min_size=1, max_size=6))
def test_fuzz_docx_tree(name: str, edits: list[tuple[str, float, str, float]]) -> None:
    parses_or_refuses(rezip(sample(name), "word/document.xml", lambda xml: edit_tree(xml, edits)))


_DOC_HEAD = st.lists(
    st.one_of(
        st.tuples(st.just("flip"), st.floats(0, 0.05, exclude_max=True), st.integers(0, 7)),
        st.tuples(st.just("truncate"), _POSITION),
        st.tuples(st.just("duplicate"), st.floats(0, 0.05), st.integers(1, 512), _POSITION),
    ),
    min_size=1,
    max_size=4,
)


def check_ole2(data: bytes) -> None:
    """The OLE2 path short of LibreOffice: sniff never raises, the reader raises only UnreadableInput."""
    kind = sniff(data)
    try:
        compound = CompoundFile(data)
    except UnreadableInput as exc:
        assert exc.message.startswith("corrupt OLE2 compound file: ") and "\n" not in exc.message
        assert kind == "ole2" or not data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
        return
    for entry in compound.entries:
        assert len(compound.head(entry, 16)) <= 16
    try:
        compound.verify()
    except UnreadableInput as exc:
        assert exc.message.startswith("corrupt OLE2 compound file: ") and "\n" not in exc.message
    if kind != "doc":
        parses_or_refuses(data)


@settings(max_examples=200)
@given(_DOC_HEAD)
def test_fuzz_ole2_directory(mutations: list[tuple[Any, ...]]) -> None:
    check_ole2(mutate(sample("wuchang-2020/form.doc"), mutations))


@settings(max_examples=100)
@given(st.binary(max_size=2048))
def test_fuzz_random_bytes(data: bytes) -> None:
    parses_or_refuses(data)
    parses_or_refuses(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + data
        if sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + data) != "doc"
        else b""
    )


# The long variants: more and bigger mutations, example counts from the profile.


@pytest.mark.slow
@SLOW
@given(st.one_of(_DOCX, _XLSX, _DUMPS), _MANY)
def test_fuzz_bytes_long(name: str, mutations: list[tuple[Any, ...]]) -> None:
    parses_or_refuses(mutate(sample(name), mutations))


@pytest.mark.slow
@SLOW
@given(st.one_of(_DOCX, _XLSX), _MANY)
def test_fuzz_main_xml_part_long(name: str, mutations: list[tuple[Any, ...]]) -> None:
    part = _MAIN_PART[name.rsplit(".", 1)[1]]
    parses_or_refuses(rezip(sample(name), part, lambda xml: mutate(xml, mutations)))


@pytest.mark.slow
@SLOW
@given(_DOCX, st.lists(_TREE_EDIT, min_size=1, max_size=25))
def test_fuzz_docx_tree_long(name: str, edits: list[tuple[str, float, str, float]]) -> None:
    parses_or_refuses(rezip(sample(name), "word/document.xml", lambda xml: edit_tree(xml, edits)))


@pytest.mark.slow
@SLOW
@given(_DOC_HEAD)
def test_fuzz_ole2_directory_long(mutations: list[tuple[Any, ...]]) -> None:
    check_ole2(mutate(sample("wuchang-2020/form.doc"), mutations))


@pytest.mark.slow
@settings(max_examples=8, deadline=None)
@given(
    st.lists(
        st.tuples(st.just("flip"), st.floats(0.05, 1, exclude_max=True), st.integers(0, 7)),
        min_size=1,
        max_size=8,
    )
)
def test_fuzz_doc_through_libreoffice(mutations: list[tuple[Any, ...]]) -> None:
    from perfform.readers.doc import find_soffice, read_doc

    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    data = mutate(sample("wuchang-2020/form.doc"), mutations)
    try:
        grid = read_doc(data, timeout=20)
    except PerfformError as exc:
        assert "\n" not in exc.message
        return
    assert isinstance(grid, Grid)
