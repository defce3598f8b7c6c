"""Read a .docx into a `Grid`, straight from the WordprocessingML with lxml.

One parse of each part with a hardened parser, then one walk over the tree with explicit iterator stacks
(wrapper nesting cannot exhaust the Python stack; recursion happens only per table level, capped). Before
the parse, simple run, paragraph, cell and row properties are cut from the bytes down to the spans, merges
and tracked-change marks in them (`without_formatting`): in a form saved by Word, WPS or LibreOffice they
are most of the XML, and nothing else in them is read. Decisions:

- Blocks: every `w:p` becomes a `Paragraph` (empty ones too), every `w:tbl` a `Table`; block-level `w:sdt`,
  `w:customXml` and `w:smartTag` are unwrapped in place. A cell's text is its paragraphs joined by "\\n".
  `w:altChunk` (imported HTML/RTF) and math are not read.
- Text: `w:t`; `w:tab`/`w:ptab` → TAB; `w:br`/`w:cr` → "\\n"; `w:noBreakHyphen` → "-"; `w:sym` → its character
  (the Symbol font's signs such as ≥ are mapped, other symbol-font glyphs dropped); ruby keeps its base text.
  Text of inline content controls, hyperlinks, `w:fldSimple`, smart tags and field results is kept; field
  codes (`w:instrText`) are not.
- Text boxes (`w:txbxContent` in drawings or VML): their paragraphs and tables follow the paragraph that
  anchors them, in the same place (the body, or the cell's text). Of an `mc:AlternateContent` only the first
  `mc:Choice` is read (the `mc:Fallback` when there is no Choice), so Word's VML copy of a text box never
  duplicates it.
- Tracked changes are read in the accepted view: `w:ins`/`w:moveTo` kept, `w:del`/`w:moveFrom` dropped, a row
  with `w:trPr/w:del` dropped (vertical merges run on across it, row numbers count the rows kept), a cell
  with `w:cellDel` dropped. A deleted paragraph mark does not join its paragraph to the next.
  `tracked_changes` counts every `w:ins`, `w:del`, `w:moveFrom`, `w:moveTo`, `w:cellIns`, `w:cellDel` and
  `w:cellMerge` element of the parts read (row and paragraph marks included), in one C-level scan per part.
- Tables: `w:gridBefore` shifts the first cell; `w:gridSpan` (clamped to 1–63) gives `colspan`; legacy
  `w:hMerge` continuations widen the previous cell. A `w:vMerge` restart cell gets `rowspan`; each
  continuation becomes `Cell("", merged=True)` and its own content is ignored; a continuation with no merge
  above it starts one. A cell showing a content control's placeholder (`w:showingPlcHdr`), at any level
  inside it or around its row or cell, gets `placeholder=True`.
- Nested tables go into `Cell.tables`, not into the cell's text, down to `MAX_TABLE_DEPTH` levels; tables
  nested deeper are flattened into the text of the cell at the cap. (The parser itself refuses XML nested
  more than 256 elements deep, about 80 table levels, as malformed.)
- `Ref`: `table` is the 1-based index of the top-level table among all parts of its kind (the body, all
  headers, all footers); a nested table, its rows and cells carry the index of their top-level table with
  their own row and column. Paragraphs carry only the part.
- Headers and footers come from `word/_rels/document.xml.rels` (in its order), or from the
  `word/header*.xml`/`word/footer*.xml` names when that part is missing or broken.
- Refused with `UnreadableInput`: OLE2 files (encrypted or legacy .doc), non-zips and truncated zips, no
  `word/document.xml`, malformed XML, parts over the size and compression-ratio limits, and any part with a
  DOCTYPE (OPC forbids DTDs, so a DOCTYPE only ever means an entity attack; entities are never resolved).
  Strict Open XML is read by mapping its namespace onto the transitional one.
"""

from __future__ import annotations

import io
import operator
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from itertools import chain, repeat
from typing import cast

from lxml import etree

from perfform.errors import UnreadableInput
from perfform.grid import Block, Cell, Grid, Paragraph, Part, Ref, Row, Table

__all__ = ["MAX_DOCUMENT_SIZE", "MAX_PART_SIZE", "MAX_RATIO", "MAX_TABLE_DEPTH", "read_docx"]

MAX_DOCUMENT_SIZE = 8 * 1024 * 1024
"""Largest uncompressed word/document.xml accepted."""
MAX_PART_SIZE = 8 * 1024 * 1024
"""Largest uncompressed header, footer or relationship part accepted."""
MAX_TOTAL_SIZE = 256 * 1024 * 1024
"""Largest uncompressed total of all parts read from one file."""
MAX_RATIO = 200
"""Largest compression ratio accepted for a part over `RATIO_FLOOR` bytes."""
RATIO_FLOOR = 1024 * 1024
MAX_TABLE_DEPTH = 16
"""Tables nested deeper than this are flattened into their cell's text."""
MAX_SPAN = 63

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
_DOCUMENT = "word/document.xml"
_DOCUMENT_RELS = "word/_rels/document.xml.rels"
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    struct.error,
)

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_STRICT_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_W = "{" + _W_NS + "}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

