"""Hostile and broken inputs: each gives PF001/PF002 with a one-line reason, in under 2 s and 300 MB.

Every input is built in the test. Each case runs in a forked child (`run_bounded`), so that its wall time and
peak memory (the child's peak RSS over what it inherited, C allocations of lxml and zlib included) are its
own, a crash cannot take pytest down, and a runaway case is killed instead of waited for. The last tests put
all the cases and the good samples in one folder and parse each file: a filing or a PerfformError, never
another exception.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import resource
import select
import signal
import struct
import time
import traceback
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from docxbuild import document_xml, docx, p, part_xml, tbl, tc, tr
from perfform.errors import NotAFiling, PerfformError, UnreadableInput
from perfform.parser import parse_bytes, parse_file
from perfform.readers import DEFAULT_MAX_TEXT_BYTES, MAX_ZIP_ENTRIES
from perfform.readers.docx import read_docx
from perfform.readers.text import read_text
from perfform.readers.xlsx import MAX_ELEMENTS, MAX_GRID_CELLS, MAX_OTHER_ELEMENTS, MAX_RANGE_CELLS
from test_reader_xlsx import minimal_xlsx, xlsx_from_grid
from test_sniff import build_ole2, set_word_encrypted

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
WUCHANG = SAMPLES / "wuchang-2020"
SECONDS = 2.0
MEGABYTES = 300
SECRET = "perfform-secret-7f3a9c"

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or not Path("/proc/self/statm").exists(), reason="Linux"
)


# --- running one case in a child ------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    result: str
    """"Filing" (or another return type's name), an exception class name, or "killed"."""
    code: str | None
    message: str
    seconds: float
    megabytes: float

    def __str__(self) -> str:
        return f"{self.result} {self.code} in {self.seconds:.2f} s, {self.megabytes:+.0f} MB: {self.message[:300]}"


def _rss() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def run_bounded(func: Callable[[], object], seconds: float = SECONDS) -> Outcome:
    """Run `func` in a forked child and measure it there: wall time, and peak RSS over the child's RSS when
    it started. The child is killed after 1.5 × `seconds`, and has at most 2 GB more address space."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(reader)
            with open("/proc/self/statm", encoding="ascii") as statm:
                vm = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
            resource.setrlimit(resource.RLIMIT_AS, (vm + 2 * 2**30, resource.RLIM_INFINITY))
            base = _rss()
            start = time.perf_counter()
            try:
                value = func()
                report: list[object] = [type(value).__name__, None, ""]
            except PerfformError as exc:
                report = [type(exc).__name__, exc.code, exc.message]
            except BaseException as exc:
                report = [type(exc).__name__, None, "".join(traceback.format_exception(exc))[-3000:]]
            elapsed = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
            report += [elapsed, (peak - base) / 2**20]
            with os.fdopen(writer, "w", encoding="utf-8") as pipe:
                json.dump(report, pipe)
        finally:
            os._exit(0)
    os.close(writer)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 1.5 * seconds
    killed = False
    with os.fdopen(reader, "rb") as pipe:
        while True:
            ready, _, _ = select.select([pipe], [], [], max(deadline - time.monotonic(), 0))
            if not ready:
                os.kill(pid, signal.SIGKILL)  # our own child
                killed = True
                break
            chunk = os.read(pipe.fileno(), 65536)
            if not chunk:
                break
            chunks.append(chunk)
    os.waitpid(pid, 0)
    if killed or not chunks:
        why = f"killed after {1.5 * seconds:g} s" if killed else "the child died without a report"
        return Outcome("killed", None, why, 1.5 * seconds, 0.0)
    result, code, message, elapsed, megabytes = json.loads(b"".join(chunks))
    return Outcome(result, code, message, elapsed, megabytes)


# --- building hostile inputs ----------------------------------------------------------------------------


def deflated_zeros(size: int, chunk: int = 2**20) -> bytes:
    """A raw deflate stream of `size` zero bytes (a multiple of `chunk`), built without compressing it all:
    one fully flushed block of `chunk` zeros repeated, then an empty final block."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(chunk)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block * (size // chunk) + zlib.compressobj(9, zlib.DEFLATED, -15).flush()


def raw_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip written by hand: (name, raw deflate stream, declared uncompressed size, CRC-32)."""
    local, central = b"", b""
    for name, stream, size, crc in members:
        encoded = name.encode()
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(stream), size, len(encoded), 0
        )
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(stream), size, len(encoded),
            0, 0, 0, 0, 0, len(local),
        ) + encoded  # fmt: skip
        local += header + encoded + stream
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(local), 0)
    return local + central + end


def with_encryption_flag(data: bytes) -> bytes:
    """The zip with the "encrypted" flag set on every member, in the local and the central headers."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    for info in infos:
        out[info.header_offset + 6] |= 1
    at = data.rindex(b"PK\x05\x06")
    offset = struct.unpack_from("<I", data, at + 16)[0]
    for _ in infos:
        out[offset + 8] |= 1
        names, extra, comment = struct.unpack_from("<HHH", data, offset + 28)
        offset += 46 + names + extra + comment
    return bytes(out)


def billion_laughs(root: str) -> str:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{"&lol" + str(i - 1) + ";" * 1}' + f"&lol{i - 1};" * 9 + '">' for i in range(1, 10)
    )
    return f'<?xml version="1.0"?><!DOCTYPE {root} [{entities}]>'


