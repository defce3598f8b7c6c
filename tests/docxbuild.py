"""Build .docx bytes in memory from WordprocessingML strings (zipfile only), for tests and fuzzers.

`docx(body)` wraps `body` (the inside of w:body) in a document with the usual namespaces; `document=` gives
the whole word/document.xml instead. Headers and footers are the insides of w:hdr / w:ftr; `parts` adds or
replaces any part by name (None drops it). The small element helpers (`p`, `tc`, `tr`, `tbl`) only
concatenate strings, so any XML can still be written by hand.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
)
_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL_TYPE}officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def document_xml(body: str, root: str = "document", ns: str = NAMESPACES) -> str:
    """A full word/document.xml around `body`."""
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} {ns}><w:body>{body}</w:body></w:{root}>'


def part_xml(inner: str, root: str) -> str:
    """A full header ("hdr") or footer ("ftr") part around `inner`."""
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} {NAMESPACES}>{inner}</w:{root}>'


def docx(
    body: str = "",
    *,
    document: str | bytes | None = None,
    headers: Sequence[str] = (),
    footers: Sequence[str] = (),
    rels: bool = True,
    parts: Mapping[str, str | bytes | None] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """The bytes of a .docx; with `rels=False` headers and footers are stored without word/_rels."""
    files: dict[str, str | bytes | None] = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _PACKAGE_RELS,
        "word/document.xml": document if document is not None else document_xml(body),
    }
    relations: list[str] = []
    for kind, root, inners in (("header", "hdr", headers), ("footer", "ftr", footers)):
        for i, inner in enumerate(inners, 1):
            files[f"word/{kind}{i}.xml"] = part_xml(inner, root)
            relations.append(
                f'<Relationship Id="rId{len(relations) + 1}" Type="{_REL_TYPE}{kind}" Target="{kind}{i}.xml"/>'
            )
    if rels:
        files["word/_rels/document.xml.rels"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(relations)
            + "</Relationships>"
        )
    files.update(parts or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as zf:
        for name, content in files.items():
            if content is not None:
                zf.writestr(name, content.encode() if isinstance(content, str) else content)
    return buffer.getvalue()


def r(text: str, rpr: str = "") -> str:
    """One run holding `text`."""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(*content: str) -> str:
    """A paragraph; plain strings become runs, strings starting with "<" are inserted as XML."""
    return "<w:p>" + "".join(c if c.startswith("<") else r(c) for c in content) + "</w:p>"


def tc(*content: str, props: str = "") -> str:
    """A cell; plain strings become paragraphs, XML is inserted as is; `props` goes into w:tcPr."""
    inner = "".join(c if c.startswith("<") else p(c) for c in content) or "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{inner}</w:tc>"


def tr(*cells: str, props: str = "") -> str:
    """A row; plain strings become one-paragraph cells; `props` goes into w:trPr."""
    return (
        f"<w:tr><w:trPr>{props}</w:trPr>"
        + "".join(c if c.startswith("<") else tc(c) for c in cells)
        + "</w:tr>"
    )


def tbl(*rows: str) -> str:
    """A table of `rows`."""
    return "<w:tbl><w:tblPr/><w:tblGrid/>" + "".join(rows) + "</w:tbl>"