W_DOCUMENT = _W + "document"
W_BODY = _W + "body"
W_HDR = _W + "hdr"
W_FTR = _W + "ftr"
W_P = _W + "p"
W_RPR = _W + "rPr"
W_R = _W + "r"
W_T = _W + "t"
W_SYM = _W + "sym"
W_TBL = _W + "tbl"
W_TR = _W + "tr"
W_TRPR = _W + "trPr"
W_TC = _W + "tc"
W_TCPR = _W + "tcPr"
W_GRIDBEFORE = _W + "gridBefore"
W_GRIDSPAN = _W + "gridSpan"
W_VMERGE = _W + "vMerge"
W_HMERGE = _W + "hMerge"
W_SDT = _W + "sdt"
W_SDTPR = _W + "sdtPr"
W_SDTCONTENT = _W + "sdtContent"
W_SHOWINGPLCHDR = _W + "showingPlcHdr"
W_CUSTOMXML = _W + "customXml"
W_SMARTTAG = _W + "smartTag"
W_INS = _W + "ins"
W_DEL = _W + "del"
W_MOVEFROM = _W + "moveFrom"
W_MOVETO = _W + "moveTo"
W_CELLINS = _W + "cellIns"
W_CELLDEL = _W + "cellDel"
W_CELLMERGE = _W + "cellMerge"
W_RUBY = _W + "ruby"
W_RUBYBASE = _W + "rubyBase"
W_DRAWING = _W + "drawing"
W_PICT = _W + "pict"
W_TXBXCONTENT = _W + "txbxContent"
W_VAL = _W + "val"
W_CHAR = _W + "char"
W_FONT = _W + "font"
MC_ALTERNATE = _MC + "AlternateContent"
MC_CHOICE = _MC + "Choice"
MC_FALLBACK = _MC + "Fallback"

_CHARS = {
    _W + "tab": "\t",
    _W + "ptab": "\t",
    _W + "br": "\n",
    _W + "cr": "\n",
    _W + "noBreakHyphen": "-",
}
_INLINE_WRAPPERS = frozenset(
    {W_R, _W + "hyperlink", W_SMARTTAG, W_CUSTOMXML, _W + "fldSimple", _W + "dir", _W + "bdo"}
)
# tr and tc only reach the block walk inside a table flattened past MAX_TABLE_DEPTH.
_BLOCK_WRAPPERS = frozenset({W_CUSTOMXML, W_SMARTTAG, W_TR, W_TC})
_RUN_STRUCTURES = frozenset({W_DRAWING, W_PICT, MC_ALTERNATE, W_RUBY})
_KEPT_CHANGES = frozenset({W_INS, W_MOVETO})
# Paragraph children that need more than the plain-run loop (deleted content is skipped by both).
_PARAGRAPH_STRUCTURES = (_INLINE_WRAPPERS | _KEPT_CHANGES | _RUN_STRUCTURES | set(_CHARS)) | {
    W_T,
    W_SDT,
    W_SYM,
}
_CHANGES = (W_INS, W_DEL, W_MOVEFROM, W_MOVETO, W_CELLINS, W_CELLDEL, W_CELLMERGE)
# A table holding any of these is walked by `_table`; `_plain_table` reads the others in one pass.
_NOT_PLAIN = (
    W_TBL,
    *sorted(
        (_INLINE_WRAPPERS - {W_R})
        | _KEPT_CHANGES
        | _RUN_STRUCTURES
        | {W_DEL, W_MOVEFROM, W_CELLINS, W_CELLDEL, W_CELLMERGE, W_HMERGE, W_TXBXCONTENT, W_RUBYBASE}
    ),
)
_PLAIN_TEXT = frozenset({W_T, W_SYM, *_CHARS})
_PLAIN_TAGS = (W_T, W_P, W_TC, W_GRIDSPAN, W_VMERGE, W_TR, W_TRPR, W_GRIDBEFORE, W_SDT, W_SYM, *_CHARS)
_OFF = frozenset({"0", "false", "off"})

_SYMBOL_FONT = {
    0xA3: "≤",
    0xB3: "≥",
    0xB1: "±",
    0xB4: "×",
    0xB8: "÷",
    0xB9: "≠",
    0xBB: "≈",
    0xB0: "°",
    0xB7: "•",
    0xD6: "√",
    0xAE: "→",
    0xA5: "∞",
    0x2D: "−",
    **{ord(c): c for c in "0123456789<=>%+.,()/:;[]!#&"},
}
_DINGBAT_FONTS = ("wingdings", "webdings", "zapf", "marlett", "mt extra")
_PART_NAME = re.compile(r"word/(header|footer)(\d*)\.xml")