def external_entity(root: str, secret_file: Path) -> str:
    return f'<?xml version="1.0"?><!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file://{secret_file}">]>'


def docx_with_document(xml: str) -> bytes:
    return docx(document=xml)


def nested_tables(depth: int) -> str:
    inner = p("最里面")
    for _ in range(depth):
        inner = tbl(tr(tc(inner)))
    return inner


def secret_file(folder: Path) -> Path:
    path = folder / "secret.txt"
    path.write_text(f"{SECRET}\nroot:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    return path


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    build: Callable[[Path], bytes]
    error: type[PerfformError]
    says: str


# The bombs inflate to 1 GiB of zeros; their CRC is 0, so a reader that reads one to its end notices.
def _bomb_docx(_: Path) -> bytes:
    return raw_zip([("word/document.xml", deflated_zeros(2**30), 2**30, 0)])


def _lying_docx(_: Path) -> bytes:
    return raw_zip([("word/document.xml", deflated_zeros(2**30), 100_000, 0)])


def _lying_xlsx(_: Path) -> bytes:
    workbook = b"<workbook/>"
    return raw_zip([
        ("xl/workbook.xml", zlib.compress(workbook)[2:-4], len(workbook), zlib.crc32(workbook)),
        ("xl/worksheets/sheet1.xml", deflated_zeros(2**30), 100_000, 0),
    ])  # fmt: skip


def _many_members(_: Path) -> bytes:
    return raw_zip([(f"word/m{i}.xml", b"\x03\x00", 0, 0) for i in range(MAX_ZIP_ENTRIES + 1)])


def _xxe_docx(folder: Path) -> bytes:
    prolog = external_entity("w:document", secret_file(folder))
    return docx_with_document(prolog + document_xml(p("&xxe;")).split("?>", 1)[1])


def _xxe_docx_header(folder: Path) -> bytes:
    prolog = external_entity("w:hdr", secret_file(folder))
    evil = prolog + part_xml(p("&xxe;"), "hdr").split("?>", 1)[1]
    return docx(p("正文"), headers=[p("页眉")], parts={"word/header1.xml": evil})


def _external_dtd_docx(folder: Path) -> bytes:
    dtd = folder / "evil.dtd"
    dtd.write_text(f'<!ENTITY % file SYSTEM "file://{secret_file(folder)}">', encoding="utf-8")
    prolog = f'<?xml version="1.0"?><!DOCTYPE w:document SYSTEM "file://{dtd}">'
    return docx_with_document(prolog + document_xml(p("x")).split("?>", 1)[1])


def _laughs_docx(_: Path) -> bytes:
    return docx_with_document(billion_laughs("w:document") + document_xml(p("&lol9;")).split("?>", 1)[1])


def _laughs_xlsx(_: Path) -> bytes:
    sheet = minimal_xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>')
    return _replace_part(
        sheet, "xl/worksheets/sheet1.xml", lambda xml: billion_laughs("worksheet") + xml.split("?>", 1)[1]
    )


def _xxe_xlsx(folder: Path) -> bytes:
    prolog = external_entity("sst", secret_file(folder))
    book = minimal_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', strings=("&xxe;",))
    return _replace_part(book, "xl/sharedStrings.xml", lambda xml: prolog + xml.split("?>", 1)[1])


def _replace_part(data: bytes, name: str, change: Callable[[str], str]) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            target.writestr(
                info.filename, change(content.decode()).encode() if info.filename == name else content
            )
    return out.getvalue()


def _deep_xml_xlsx(_: Path) -> bytes:
    return minimal_xlsx(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>',
        after="<x>" * 40_000 + "</x>" * 40_000,
    )


def _merge_bomb_xlsx(_: Path) -> bytes:
    return minimal_xlsx("", after='<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')


def _hyperlink_bomb_xlsx(_: Path) -> bytes:
    return minimal_xlsx("", after='<hyperlinks><hyperlink ref="A1:XFD1048576" display="x"/></hyperlinks>')


def _element_bomb_xlsx(_: Path) -> bytes:
    rows = "".join(f'<row r="{r}">' + '<c s="0"/>' * 100 + "</row>" for r in range(1, 3001))
    return minimal_xlsx(rows)


def _densest_xlsx(_: Path) -> bytes:
    """Cells as many as the used-area cap allows, each a number to format."""
    row = "".join(f'<c t="n"><v>{c}.5</v></c>' for c in range(50))
    return minimal_xlsx("".join(f"<row>{row}</row>" for _ in range(MAX_GRID_CELLS // 50 - 100)))


def _style_bloat_xlsx(styles: int) -> Callable[[Path], bytes]:
    """Cell styles by the thousand (the "style bloat" some tools leave behind): openpyxl's slowest part."""
    rnd = random.Random(styles)
    numfmts = tuple(rnd.choice((0, 1, 2, 9, 10, 14, 31, 58)) for _ in range(styles))
    return lambda _: minimal_xlsx('<row r="1"><c r="A1" s="1"><v>1</v></c></row>', numfmts=numfmts)


def _worst_xlsx(_: Path) -> bytes:
    """Empty styled cells up to the element cap plus merged cells up to the range cap."""
    rnd = random.Random(2)
    per_row = 20
    rows = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{chr(65 + c)}{r}" s="{rnd.randint(0, 3)}"/>' for c in range(per_row))
        + "</row>"
        for r in range(1, (MAX_ELEMENTS - 2000) // (per_row + 1))
    )
    merges = "".join(f'<mergeCell ref="A{r}:AX{r + 1}"/>' for r in range(1, MAX_RANGE_CELLS // 50, 2))
    return minimal_xlsx(rows, numfmts=(0, 1, 2, 9), after=f"<mergeCells>{merges}</mergeCells>")


def _area_bomb_xlsx(_: Path) -> bytes:
    return minimal_xlsx(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>y</t></is></c></row>'
    )


def _dense_paragraphs(size: int) -> str:
    rnd = random.Random(size)
    return "".join(f'<w:p w:rsidR="{rnd.getrandbits(32):08X}"/>' for _ in range(size // 25))


def _dense_cells(size: int) -> str:
    rnd = random.Random(size)
    cells = [f'<w:tc><w:p w:rsidR="{rnd.getrandbits(32):08X}"/></w:tc>' for _ in range(size // 39)]
    return (
        "<w:tbl>"
        + "".join("<w:tr>" + "".join(cells[i : i + 20]) + "</w:tr>" for i in range(0, len(cells), 20))
        + "</w:tbl>"
    )


def _random_bytes(size: int) -> Callable[[Path], bytes]:
    return lambda _: random.Random(size).randbytes(size)


def _doc(_: Path) -> bytes:
    return (WUCHANG / "form.doc").read_bytes()


CASES = [
    Case("empty file", "empty.docx", lambda _: b"", UnreadableInput, r"^empty file$"),
    Case("truncated docx", "form.docx", lambda _: (WUCHANG / "form.docx").read_bytes()[:15000], UnreadableInput, "truncated or corrupt zip"),
    Case("zip magic then garbage", "form.docx", lambda _: b"PK\x03\x04" + random.Random(1).randbytes(5000), UnreadableInput, "truncated or corrupt zip"),
    Case("binary garbage named docx", "form.docx", _random_bytes(65536), UnreadableInput, "binary data"),
    Case("text named docx", "form.docx", lambda _: "这只是一段文字。\n".encode(), NotAFiling, "no section"),
    Case("zip bomb, honest sizes", "bomb.docx", _bomb_docx, UnreadableInput, "zip bomb"),
    Case("zip bomb, lying sizes", "bomb2.docx", _lying_docx, UnreadableInput, r"cannot read word/document\.xml"),
    Case("zip bomb, lying sizes, xlsx", "bomb.xlsx", _lying_xlsx, UnreadableInput, r"cannot read xl/worksheets/sheet1\.xml"),
    Case("zip bomb, many members", "bomb3.docx", _many_members, UnreadableInput, "members"),
    Case("billion laughs, docx", "laughs.docx", _laughs_docx, UnreadableInput, "DOCTYPE"),
    Case("billion laughs, xlsx", "laughs.xlsx", _laughs_xlsx, UnreadableInput, "DOCTYPE"),
    Case("external entity, docx", "xxe.docx", _xxe_docx, UnreadableInput, "DOCTYPE"),
    Case("external entity, docx header", "xxe2.docx", _xxe_docx_header, UnreadableInput, "DOCTYPE"),
    Case("external DTD, docx", "xxe3.docx", _external_dtd_docx, UnreadableInput, "DOCTYPE"),
    Case("external entity, xlsx", "xxe.xlsx", _xxe_xlsx, UnreadableInput, "DOCTYPE"),
    Case("nested tables, 80 deep", "nested.docx", lambda _: docx(nested_tables(80)), NotAFiling, "no section"),
    Case("nested tables, 5000 deep", "nested2.docx", lambda _: docx(nested_tables(5000)), UnreadableInput, "not well-formed"),
    Case("nested elements, xlsx", "nested.xlsx", _deep_xml_xlsx, NotAFiling, "no section"),
    Case("binary garbage named txt", "form.txt", _random_bytes(200_000), UnreadableInput, "binary data"),
    Case("high bytes named txt", "form2.txt", lambda _: bytes(random.Random(3).randrange(0x80, 0x100) for _ in range(65536)), NotAFiling, "no section"),
    Case("text that is not a form", "poem.txt", lambda _: "床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n".encode() * 50, NotAFiling, "no section"),
    Case("very large text", "huge.txt", lambda _: b"\t\xe6\x96\x87\n" * (6 * 2**20), UnreadableInput, "over the limit"),
    Case("densest text under the cap", "dense.txt", lambda _: b"\t\n" * (DEFAULT_MAX_TEXT_BYTES // 2), NotAFiling, "no section"),
    Case("large document.xml", "large.docx", lambda _: docx(_dense_cells(30 * 2**20)), UnreadableInput, "too large for a form"),
    Case("densest docx under the cap", "dense.docx", lambda _: docx(_dense_cells(4 * 2**20 - 4096)), NotAFiling, "no section"),
    Case("password-protected docx/xlsx", "locked.docx", lambda _: build_ole2({"EncryptionInfo": b"\4" * 200, "EncryptedPackage": b"\0" * 5000}), UnreadableInput, "password-protected"),
    Case("password-protected doc", "locked.doc", lambda _: set_word_encrypted(_doc(_)), UnreadableInput, "password-protected"),
    Case("encrypted zip entries", "locked2.docx", lambda _: with_encryption_flag((WUCHANG / "form.docx").read_bytes()), UnreadableInput, "encrypted"),
    Case("corrupt OLE2", "broken.doc", lambda _: build_ole2({"WordDocument": b"\0" * 600})[:512] + random.Random(5).randbytes(3000), UnreadableInput, "corrupt OLE2"),
    Case("truncated doc", "cut.doc", lambda _: _doc(_)[: 64 * 1024], UnreadableInput, "corrupt OLE2"),
    Case("PDF named docx", "form2.docx", lambda _: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(5000), UnreadableInput, r"^a PDF document: not supported$"),
    Case("PNG named txt", "form3.txt", lambda _: b"\x89PNG\r\n\x1a\n" + bytes(5000), UnreadableInput, r"^a PNG image: not supported$"),
    Case("merge bomb, xlsx", "merge.xlsx", _merge_bomb_xlsx, UnreadableInput, "merged ranges"),
    Case("hyperlink bomb, xlsx", "links.xlsx", _hyperlink_bomb_xlsx, UnreadableInput, "hyperlinks"),
    Case("element bomb, xlsx", "cells.xlsx", _element_bomb_xlsx, UnreadableInput, "XML elements"),
    Case("used-area bomb, xlsx", "area.xlsx", _area_bomb_xlsx, UnreadableInput, "too large for a form"),
    Case("densest xlsx under the caps", "dense.xlsx", _densest_xlsx, NotAFiling, "no section"),
    Case("cells and merges under the caps", "worst.xlsx", _worst_xlsx, NotAFiling, "no section"),
    Case("style bloat under the caps", "styles.xlsx", _style_bloat_xlsx(MAX_OTHER_ELEMENTS - 1000), NotAFiling, "no section"),
    Case("style bloat", "styles2.xlsx", _style_bloat_xlsx(MAX_ELEMENTS // 2), UnreadableInput, "outside its worksheets"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path) -> None:
    path = tmp_path / case.filename
    path.write_bytes(case.build(tmp_path))
    outcome = run_bounded(lambda: parse_file(path))
    print(f"\nMEASURED {case.name}: {outcome}")
    assert outcome.result == case.error.__name__, str(outcome)
    assert outcome.code == case.error.code
    assert re.search(case.says, outcome.message), outcome.message
    assert outcome.message and "\n" not in outcome.message and len(outcome.message) < 300
    assert SECRET not in outcome.message and "root:x" not in outcome.message
    assert outcome.seconds < SECONDS, str(outcome)
    assert outcome.megabytes < MEGABYTES, str(outcome)


def test_size_cap_through_read_bytes() -> None:
    data = (WUCHANG / "form.txt").read_bytes()
    outcome = run_bounded(lambda: parse_bytes(data + b"\n" * 10))
    assert outcome.result == "Filing"
    from perfform.readers import read_bytes

    with pytest.raises(UnreadableInput, match="over the size limit of 4096 bytes"):
        read_bytes(data, max_bytes=4096)


# --- the readers' own caps, when called directly ----------------------------------------------------------


def test_read_docx_bounds_a_large_document() -> None:
    data = docx(_dense_cells(30 * 2**20))
    outcome = run_bounded(lambda: read_docx(data))
    assert outcome.result in ("UnreadableInput", "Grid"), str(outcome)
    assert outcome.seconds < SECONDS and outcome.megabytes < MEGABYTES, str(outcome)


def test_read_text_bounds_its_default_cap() -> None:
    data = b"\t\n" * (2**20)
    outcome = run_bounded(lambda: read_text(data))
    assert outcome.result in ("UnreadableInput", "Grid"), str(outcome)
    assert outcome.seconds < SECONDS and outcome.megabytes < MEGABYTES, str(outcome)


# --- a folder of everything -----------------------------------------------------------------------------


def test_batch_folder_gives_filings_or_perfform_errors(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for i, case in enumerate(CASES):
        (folder / f"{i:02d}-{case.filename}").write_bytes(case.build(tmp_path))
    for sample in ("wuchang-2020", "qingshan-2022"):
        for name in ("form.txt", "form.docx"):
            (folder / f"{sample}-{name}").write_bytes((SAMPLES / sample / name).read_bytes())
        workbook = xlsx_from_grid(read_docx((SAMPLES / sample / "form.docx").read_bytes()))
        (folder / f"{sample}-form.xlsx").write_bytes(workbook)
    (folder / "wuchang-form.doc").write_bytes(_doc(tmp_path))
    (folder / "wuchang-doc-named.docx").write_bytes(_doc(tmp_path))
    results: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        try:
            filing = parse_file(path)
            results[path.name] = f"Filing {filing.source.format}"
        except PerfformError as exc:
            assert exc.message and "\n" not in exc.message, path.name
            results[path.name] = exc.code
    filings = [name for name, result in results.items() if result.startswith("Filing")]
    assert len(filings) >= 6, results
    assert all(results[f"{i:02d}-{c.filename}"] == c.error.code for i, c in enumerate(CASES)), results
