"""Readers turn a file's bytes into a `Grid`; `read_bytes` picks the reader by content, not by file name."""

from __future__ import annotations

import zipfile
from io import BytesIO

from perfform.errors import UnreadableInput
from perfform.grid import Grid

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OTHER_KINDS = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
)


def sniff(data: bytes) -> str:
    """ "docx", "xlsx", "ole2", "zip" (another zip), a named unsupported kind, or "text"."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        return "zip"
    if data.startswith(OLE2_MAGIC):
        return "ole2"
    for magic, kind in _OTHER_KINDS:
        if data.startswith(magic):
            return kind
    return "text"


def read_bytes(data: bytes) -> Grid:
    kind = sniff(data)
    if kind == "docx" or kind == "zip":
        from perfform.readers.docx import read_docx

        return read_docx(data)
    if kind == "text":
        from perfform.readers.text import read_text

        return read_text(data)
    if kind == "ole2":
        raise UnreadableInput("a Word 97–2003 (.doc), Excel or encrypted Office file: not supported yet")
    if kind == "xlsx":
        raise UnreadableInput("an Excel workbook: .xlsx forms are not supported yet")
    raise UnreadableInput(f"{kind}: not a form perfform can read")
