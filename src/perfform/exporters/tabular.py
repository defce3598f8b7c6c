"""Tabular exports of many filings: the table writers by format, and the runner that feeds them.

Every writer module (`perfform.exporters.xlsx`, `.csv`, `.sqlite`, `.jsonl`) defines
`write(out, entries, lang) -> list[Path]`: it builds the rows with `perfform.tables`, writes atomically and
returns the paths written. `entries` is read once, as a stream: each parsed filing can be dropped as soon as
its rows are built, so memory grows with the rows, not with the filings. Modules are imported only when used
(openpyxl is slow to import).

`collect` checks each input exactly as `perfform validate` does (`perfform.batch.run`), keeping each parsed
filing for the tables.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from perfform.tables import Entry, Lang

if TYPE_CHECKING:
    from perfform.config import Config

WRITERS = {
    "xlsx": "perfform.exporters.xlsx",
    "csv": "perfform.exporters.csv",
    "sqlite": "perfform.exporters.sqlite",
    "jsonl": "perfform.exporters.jsonl",
}
SUFFIXES = {
    ".xlsx": "xlsx",
    ".csv": "csv",
    ".sqlite": "sqlite",
    ".sqlite3": "sqlite",
    ".db": "sqlite",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
DEFAULT_HEADERS: dict[str, Lang] = {"xlsx": "zh", "csv": "zh", "sqlite": "en", "jsonl": "en"}
"""Tables people open get Chinese headers; files programs read get the English keys."""


class TableWriter(Protocol):
    def __call__(self, out: Path, entries: Iterable[Entry], lang: Lang) -> list[Path]: ...


def writer(fmt: str) -> TableWriter:
    """The `write` function of format `fmt`; KeyError for an unknown format."""
    module = importlib.import_module(WRITERS[fmt])
    write: TableWriter = module.write
    return write


def format_for(out: Path) -> str | None:
    return SUFFIXES.get(out.suffix.lower())


def outputs(fmt: str, out: Path) -> list[Path]:
    """Every file an export to `out` writes (csv writes one per table)."""
    if fmt == "csv":
        from perfform.exporters.csv import outputs as csv_outputs

        return csv_outputs(out)
    return [out]


def collect(paths: Sequence[str], config: Config, jobs: int | None = None) -> Iterator[Entry]:
    """One entry per path, in the order of `paths`, each with its parsed filing: `batch.run` for exports."""
    from perfform import batch

    return batch.run(paths, config, jobs, keep_filing=True)
