"""Readers turn a file's bytes into a `Grid`; `read_bytes` picks the reader by content, never by file name.

`sniff` tells the kinds apart by their bytes: a zip holding word/document.xml is a .docx and one holding xl/
an .xlsx; an OLE2 compound file is a .doc (a "WordDocument" stream: Word 97–2003 and WPS files), an .xls
("Workbook"/"Book") or a password-protected Office file ("EncryptionInfo"/"EncryptedPackage" streams, or a
.doc whose header says it is encrypted); PDF, images, RTF, HTML and the like are named; anything else is a
text dump. So a .doc named .docx and a .docx named .txt are read as what they are.

`read_bytes` refuses, with `UnreadableInput`, what can hurt before any reader sees it: input over the size
limit (`max_bytes`, smaller by default for text dumps), zips with too many members or whose central
directory declares more than `MAX_ZIP_TOTAL` bytes, a compression ratio over `MAX_ZIP_RATIO` or a form part
over `MAX_FORM_PART` bytes, OLE2 files whose directory cannot be read and .doc files whose streams do not
fit in the file (truncated). The readers apply their own limits on top.
"""

from __future__ import annotations

import struct
import zipfile
from io import BytesIO
from typing import Final

from perfform.errors import UnreadableInput
from perfform.grid import Grid
from perfform.readers.ole2 import MAGIC as OLE2_MAGIC
from perfform.readers.ole2 import CompoundFile

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_TEXT_BYTES", "OLE2_MAGIC", "check_zip", "read_bytes", "sniff"]

DEFAULT_MAX_BYTES: Final = 64 * 2**20
"""Largest input read (unless `read_bytes` is given `max_bytes`)."""
DEFAULT_MAX_TEXT_BYTES: Final = 256 * 2**10
"""Largest text dump read (unless `read_bytes` is given `max_bytes`): a form's dump is some 10–20 KB, and
256 KB of the densest dump (empty cells) takes under a second and 50 MB to read and parse."""
MAX_ZIP_ENTRIES: Final = 10_000
MAX_ZIP_TOTAL: Final = 2 * 2**30
"""Largest uncompressed total a zip's central directory may declare."""
MAX_ZIP_RATIO: Final = 200
"""Largest compression ratio, of the whole zip and of each member over `ZIP_RATIO_FLOOR` bytes."""
ZIP_RATIO_FLOOR: Final = 2**20
MAX_FORM_PART: Final = 4 * 2**20
"""Largest word/document.xml, worksheet or shared-string part accepted: a form's is well under 1 MB, and
reading and parsing 4 MB of the densest markup takes about a second and 100 MB."""

_ZIP_MAGIC: Final = (b"PK\x03\x04", b"PK\x05\x06")
_CENTRAL_ENTRY: Final = b"PK\x01\x02"
_WORD_FIB_IDENT: Final = b"\xec\xa5"
_WORD_ENCRYPTED_FLAGS: Final = 0x0100 | 0x8000  # FibBase fEncrypted, fObfuscated
_OTHER_KINDS: Final = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program (ELF)"),
)
_MARKUP_KINDS: Final = (
    (b"<!doctype html", "an HTML page"),
    (b"<html", "an HTML page"),
    (b"mime-version:", "a web archive (MHT)"),
    (b"<?xml", "an XML document"),
)
_HINTS: Final = {
    "xls": "an Excel 97–2003 workbook (.xls): not supported; save it as .xlsx",
    "xlsb": "an Excel binary workbook (.xlsb): not supported; save it as .xlsx",
    "encrypted": "a password-protected Office file: save a copy without the password and check that",
    "odf": "an OpenDocument file (.odt/.ods): not supported; save it as .docx or .xlsx",
    "ofd": "an OFD document: not supported; check the .docx or .xlsx it was made from",
    "ppt": "a PowerPoint 97–2003 presentation: not supported",
}


def sniff(data: bytes) -> str:
    """The kind of the content; never raises, reads no more than the zip directory or OLE2 directory.

    "docx", "xlsx", "doc" (Word 97–2003 and WPS), "xls", "xlsb", "encrypted" (password-protected Office
    file), "ppt", "odf", "ofd", "ole2" (another or unreadable compound file), "zip" (another, truncated or
    refused zip), "text", or a named kind that is not supported ("a PDF document", "an HTML page", …).
    A few leading bytes are enough to get "zip" or "ole2".
    """
    if data.startswith(_ZIP_MAGIC):
        try:
            return _zip_kind([i.filename for i in _zip_infos(data)])
        except UnreadableInput:
            return "zip"
    if data.startswith(OLE2_MAGIC):
        try:
            return _ole2_kind(CompoundFile(data))
        except UnreadableInput:
            return "ole2"
    for magic, kind in _OTHER_KINDS:
        if data.startswith(magic):
            return kind
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    for magic, kind in _MARKUP_KINDS:
        if head.startswith(magic):
            return kind
    return "text"


