"""Grid → Filing. `parse_file` and `parse_bytes` read, sniff and parse one input."""

from __future__ import annotations

import hashlib
from pathlib import Path

from perfform._construct import positional_builder
from perfform.errors import UnreadableInput
from perfform.grid import Grid
from perfform.model import Filing, Source
from perfform.parser.form import FormParser
from perfform.readers import DEFAULT_MAX_BYTES, read_bytes


def parse_grid(grid: Grid, source: Source) -> Filing:
    return FormParser(grid, source).parse()


def parse_bytes(
    data: bytes, path: str = "<bytes>", *, max_bytes: int | None = None, sha256: str | None = None
) -> Filing:
    """Parse one input's bytes; `max_bytes` overrides the readers' size caps (`readers.read_bytes`).

    `sha256`: the hex digest of `data` when the caller has it already (it is computed otherwise).
    """
    grid = read_bytes(data, max_bytes=max_bytes)
    digest = hashlib.sha256(data).hexdigest() if sha256 is None else sha256
    if type(path) is str and type(digest) is str:
        source = _source(path, grid.format, digest)
    else:
        source = Source(path=path, format=grid.format, sha256=digest)  # validation names the mistake
    return parse_grid(grid, source)


_source = positional_builder(Source, "path", "format", "sha256")


def parse_file(path: str | Path, *, max_bytes: int | None = None) -> Filing:
    """Parse one file; a file over the size cap is refused before it is read."""
    path = Path(path)
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            raise UnreadableInput(f"file of {size} bytes is over the size limit of {limit} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"cannot read file: {exc.strerror or exc}") from None
    return parse_bytes(data, str(path), max_bytes=max_bytes)