_Element = etree._Element
# el[:] builds the child list in C: several times faster than iterating the element.
_kids = cast("Callable[[_Element], list[_Element]]", operator.itemgetter(slice(None)))


class _Ctx:
    """State of the walk over one kind of part: its paragraph `Ref` and top-level table numbering."""

    __slots__ = ("para_ref", "part", "tables")

    def __init__(self, part: Part) -> None:
        self.part: Part = part
        self.para_ref = Ref(part)
        self.tables = 0


def read_docx(data: bytes, archive: zipfile.ZipFile | None = None) -> Grid:
    """Read .docx bytes into a `Grid` (format "docx"); raises `UnreadableInput` on anything unreadable.

    `archive`: `data` already opened as a zip (by `readers.read_bytes`), so that its directory is read once.
    """
    if data[:4] == _OLE2_MAGIC:
        raise UnreadableInput("OLE2 compound file, not a .docx: an encrypted or legacy Word file")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data)) if archive is None else archive
    except _ZIP_ERRORS as exc:
        raise UnreadableInput(
            f"not a .docx: not a zip archive, or a truncated one ({_one_line(exc)})"
        ) from exc
    package = _Package(zf)
    if not package.has(_DOCUMENT):
        raise UnreadableInput(f"not a Word document: the archive has no {_DOCUMENT}")
    root = package.xml(_DOCUMENT, MAX_DOCUMENT_SIZE, content=True)
    if root.tag != W_DOCUMENT:
        raise UnreadableInput(f"{_DOCUMENT} is not a WordprocessingML document (root {_local(root.tag)})")
    grid = Grid(format="docx")
    body = root.find(W_BODY)
    if body is not None:
        _blocks(iter(_kids(body)), _Ctx("body"), grid.body, 0, None)
    changes = _count_changes(root)
    contexts = {"header": _Ctx("header"), "footer": _Ctx("footer")}
    for kind, name in _header_footer_parts(package):
        part_root = package.xml(name, MAX_PART_SIZE, content=True)
        if part_root.tag in (W_HDR, W_FTR):
            _blocks(
                iter(_kids(part_root)),
                contexts[kind],
                grid.headers if kind == "header" else grid.footers,
                0,
                None,
            )
            changes += _count_changes(part_root)
    grid.tracked_changes = changes
    return grid


def _count_changes(root: _Element) -> int:
    # One C-level scan; lxml answers at once when the names never occur in the document.
    return sum(1 for _ in root.iter(*_CHANGES))


