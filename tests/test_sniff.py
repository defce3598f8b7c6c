"""Tests for content sniffing and dispatch (perfform.readers) and the OLE2 directory reader (readers.ole2).

`build_ole2` writes a small compound file by hand (FAT, directory, streams in regular sectors), enough for
the directory reader; the other test modules import it.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

import pytest

from perfform.errors import NotAFiling, UnreadableInput
from perfform.parser import parse_bytes, parse_file
from perfform.readers import (
    DEFAULT_MAX_TEXT_BYTES,
    MAX_ZIP_ENTRIES,
    OLE2_MAGIC,
    check_zip,
    read_bytes,
    sniff,
)
from perfform.readers.ole2 import MAX_ENTRIES, ROOT, STREAM, CompoundFile

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
WUCHANG = SAMPLES / "wuchang-2020"
END_OF_CHAIN = 0xFFFFFFFE
FREE = 0xFFFFFFFF
FAT_SECTOR = 0xFFFFFFFD


def build_ole2(streams: dict[str, bytes], *, fat_patch: dict[int, int] | None = None) -> bytes:
    """A version-3 compound file (512-byte sectors) holding `streams`, all in regular sectors.

    Layout: sector 0 the FAT, then the directory, then each stream's sectors. `fat_patch` overwrites FAT
    entries (sector → next) to make corrupt chains."""
    size = 512
    names = ["Root Entry", *streams]
    dir_sectors = -(-len(names) * 128 // size)
    fat = [FAT_SECTOR, *range(2, dir_sectors + 1), END_OF_CHAIN]
    starts: list[int] = []
    data = b""
    for content in streams.values():
        count = -(-len(content) // size)
        starts.append(len(fat) if count else END_OF_CHAIN)
        fat += [*range(len(fat) + 1, len(fat) + count), END_OF_CHAIN][:count]
        data += content.ljust(count * size, b"\0")
    if len(fat) > size // 4:
        raise ValueError("build_ole2 keeps the FAT in one sector")
    for sector, value in (fat_patch or {}).items():
        fat[sector] = value
    directory = b""
    for i, name in enumerate(names):
        encoded = name.encode("utf-16-le") + b"\0\0"
        kind = ROOT if i == 0 else STREAM
        child = 1 if i == 0 and len(names) > 1 else FREE
        right = i + 1 if 0 < i < len(names) - 1 else FREE
        start = END_OF_CHAIN if i == 0 else starts[i - 1]
        length = 0 if i == 0 else len(streams[name])
        entry = struct.pack("<64sHBBIII", encoded, len(encoded), kind, 1, FREE, right, child)
        entry += b"\0" * 36 + struct.pack("<IQ", start, length)
        directory += entry
    directory = directory.ljust(dir_sectors * size, b"\0")
    header = OLE2_MAGIC + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END_OF_CHAIN, 0, END_OF_CHAIN, 0)
    header += struct.pack("<109I", 0, *([FREE] * 108))
    fat_sector = struct.pack(f"<{size // 4}I", *fat, *([FREE] * (size // 4 - len(fat))))
    return header + fat_sector + directory + data


def set_word_encrypted(doc: bytes) -> bytes:
    """A copy of a .doc with the FIB's fEncrypted flag set, as Word writes a password-protected file."""
    compound = CompoundFile(doc)
    word = compound.find("WordDocument")
    assert word is not None
    offset = (word.start + 1) * compound.sector_size + 10
    flags = int.from_bytes(doc[offset : offset + 2], "little") | 0x0100
    return doc[:offset] + flags.to_bytes(2, "little") + doc[offset + 2 :]


def zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


# --- sniffing by content --------------------------------------------------------------------------------


def test_samples_are_sniffed_by_content() -> None:
    assert sniff((WUCHANG / "form.docx").read_bytes()) == "docx"
    assert sniff((WUCHANG / "form.doc").read_bytes()) == "doc"
    assert sniff((WUCHANG / "form.txt").read_bytes()) == "text"


def test_a_few_leading_bytes_give_zip_or_ole2_and_never_raise() -> None:
    assert sniff((WUCHANG / "form.docx").read_bytes()[:8]) == "zip"
    assert sniff((WUCHANG / "form.doc").read_bytes()[:8]) == "ole2"
    assert sniff(b"") == "text"


