"""`perfform export`: consolidate many filings into tables (.xlsx, .csv, .sqlite, .jsonl).

Exit codes: 0 the output was written (findings and unreadable files are data in it, not failures), 2 usage,
configuration, output or internal error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from perfform.commands import EXIT_ERROR, EXIT_OK, UsageFailure

if TYPE_CHECKING:
    from rich.progress import Progress

    from perfform.tables import Entry

FORMATS = ("xlsx", "csv", "sqlite", "jsonl")
PROGRESS_MIN_FILES = 20
"""Fewer files than this finish before a progress bar is worth drawing."""


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The file to write: .xlsx, .csv (one file per table), .sqlite or .jsonl.",
)
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), help="Default: from the output's suffix.")
@click.option(
    "--headers",
    type=click.Choice(["zh", "en"]),
    help="Column names: zh (default for xlsx, csv) or en (default for jsonl; sqlite is always en).",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: one per CPU).")
@click.option("--select", multiple=True, metavar="RULE", help="Findings of these rules only.")
@click.option("--ignore", multiple=True, metavar="RULE", help="No findings of these rules.")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="perfform.toml to use.")
@click.option("--no-progress", is_flag=True, help="No progress bar.")
def export(
    paths: tuple[Path, ...],
    output: Path,
    fmt: str | None,
    headers: str | None,
    jobs: int | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: Path | None,
    no_progress: bool,
) -> None:
    """Consolidate forms (files, or folders searched recursively) into tables of filings, indicators,
    fund lines and findings.

    \b
    Examples:
      perfform export submissions/ -o 2024.xlsx
      perfform export submissions/ -o 2024.csv --headers en   # 2024-indicators.csv, …
      perfform export submissions/ -o archive.sqlite          # re-running replaces, never duplicates
    """
    from perfform import batch
    from perfform.config import ConfigError, load_config
    from perfform.exporters import tabular
    from perfform.fileio import OutputError, check_output

    fmt = fmt or tabular.format_for(output)
    if fmt is None:
        raise UsageFailure(
            f"cannot tell the format from {output.name}: use .xlsx, .csv, .sqlite, .jsonl or -f"
        )
    if fmt == "sqlite" and headers == "zh":
        raise UsageFailure("sqlite column names are always the English keys; drop --headers zh")
    lang = "zh" if headers == "zh" else "en" if headers == "en" else tabular.DEFAULT_HEADERS[fmt]
    try:
        config = load_config(_config_start(paths), config_file)
        config = config.merged(select=list(select), ignore=list(ignore))
    except ConfigError as exc:
        raise UsageFailure(exc.message) from None
    files = batch.discover(paths)
    if not files:
        raise UsageFailure("no input files found in " + ", ".join(str(p) for p in paths))
    targets = tabular.outputs(fmt, output)
    try:
        for target in targets:
            check_output(target, [*paths, *map(Path, files)])
    except OutputError as exc:
        raise UsageFailure(str(exc)) from None
    show_progress = not no_progress and sys.stderr.isatty() and len(files) >= PROGRESS_MIN_FILES
    tally = Tally()
    with _progress(len(files)) if show_progress else nullcontext() as progress:
        entries = tally.count(tabular.collect(files, config, jobs), progress)
        try:
            written = tabular.writer(fmt)(output, entries, lang)
        except (OutputError, OSError) as exc:
            raise UsageFailure(f"cannot write {output}: {exc}") from None
    names = ", ".join(str(p) for p in written)
    click.echo(f"wrote {names}: {tally}", err=True)
    sys.exit(EXIT_ERROR if tally.internal_errors else EXIT_OK)


def _config_start(paths: Sequence[Path]) -> Path:
    """Where the configuration search starts: the deepest folder holding every input."""
    common = Path(os.path.commonpath([str(p.resolve()) for p in paths]))
    return common if common.is_dir() else common.parent


@dataclass
class Tally:
    """Counts of what went by, for the closing line and the exit code."""

    files: int = 0
    unreadable: int = 0
    indicators: int = 0
    fund_lines: int = 0
    findings: int = 0
    internal_errors: int = 0

    def count(self, entries: Iterable[Entry], progress: Progress | None) -> Iterator[Entry]:
        from perfform.batch import INTERNAL_ERROR
        from perfform.tables import funding_rows

        for entry in entries:
            self.files += 1
            self.unreadable += entry.status == "unreadable"
            if entry.filing is not None:
                self.indicators += sum(len(goal.indicators) for goal in entry.filing.goals)
            self.fund_lines += len(funding_rows(entry))
            self.findings += len(entry.diagnostics)
            self.internal_errors += sum(1 for d in entry.diagnostics if d.code == INTERNAL_ERROR)
            if progress is not None:
                progress.advance(progress.task_ids[0])
                progress.refresh()
            yield entry

    def __str__(self) -> str:
        return (
            f"{self.files} files ({self.unreadable} unreadable), {self.indicators} indicators, "
            f"{self.fund_lines} fund lines, {self.findings} findings"
        )


@contextmanager
def _progress(total: int) -> Iterator[Progress]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("reading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    # No auto-refresh thread: worker processes are forked, and forking beside a thread is unsafe.
    with Progress(*columns, console=Console(stderr=True), transient=True, auto_refresh=False) as progress:
        progress.add_task("reading", total=total)
        progress.refresh()
        yield progress
