"""Grid → Filing. `parse_file` and `parse_bytes` read, sniff and parse one input."""

from __future__ import annotations

import hashlib
from pathlib import Path

from perfform.errors import UnreadableInput
from perfform.grid import Grid
from perfform.model import Filing, Source
from perfform.parser.form import FormParser
from perfform.readers import read_bytes


def parse_grid(grid: Grid, source: Source) -> Filing:
    return FormParser(grid, source).parse()


def parse_bytes(data: bytes, path: str = "<bytes>") -> Filing:
    grid = read_bytes(data)
    source = Source(path=path, format=grid.format, sha256=hashlib.sha256(data).hexdigest())
    return parse_grid(grid, source)


def parse_file(path: str | Path) -> Filing:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"cannot read file: {exc.strerror or exc}") from None
    return parse_bytes(data, str(path))