class _Package:
    """The zip, read part by part under the size, ratio and total limits."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.budget = MAX_TOTAL_SIZE

    def has(self, name: str) -> bool:
        try:
            self.zf.getinfo(name)
        except KeyError:
            return False
        return True

    def names(self) -> list[str]:
        return self.zf.namelist()

    def read(self, name: str, limit: int) -> bytes:
        info = self.zf.getinfo(name)
        size = info.file_size
        limit = min(limit, self.budget)
        if size > limit:
            raise UnreadableInput(f"{name} is too large: {size} bytes uncompressed (limit {limit})")
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            raise UnreadableInput(
                f"{name} is compressed more than {MAX_RATIO}:1 ({size} bytes from {info.compress_size}): "
                "refused as a possible zip bomb"
            )
        try:
            with self.zf.open(info) as stream:
                raw = stream.read(size + 1)  # the declared size, so a small part never reserves `limit`
        except RuntimeError as exc:  # zipfile's "password required"
            raise UnreadableInput(f"{name} is encrypted inside the zip") from exc
        except _ZIP_ERRORS as exc:
            raise UnreadableInput(f"cannot read {name} from the zip: {_one_line(exc)}") from exc
        if len(raw) > size:
            raise UnreadableInput(f"{name} is larger than its zip header says ({size} bytes)")
        self.budget -= len(raw)
        return raw

    def xml(self, name: str, limit: int, *, content: bool = False) -> _Element:
        """The part parsed; a `content` part (document, header, footer) without the formatting never read."""
        raw = self.read(name, limit)
        if content:
            raw = without_formatting(raw)
        root = _parse(name, raw)
        if root.tag.startswith("{" + _W_STRICT_NS + "}"):
            root = _parse(name, raw.replace(_W_STRICT_NS.encode(), _W_NS.encode()))
        return root


# Run, paragraph, cell and row properties: most of the bytes of a Word table. Of each such element only
# the children named here are read (or counted, as tracked changes); the rest is cut before parsing.
_CHANGE_NAMES = frozenset(tag.rpartition("}")[2].encode() for tag in _CHANGES)
# Paragraph properties go first: they hold the paragraph mark's run properties, which then go with them in
# one piece, so the pass over run properties has fewer pieces and a shorter part to search (the cut takes
# 1.01 ms instead of 1.09 on the qingshan sample, 1.82 instead of 1.96 on wuchang, 7-11% less on corpus forms,
# 1-2% more on lean ones). Run properties never hold paragraph properties, and no pass removes an element
# that is read or counted, so the order does not change what is read.
_FORMATTING = (
    (b"pPr", _CHANGE_NAMES),
    (b"rPr", _CHANGE_NAMES),
    (b"tcPr", _CHANGE_NAMES | {b"gridSpan", b"vMerge", b"hMerge"}),
    (b"trPr", _CHANGE_NAMES | {b"gridBefore"}),
)
_ONLY_TAGS = re.compile(rb"(?:\s*<[^<>]*>)*\s*")
_TAG = re.compile(rb"<(/?)([^\s/<>]+)[^<>]*?(/?)>")


def without_formatting(raw: bytes) -> bytes:
    """`raw` with its run, paragraph, cell and row properties cut down, so that lxml parses far less.

    A property element (`w:rPr`, `w:pPr`, `w:tcPr`, `w:trPr` without attributes) is cut when its content up
    to its end tag is nothing but tags and whitespace, properly nested (for well-formed XML that is the
    whole element: no "<" or ">" can occur in an attribute value without leaving text between tags). Of its
    children only the empty elements the reader reads (a cell's span and merges, a row's `w:gridBefore`) or
    counts (tracked-change marks) stay; an element left with none is removed whole. Content with anything
    else (text, a comment, a change mark inside another child, a child that is read but not empty) is left
    as it is. A match inside a comment or processing instruction either lies wholly inside it (harmless:
    both are dropped) or fails the test at the "-->" or "?>". CDATA is the one place where the same bytes
    would be text, so a part with CDATA is left as it is. Its opener is no tag, so it is never cut: it is
    looked for in the result, a fraction of the part.
    """
    cut = raw
    for name, read in _FORMATTING:
        cut = _cut_properties(cut, name, read)
    return raw if b"<![CDATA[" in cut else cut


_CUTS: dict[tuple[bytes, bytes], bytes | None] = {}
"""(element name, content) → `_read_children` of the content."""
_CUTS_MAX = 4096


def _cut_properties(raw: bytes, name: bytes, read: frozenset[bytes]) -> bytes:
    start, end = b"<w:" + name + b">", b"</w:" + name + b">"
    pieces = raw.split(start)
    if len(pieces) == 1:
        return raw
    after = pieces[1:]
    # Each piece after a start tag as (content, end tag, rest), in C: the loop below only picks.
    parts = list(map(bytes.partition, after, repeat(end)))
    # Word repeats the same few property sets thousands of times, and forms of one template share them:
    # each distinct one is looked at once, and remembered across documents.
    cut: dict[bytes, bytes] = {}
    for content in {c for c, closed, _ in parts if closed}:
        key = (name, content)
        if key in _CUTS:
            kept = _CUTS[key]
        else:
            if len(_CUTS) >= _CUTS_MAX:
                _CUTS.clear()
            kept = _CUTS[key] = _read_children(content, read)
        if kept is not None:
            cut[content] = start + kept + end if kept else b""
    if not cut:
        return raw
    kept_pieces = [
        cut[content] + rest if closed and content in cut else start + piece
        for (content, closed, rest), piece in zip(parts, after, strict=True)
    ]
    return pieces[0] + b"".join(kept_pieces)


def _read_children(content: bytes, read: frozenset[bytes]) -> bytes | None:
    """The children of property content that the reader reads, or None when the content is not tags only."""
    if _ONLY_TAGS.fullmatch(content) is None:
        return None
    tags = list(_TAG.finditer(content))
    if len(tags) != content.count(b"<"):
        return None  # a "<" that opens no tag the reader can name
    kept: list[bytes] = []
    inside: list[bytes] = []  # names of the open elements
    for tag in tags:
        closing, qname, empty = tag.groups()
        if qname[:1] in b"!?":
            return None  # a comment or processing instruction
        if closing:
            if empty or not inside or inside.pop() != qname:
                return None
            continue
        local = qname.rpartition(b":")[2]
        if inside or not empty:
            if local in read:
                return None  # read or counted, but not an empty child: the parser must see it
            if not empty:
                inside.append(qname)
        elif local in read:
            kept.append(tag.group())
    return None if inside else b"".join(kept)


def _parse(name: str, raw: bytes) -> _Element:
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        collect_ids=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(raw, parser)
    except etree.LxmlError as exc:
        raise UnreadableInput(f"{name} is not well-formed XML: {_one_line(exc)}") from exc
    if root.getroottree().docinfo.internalDTD is not None:
        raise UnreadableInput(f"{name} has a DOCTYPE, which Office files never contain: refused")
    return root


def _header_footer_parts(package: _Package) -> list[tuple[str, str]]:
    """(kind, part name) of the headers and footers, from the relationships or else by name."""
    parts: list[tuple[str, str]] = []
    if package.has(_DOCUMENT_RELS):
        try:
            rels = package.xml(_DOCUMENT_RELS, MAX_PART_SIZE)
        except UnreadableInput:
            rels = None
        if rels is not None:
            seen: set[str] = set()
            for rel in rels.iter(_REL + "Relationship"):
                kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
                target = rel.get("Target")
                if kind not in ("header", "footer") or not target or rel.get("TargetMode") == "External":
                    continue
                name = target.lstrip("/") if target.startswith("/") else posixpath.join("word", target)
                name = posixpath.normpath(name)
                if name not in seen and package.has(name):
                    seen.add(name)
                    parts.append((kind, name))
            return parts
    found: list[tuple[str, int, str]] = []
    for name in package.names():
        m = _PART_NAME.fullmatch(name)
        if m:
            found.append((m[1], int(m[2] or 0), name))
    return [(kind, name) for kind, _, name in sorted(found)]


def _blocks(items: Iterator[_Element], ctx: _Ctx, out: list[Block], depth: int, top: int | None) -> bool:
    """Append the blocks of `items` to `out`; True if a content control showed its placeholder."""
    placeholder = False
    stack = [items]
    while stack:
        for el in stack[-1]:
            tag = el.tag
            if tag == W_P:
                text, shown, boxes = _paragraph(el)
                out.append(Paragraph(text, ctx.para_ref))
                if shown:
                    placeholder = True
                if boxes:
                    stack.extend(iter(_kids(box)) for box in reversed(boxes))
                    break
            elif tag == W_TBL:
                if depth < MAX_TABLE_DEPTH:
                    if top is None:
                        ctx.tables += 1
                        out.append(_table(el, ctx, depth + 1, ctx.tables))
                    else:
                        out.append(_table(el, ctx, depth + 1, top))
                else:
                    stack.append(iter(_kids(el)))
                    break
            elif tag == W_SDT:
                content, shown = _sdt(el)
                if shown:
                    placeholder = True
                if content is not None:
                    stack.append(iter(_kids(content)))
                    break
            elif tag in _BLOCK_WRAPPERS:
                stack.append(iter(_kids(el)))
                break
            elif tag == MC_ALTERNATE:
                branch = _choose(el)
                if branch is not None:
                    stack.append(iter(_kids(branch)))
                    break
        else:
            stack.pop()
    return placeholder


def _paragraph(p: _Element) -> tuple[str, bool, list[_Element] | None]:
    """The paragraph's text, whether it shows a placeholder, and the text boxes it anchors."""
    # Plain runs are read here; the first structured element hands over to `_paragraph_rest`.
    parts: list[str] = []
    children = iter(_kids(p))
    for el in children:
        tag = el.tag
        if tag == W_R:
            run = iter(_kids(el))
            for child in run:
                ctag = child.tag
                if ctag == W_T:
                    if text := child.text:
                        parts.append(text)
                elif ctag == W_RPR:
                    continue
                elif ctag in _CHARS:
                    parts.append(_CHARS[ctag])
                elif ctag == W_SYM:
                    parts.append(_sym(child))
                elif ctag in _RUN_STRUCTURES:
                    return _paragraph_rest(parts, [children, chain((child,), run)])
        elif tag in _PARAGRAPH_STRUCTURES:
            return _paragraph_rest(parts, [chain((el,), children)])
    return "".join(parts), False, None


