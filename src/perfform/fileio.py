"""Writing results: atomically (temp file + rename) and never over an input."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


class OutputError(Exception):
    """An output path that must not be written (it names an input, or its folder is missing)."""


def check_output(output: Path, inputs: Iterable[Path]) -> None:
    """Refuse an output that is one of the inputs (by file identity, so links and `./a` count too)."""
    if not output.exists():
        return
    for source in inputs:
        try:
            if source.exists() and os.path.samefile(source, output):
                raise OutputError(f"refusing to write {output}: it is an input")
        except OSError:
            continue


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temp file beside `path`, then rename over it: readers never see half a file."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_writer(path, binary=True) as handle:
        handle.write(payload)


@contextmanager
def atomic_writer(path: Path, *, binary: bool = False) -> Iterator[IO[Any]]:
    """A file to stream into; it replaces `path` only when the block ends without an exception."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"folder does not exist: {folder}")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb" if binary else "w", encoding=None if binary else "utf-8") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process umask (mkstemp creates 0600 files; outputs should get the mode any new file would)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