@pytest.mark.parametrize(
    ("streams", "kind"),
    [
        ({"WordDocument": b"\0" * 600, "1Table": b"\0" * 600}, "doc"),
        ({"wordDOCUMENT": b"\0" * 10}, "doc"),  # OLE2 names compare case-insensitively
        ({"Workbook": b"\0" * 10}, "xls"),
        ({"Book": b"\0" * 10}, "xls"),
        ({"EncryptionInfo": b"\0" * 10, "EncryptedPackage": b"\0" * 10}, "encrypted"),
        ({"PowerPoint Document": b"\0" * 10}, "ppt"),
        ({"\x05SummaryInformation": b"\0" * 10}, "ole2"),
    ],
)
def test_ole2_kinds_by_stream_names(streams: dict[str, bytes], kind: str) -> None:
    assert sniff(build_ole2(streams)) == kind


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xff\xd8\xff\xe0", "a JPEG image"),
        (b"{\\rtf1\\ansi", "an RTF document"),
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", "an HTML page"),
        (b"MIME-Version: 1.0\r\n", "a web archive (MHT)"),
        (b'<?xml version="1.0"?><w:wordDocument/>', "an XML document"),
        (b"\t\xe9\x83\xa8\xe9\x97\xa8\xe5\x90\x8d\xe7\xa7\xb0\n", "text"),
    ],
)
def test_other_kinds_are_named(data: bytes, kind: str) -> None:
    assert sniff(data) == kind
    if kind != "text":
        with pytest.raises(UnreadableInput, match=f"^{re.escape(kind)}: not supported$"):
            read_bytes(data)


@pytest.mark.parametrize(
    ("files", "kind"),
    [
        ({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}, "odf"),
        ({"OFD.xml": b"<x/>"}, "ofd"),
        ({"xl/workbook.bin": b"\0"}, "xlsb"),
        ({"readme.txt": b"hello"}, "zip"),
    ],
)
def test_zip_kinds(files: dict[str, bytes], kind: str) -> None:
    data = zip_of(files)
    assert sniff(data) == kind
    with pytest.raises(UnreadableInput):
        read_bytes(data)


# --- whatever the extension says ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "name", "fmt"),
    [
        ("form.docx", "form.txt", "docx"),
        ("form.docx", "form.doc", "docx"),
        ("form.docx", "form", "docx"),
        ("form.txt", "form.docx", "text"),
        ("form.txt", "form.xlsx", "text"),
    ],
)
def test_files_are_read_by_content_not_by_name(tmp_path: Path, source: str, name: str, fmt: str) -> None:
    (tmp_path / name).write_bytes((WUCHANG / source).read_bytes())
    filing = parse_file(tmp_path / name)
    assert filing.source.format == fmt
    assert filing.department == "武昌区委统一战线工作部"


# --- read_bytes limits ----------------------------------------------------------------------------------


def test_size_cap_is_configurable() -> None:
    data = (WUCHANG / "form.txt").read_bytes()
    assert read_bytes(data).format == "text"
    with pytest.raises(UnreadableInput, match=r"over the size limit of 1000 bytes"):
        read_bytes(data, max_bytes=1000)
    with pytest.raises(UnreadableInput, match=r"over the size limit"):
        read_bytes((WUCHANG / "form.docx").read_bytes(), max_bytes=1000)