def _paragraph_rest(
    parts: list[str], stack: list[Iterator[_Element]]
) -> tuple[str, bool, list[_Element] | None]:
    placeholder = False
    boxes: list[_Element] = []
    while stack:
        for el in stack[-1]:
            tag = el.tag
            if tag in _INLINE_WRAPPERS or tag in _KEPT_CHANGES:
                stack.append(iter(_kids(el)))
                break
            if tag == W_T:
                if text := el.text:
                    parts.append(text)
            elif tag in _CHARS:
                parts.append(_CHARS[tag])
            elif tag == W_SDT:
                content, shown = _sdt(el)
                if shown:
                    placeholder = True
                if content is not None:
                    stack.append(iter(_kids(content)))
                    break
            elif tag == W_SYM:
                parts.append(_sym(el))
            elif tag == MC_ALTERNATE:
                branch = _choose(el)
                if branch is not None:
                    stack.append(iter(_kids(branch)))
                    break
            elif tag in (W_DRAWING, W_PICT):
                boxes.extend(_text_boxes(el))
            elif tag == W_RUBY:
                base = el.find(W_RUBYBASE)
                if base is not None:
                    stack.append(iter(_kids(base)))
                    break
        else:
            stack.pop()
    return "".join(parts), placeholder, boxes


_WRAPPERS = frozenset({W_SDT, W_CUSTOMXML, MC_ALTERNATE})