def read_bytes(data: bytes, *, max_bytes: int | None = None) -> Grid:
    """Read one input into a `Grid`, by content; raises `UnreadableInput` for anything that is not readable.

    `max_bytes` caps the input size; by default `DEFAULT_MAX_BYTES`, and `DEFAULT_MAX_TEXT_BYTES` for a
    text dump.
    """
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    if not data:
        raise UnreadableInput("empty file")
    if len(data) > limit:
        raise UnreadableInput(f"file of {len(data)} bytes is over the size limit of {limit} bytes")
    if data.startswith(_ZIP_MAGIC):
        return _read_zip(data)
    if data.startswith(OLE2_MAGIC):
        return _read_ole2(data)
    kind = sniff(data)
    if kind == "text":
        from perfform.readers.text import read_text

        return read_text(data, max_bytes=DEFAULT_MAX_TEXT_BYTES if max_bytes is None else max_bytes)
    raise UnreadableInput(f"{kind}: not supported")


def check_zip(data: bytes) -> list[str]:
    """The member names of a zip that may be read; `UnreadableInput` for a corrupt zip, one with more than
    `MAX_ZIP_ENTRIES` members, or one whose central directory declares more than `MAX_ZIP_TOTAL` bytes,
    a compression ratio over `MAX_ZIP_RATIO` (a zip bomb) or a form part over `MAX_FORM_PART` bytes, before
    any member is read."""
    infos = _zip_infos(data)
    _check_sizes(infos)
    return [i.filename for i in infos]


def _read_zip(data: bytes) -> Grid:
    archive = _open_zip(data)
    infos = archive.infolist()
    _check_sizes(infos)
    kind = _zip_kind([i.filename for i in infos])
    if kind == "xlsx":
        from perfform.readers.xlsx import read_xlsx

        return read_xlsx(data)
    if kind in _HINTS:
        raise UnreadableInput(_HINTS[kind])
    from perfform.readers.docx import read_docx

    return read_docx(data, archive)  # a .docx, or a zip that read_docx names the problem of


def _read_ole2(data: bytes) -> Grid:
    compound = CompoundFile(data)
    kind = _ole2_kind(compound)
    if kind == "doc":
        from perfform.readers.doc import read_doc

        compound.verify()  # a truncated .doc fails here, before LibreOffice is started
        return read_doc(data)
    if kind in _HINTS:
        raise UnreadableInput(_HINTS[kind])
    names = ", ".join(sorted({e.name for e in compound.entries[1:] if e.name.isprintable()})[:6])
    raise UnreadableInput(
        f"an OLE2 compound file that is no Word or Excel document (streams: {names or 'none'})"
    )


def _zip_infos(data: bytes) -> list[zipfile.ZipInfo]:
    with _open_zip(data) as archive:
        return archive.infolist()


def _open_zip(data: bytes) -> zipfile.ZipFile:
    """`data` opened as a zip, its central directory read; `UnreadableInput` for a corrupt or huge one."""
    entries = data.count(_CENTRAL_ENTRY)  # bounds what zipfile will build, before it builds anything
    if entries > MAX_ZIP_ENTRIES:
        raise UnreadableInput(f"a zip of some {entries} members (limit {MAX_ZIP_ENTRIES}): refused")
    try:
        return zipfile.ZipFile(BytesIO(data))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        struct.error,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UnreadableInput(f"a truncated or corrupt zip archive ({reason})") from None


def _check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if total > MAX_ZIP_TOTAL:
        raise UnreadableInput(f"a zip declaring {total} bytes uncompressed (limit {MAX_ZIP_TOTAL}): refused")
    sizes = [("the zip", total, packed)] + [(i.filename, i.file_size, i.compress_size) for i in infos]
    for name, size, compressed in sizes:
        if size > ZIP_RATIO_FLOOR and size > MAX_ZIP_RATIO * max(compressed, 1):
            raise UnreadableInput(
                f"{name} is compressed more than {MAX_ZIP_RATIO}:1 ({size} bytes from {compressed}): "
                "refused as a possible zip bomb"
            )
    for info in infos:
        if info.file_size > MAX_FORM_PART and _is_form_part(info.filename):
            raise UnreadableInput(
                f"{info.filename} is {info.file_size} bytes (limit {MAX_FORM_PART}): too large for a form"
            )


def _is_form_part(name: str) -> bool:
    return name in ("word/document.xml", "xl/sharedStrings.xml") or name.startswith("xl/worksheets/")


def _zip_kind(names: list[str]) -> str:
    found = set(names)
    if "word/document.xml" in found:
        return "docx"
    if "xl/workbook.bin" in found:
        return "xlsb"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if "mimetype" in found and "content.xml" in found:
        return "odf"
    if "OFD.xml" in found:
        return "ofd"
    return "zip"


def _ole2_kind(compound: CompoundFile) -> str:
    if compound.find("EncryptionInfo") is not None or compound.find("EncryptedPackage") is not None:
        return "encrypted"
    word = compound.find("WordDocument")
    if word is not None:
        fib = compound.head(word, 12)
        if fib[:2] == _WORD_FIB_IDENT and len(fib) >= 12:
            flags = int.from_bytes(fib[10:12], "little")
            if flags & _WORD_ENCRYPTED_FLAGS:
                return "encrypted"
        return "doc"
    if compound.find("Workbook") is not None or compound.find("Book") is not None:
        return "xls"
    if compound.find("PowerPoint Document") is not None:
        return "ppt"
    return "ole2"