def test_text_over_the_default_text_cap_is_refused_unless_allowed() -> None:
    data = b"\tx\n" * (DEFAULT_MAX_TEXT_BYTES // 3 + 1)
    with pytest.raises(UnreadableInput, match=r"over the limit"):
        read_bytes(data)
    with pytest.raises(UnreadableInput, match=r"over the size limit"):
        read_bytes(data, max_bytes=1000)


def test_empty_input() -> None:
    with pytest.raises(UnreadableInput, match=r"^empty file$"):
        read_bytes(b"")


def test_zip_with_too_many_members_is_refused_before_it_is_opened() -> None:
    data = zip_of({f"f{i}": b"" for i in range(MAX_ZIP_ENTRIES + 1)})
    with pytest.raises(UnreadableInput, match=r"members"):
        check_zip(data)
    assert sniff(data) == "zip"


def test_zip_ratio_and_total_are_checked_on_the_central_directory() -> None:
    data = zip_of({"word/document.xml": b"<" + b" " * (8 * 2**20) + b">"})
    with pytest.raises(UnreadableInput, match=r"zip bomb"):
        check_zip(data)
    assert check_zip(zip_of({"a": b"x" * 2**19})) == ["a"]  # under the ratio floor


def test_text_that_is_not_a_form() -> None:
    with pytest.raises(NotAFiling):
        parse_bytes("床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n".encode())


# --- the OLE2 directory reader --------------------------------------------------------------------------


def test_ole2_directory_of_the_sample_doc() -> None:
    compound = CompoundFile((WUCHANG / "form.doc").read_bytes())
    names = [e.name for e in compound.entries]
    assert names[0] == "Root Entry"
    assert {"WordDocument", "1Table", "\x05SummaryInformation"} <= set(names)
    word = compound.find("worddocument")
    assert word is not None and word.size > 4096
    assert compound.head(word, 2) == b"\xec\xa5"  # the Word 97 FIB's wIdent
    compound.verify()


def test_password_protected_doc_is_named() -> None:
    data = set_word_encrypted((WUCHANG / "form.doc").read_bytes())
    assert sniff(data) == "encrypted"
    with pytest.raises(UnreadableInput, match=r"password-protected"):
        read_bytes(data)


def test_encrypted_ooxml_is_named_whatever_its_name(tmp_path: Path) -> None:
    (tmp_path / "form.docx").write_bytes(
        build_ole2({"EncryptionInfo": b"\4" * 200, "EncryptedPackage": b"\0" * 900})
    )
    with pytest.raises(UnreadableInput, match=r"^a password-protected Office file"):
        parse_file(tmp_path / "form.docx")


def test_xls_and_other_compound_files_are_named() -> None:
    with pytest.raises(UnreadableInput, match=r"\.xls\): not supported; save it as \.xlsx"):
        read_bytes(build_ole2({"Workbook": b"\0" * 100}))
    with pytest.raises(UnreadableInput, match=r"no Word or Excel document .streams: .*Contents"):
        read_bytes(build_ole2({"Contents": b"\0" * 100}))


def corrupt_variants() -> list[tuple[str, bytes]]:
    good = build_ole2({"WordDocument": b"\xec\xa5" + b"\0" * 5000})
    doc = (WUCHANG / "form.doc").read_bytes()
    return [
        ("header only", good[:512]),
        ("shorter than the header", good[:300]),
        ("bad byte order", good[:28] + b"\xff\xff" + good[30:]),
        ("bad sector size", good[:30] + b"\x07\x00" + good[32:]),
        ("FAT sector outside", good[:76] + struct.pack("<I", 9999) + good[80:]),
        ("too many FAT sectors", good[:44] + struct.pack("<I", 10**6) + good[48:]),
        ("directory outside", good[:48] + struct.pack("<I", 10**6) + good[52:]),
        ("directory loops", build_ole2({"WordDocument": b"\0" * 600}, fat_patch={1: 1})),
        ("stream cut short", build_ole2({"WordDocument": b"\0" * 5000}, fat_patch={4: END_OF_CHAIN})),
        ("name length odd", good[: 512 * 2 + 64] + b"\x05\x00" + good[512 * 2 + 66 :]),
        ("truncated doc", doc[: len(doc) // 2]),
        ("truncated doc tail", doc[:-600]),
    ]


@pytest.mark.parametrize(("why", "data"), corrupt_variants(), ids=[w for w, _ in corrupt_variants()])
def test_corrupt_ole2_is_unreadable_never_an_exception(why: str, data: bytes) -> None:
    with pytest.raises(UnreadableInput, match=r"^corrupt OLE2 compound file: "):
        compound = CompoundFile(data)
        compound.verify()
    assert sniff(data) in ("ole2", "doc")  # sniff never raises
    with pytest.raises(UnreadableInput, match=r"^corrupt OLE2 compound file: "):
        read_bytes(data)


def test_ole2_directory_size_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    from perfform.readers import ole2

    monkeypatch.setattr(ole2, "MAX_ENTRIES", 3)
    with pytest.raises(UnreadableInput, match=r"more than 3 directory entries"):
        CompoundFile(build_ole2({f"s{i}": b"\0" for i in range(5)}))
    assert MAX_ENTRIES >= 1000