def _unwrap(el: _Element, placeholder: bool) -> tuple[Iterator[_Element], bool] | None:
    """What a table or row walker reads in place of a wrapper (content control, customXml, AlternateContent)."""
    tag = el.tag
    if tag == W_SDT:
        content, shown = _sdt(el)
        return None if content is None else (iter(_kids(content)), placeholder or shown)
    if tag == W_CUSTOMXML:
        return iter(_kids(el)), placeholder
    branch = _choose(el)
    return None if branch is None else (iter(_kids(branch)), placeholder)


def _table(tbl: _Element, ctx: _Ctx, depth: int, top: int) -> Table:
    """Build one table; `depth` counts the tables enclosing its cells' content (1 for a top-level one)."""
    plain = _plain_table(tbl, ctx.part, top)
    if plain is not None:
        return plain
    rows: list[Row] = []
    merges: dict[int, Cell] = {}
    stack = [(iter(_kids(tbl)), False)]
    while stack:
        items, placeholder = stack[-1]
        for el in items:
            tag = el.tag
            if tag == W_TR:
                row = _row(el, ctx, depth, top, len(rows) + 1, merges, placeholder)
                if row is not None:
                    rows.append(row)
            elif tag in _WRAPPERS:
                inner = _unwrap(el, placeholder)
                if inner is not None:
                    stack.append(inner)
                    break
        else:
            stack.pop()
    return Table(rows, _ref(ctx.part, top, None, None))


def _plain_table(tbl: _Element, part: Part, top: int) -> Table | None:
    """A plain table in one filtered pass, or None when the table is not plain (`_table` then walks it).

    Plain: rows, cells, paragraphs and runs in their usual places, with text, TABs, breaks, symbols,
    spans, vertical merges, `w:gridBefore` and content controls around rows, cells, paragraphs or runs.
    Nothing else that `_table` treats specially (tracked changes, nested tables, hyperlinks, fields,
    drawings …) may occur, and every element read must sit where `_table` would read it (a `w:t` in a run
    of the cell's paragraph, …). One C-level `iter` over the element names read visits no formatting; the
    result is exactly `_table`'s.
    """
    scan = tbl.iter(*_NOT_PLAIN)
    next(scan)  # the table itself
    if next(scan, None) is not None:
        return None
    rows: list[Row] = []
    merges: dict[int, Cell] = {}
    tr = trpr = tc = tcpr = p = run = None
    # The cell being read is made when its w:tc starts; its span, merge and placeholder flag are set on it
    # as they are met (its w:tcPr comes before its content), and its text is joined when the next cell
    # starts or the table ends.
    cell = Cell("", _ref(part, top, None, None))
    cells: list[Cell] = []
    continued: list[Cell] = []
    still_open: dict[int, Cell] = {}
    col = number = span = 0
    vmerge: str | None = None
    parts: list[str] = []
    # Content controls are seen through: each w:sdtContent maps to the element it stands in (the table, a
    # row, a cell or a paragraph) and whether a control around it shows its placeholder.
    through: dict[_Element, tuple[_Element, bool]] = {}
    row_shown = False
    # Content controls whose properties may show a placeholder: only these need `_sdt`'s full look.
    flagged = {_grandparent(flag) for flag in tbl.iter(W_SHOWINGPLCHDR)}

    def host(parent: _Element | None) -> tuple[_Element | None, bool]:
        if parent is not None and parent.tag == W_SDTCONTENT:
            return through.get(parent, (None, False))
        return parent, False

    def end_row() -> None:
        for start in continued:
            start.rowspan += 1
        merges.clear()
        merges.update(still_open)
        rows.append(Row(cells, _ref(part, top, number, None)))

    for el in tbl.iter(*_PLAIN_TAGS):
        tag = el.tag
        # The most frequent names first: a cell's paragraph, the cell, its text.
        if tag == W_P:
            parent = el.getparent()
            if parent is not tc and (tc is None or host(parent)[0] is not tc):
                return None
            if p is not None:
                parts.append("\n")
            p = el
        elif tag == W_TC:
            parent = el.getparent()
            shown = False
            if parent is not tr:
                parent, shown = host(parent)
                if parent is not tr or tr is None:
                    return None
            if tc is not None:
                col += span
            if parts:
                if not cell.merged:
                    cell.text = "".join(parts)
                parts = []
            ref = _REFS.get((part, top, number, col + 1)) or _ref(part, top, number, col + 1)
            cell = Cell("", ref, col)
            if row_shown or shown:
                cell.placeholder = True
            cells.append(cell)
            tc = el
            tcpr = p = run = vmerge = None
            span = 1
        elif tag == W_T or tag in _PLAIN_TEXT:  # w:t, the common one, without hashing its name
            parent = el.getparent()
            if parent is not run and parent is not p:
                if parent is None or p is None:
                    return None
                if parent.tag == W_R:
                    grand = parent.getparent()
                    if grand is not p and host(grand)[0] is not p:
                        return None
                    run = parent
                elif host(parent)[0] is not p:
                    return None
            if tag == W_T:
                if text := el.text:
                    parts.append(text)
            elif tag == W_SYM:
                parts.append(_sym(el))
            else:
                parts.append(_CHARS[tag])
        elif tag in (W_GRIDSPAN, W_VMERGE):
            parent = el.getparent()
            if parent is not tcpr:  # read only from the w:tcPr that is the cell's first child
                if (
                    tcpr is not None
                    or parent is None
                    or parent.tag != W_TCPR
                    or parent.getparent() is not tc
                    or parent.getprevious() is not None
                ):
                    return None
                tcpr = parent
            if tag == W_GRIDSPAN:
                span = cell.colspan = _int(el.get(W_VAL), 1, 1, MAX_SPAN)
                continue
            if vmerge is not None:  # a second w:vMerge: `_table` reads the last one
                return None
            vmerge = el.get(W_VAL) or "continue"
            start = merges.get(col) if vmerge != "restart" else None
            if start is not None:  # a continuation: an empty cell, its own content never read
                continued.append(start)
                still_open[col] = start
                cell.merged, cell.placeholder = True, False
            else:
                still_open[col] = cell
        elif tag == W_TR:
            parent = el.getparent()
            shown = False
            if parent is not tbl:
                parent, shown = host(parent)
                if parent is not tbl:
                    return None
            if tr is not None:
                end_row()
            tr, trpr, tc = el, None, None
            cells, continued, still_open, col = [], [], {}, 0
            number = len(rows) + 1
            row_shown = shown
        elif tag == W_SDT:
            anchor, outer = host(el.getparent())
            if el in flagged:
                content, shown = _sdt(el)
            else:
                content, shown = _sdt_content(el), False
            if anchor is None:
                return None
            if anchor is tbl or (anchor is tr and tr is not None):
                if content is not None:  # a row or cell control: its own flag counts for what it holds
                    through[content] = (anchor, outer or shown)
            elif (anchor is tc and tc is not None) or (anchor is p and p is not None):
                if shown and not cell.merged:
                    cell.placeholder = True
                if content is not None:
                    through[content] = (anchor, False)
            else:
                return None
        elif tag == W_TRPR:
            if el.getparent() is not tr:
                return None
            if tc is not None:  # properties after a cell: that cell ends first, as in `_row`
                col += span
                tc = None
            trpr = el
        elif tag == W_GRIDBEFORE:
            if trpr is None or el.getparent() is not trpr:
                return None
            col = _int(el.get(W_VAL), 0, 0, MAX_SPAN)
    if tr is not None:
        end_row()
    if parts and not cell.merged:
        cell.text = "".join(parts)
    return Table(rows, _ref(part, top, None, None))


_REFS: dict[tuple[Part, int, int | None, int | None], Ref] = {}
_REFS_MAX = 1 << 16


def _ref(part: Part, table: int, row: int | None, column: int | None) -> Ref:
    """`Ref(part, table, row, column)`, shared: refs are immutable and forms repeat the same places."""
    key = (part, table, row, column)
    ref = _REFS.get(key)
    if ref is None:
        if len(_REFS) >= _REFS_MAX:
            _REFS.clear()
        ref = _REFS[key] = Ref(part, table, row, column)
    return ref


def _row(
    tr: _Element, ctx: _Ctx, depth: int, top: int, number: int, merges: dict[int, Cell], placeholder: bool
) -> Row | None:
    """Build one row, or None for a deleted one; `merges` maps columns to open vertical merges."""
    part = ctx.part
    col = 0
    cells: list[Cell] = []
    continued: list[Cell] = []
    still_open: dict[int, Cell] = {}
    stack = [(iter(_kids(tr)), placeholder)]
    while stack:
        items, placeholder = stack[-1]
        for el in items:
            tag = el.tag
            if tag == W_TC:
                kids = _kids(el)
                children = iter(kids)
                span = 1
                vmerge: str | None = None
                hmerge = False
                if kids and kids[0].tag == W_TCPR:
                    next(children)
                    deleted = False
                    for prop in _kids(kids[0]):
                        ptag = prop.tag
                        if ptag == W_GRIDSPAN:
                            span = _int(prop.get(W_VAL), 1, 1, MAX_SPAN)
                        elif ptag == W_VMERGE:
                            vmerge = prop.get(W_VAL) or "continue"
                        elif ptag == W_HMERGE:
                            hmerge = prop.get(W_VAL) != "restart"
                        elif ptag == W_CELLDEL:
                            deleted = True
                    if deleted:
                        continue
                if hmerge and cells:
                    cells[-1].colspan += span
                    col += span
                    continue
                ref = _ref(part, top, number, col + 1)
                if vmerge is not None and vmerge != "restart":
                    start = merges.get(col)
                    if start is not None:
                        continued.append(start)
                        still_open[col] = start
                        cells.append(Cell("", ref, col, span, merged=True))
                        col += span
                        continue
                text, shown, tables = _cell_content(children, ctx, depth, top)
                cell = Cell(text, ref, col, span, placeholder=placeholder or shown)
                if tables:
                    cell.tables = tuple(tables)
                cells.append(cell)
                if vmerge is not None:
                    still_open[col] = cell
                col += span
            elif tag == W_TRPR:
                for prop in _kids(el):
                    ptag = prop.tag
                    if ptag == W_GRIDBEFORE:
                        col = _int(prop.get(W_VAL), 0, 0, MAX_SPAN)
                    elif ptag == W_DEL:
                        return None
            elif tag in _WRAPPERS:
                inner = _unwrap(el, placeholder)
                if inner is not None:
                    stack.append(inner)
                    break
        else:
            stack.pop()
    for start in continued:
        start.rowspan += 1
    merges.clear()
    merges.update(still_open)
    return Row(cells, _ref(part, top, number, None))


def _cell_content(
    children: Iterator[_Element], ctx: _Ctx, depth: int, top: int
) -> tuple[str, bool, list[Table]]:
    """A cell's text, placeholder flag and nested tables, from its children after w:tcPr."""
    texts: list[str] = []
    placeholder = False
    for el in children:
        if el.tag == W_P:
            text, shown, boxes = _paragraph(el)
            texts.append(text)
            placeholder = placeholder or shown
            if boxes:
                rest: Iterator[_Element] = chain(chain.from_iterable(boxes), children)
                break
        else:
            rest = chain((el,), children)
            break
    else:
        # The common case: paragraphs only, no need for block objects.
        return "\n".join(texts), placeholder, []
    blocks: list[Block] = []
    placeholder = _blocks(rest, ctx, blocks, depth, top) or placeholder
    texts.extend(b.text for b in blocks if type(b) is Paragraph)
    return "\n".join(texts), placeholder, [b for b in blocks if type(b) is Table]


def _sdt(sdt: _Element) -> tuple[_Element | None, bool]:
    """A content control's content element and whether it is showing its placeholder."""
    content = None
    shown = False
    for child in sdt:
        tag = child.tag
        if tag == W_SDTCONTENT:
            content = child
        elif tag == W_SDTPR:
            # The first w:showingPlcHdr, as `find` would give, without ElementPath's overhead.
            flag = next(child.iterchildren(W_SHOWINGPLCHDR), None)
            shown = flag is not None and (flag.get(W_VAL) or "true").lower() not in _OFF
    return content, shown


def _grandparent(el: _Element) -> _Element | None:
    parent = el.getparent()
    return None if parent is None else parent.getparent()


def _sdt_content(sdt: _Element) -> _Element | None:
    """`_sdt(sdt)[0]`, the content element (the last w:sdtContent), usually found as the last child."""
    if len(sdt):
        last = sdt[-1]
        if last.tag == W_SDTCONTENT:
            return last
    content = None
    for child in sdt:
        if child.tag == W_SDTCONTENT:
            content = child
    return content


def _choose(alternate: _Element) -> _Element | None:
    """The one branch of an mc:AlternateContent to read: its first Choice, else its Fallback."""
    fallback = None
    for child in alternate:
        if child.tag == MC_CHOICE:
            return child
        if child.tag == MC_FALLBACK and fallback is None:
            fallback = child
    return fallback


def _text_boxes(graphic: _Element) -> list[_Element]:
    """The outermost w:txbxContent elements inside a drawing or VML picture, in document order."""
    found: list[_Element] = []
    stack = [iter(_kids(graphic))]
    while stack:
        for el in stack[-1]:
            if el.tag == W_TXBXCONTENT:
                found.append(el)
            elif el.tag == MC_ALTERNATE:
                branch = _choose(el)
                if branch is not None:
                    stack.append(iter(_kids(branch)))
                    break
            elif len(el):
                stack.append(iter(_kids(el)))
                break
        else:
            stack.pop()
    return found


def _sym(sym: _Element) -> str:
    try:
        code = int(sym.get(W_CHAR) or "", 16)
    except ValueError:
        return ""
    font = (sym.get(W_FONT) or "").strip().lower()
    in_private_area = 0xF000 <= code <= 0xF0FF
    if in_private_area:
        code -= 0xF000
    if font == "symbol":
        return _SYMBOL_FONT.get(code, "")
    if in_private_area or font.startswith(_DINGBAT_FONTS):
        return ""
    if code < 0x20 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return ""
    return chr(code)


def _int(value: str | None, default: int, low: int, high: int) -> int:
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        return default
    return max(low, min(high, number))


def _local(tag: object) -> str:
    return str(tag).rpartition("}")[2]


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
