"""`perfform validate`: check files and folders of forms, report for people or CI.

Exit codes: 0 no errors (warnings allowed unless --strict), 1 errors (unreadable files count; with --strict
warnings too), 2 usage, configuration or internal error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

import click

from perfform.commands import EXIT_ERROR, EXIT_FAIL, EXIT_OK, UsageFailure

if TYPE_CHECKING:
    from rich.progress import Progress

    from perfform.config import Config
    from perfform.report import Summary
    from perfform.reporters import Reporter

FORMATS = ("auto", "human", "json", "sarif", "junit", "github", "html")
NEEDS_FILINGS = frozenset({"html"})
"""Report formats that show more of each filing than its findings (the HTML report's departments)."""


_SIZE_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30}


def parse_size(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """A size in bytes from "512K", "20M" or "1048576" (K, M, G are powers of 1024)."""
    if value is None:
        return None
    text = value.strip().upper().removesuffix("B")
    unit = text[-1:] if text[-1:] in _SIZE_UNITS else ""
    number = text[: len(text) - len(unit)]
    if not number.isdigit() or int(number) == 0:
        raise click.BadParameter(f"{value!r} is not a size such as 512K or 20M")
    return int(number) * _SIZE_UNITS[unit]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: one per CPU; 1 = no pool)."
)
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write the report here."
)
@click.option("--select", multiple=True, metavar="RULE", help="Run only these (code, name, tag, prefix).")
@click.option("--ignore", multiple=True, metavar="RULE", help="Skip these (code, name, tag, prefix).")
@click.option("--strict", is_flag=True, default=None, help="Warnings fail the run too.")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="perfform.toml to use.")
@click.option("--max-size", callback=parse_size, help="Refuse inputs larger than this (e.g. 512K, 20M).")
@click.option("--no-progress", is_flag=True, help="No progress bar.")
def validate(
    paths: tuple[Path, ...],
    jobs: int | None,
    fmt: str,
    output: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool | None,
    config_file: Path | None,
    max_size: int | None,
    no_progress: bool,
) -> None:
    """Check forms (files, or folders searched recursively) against the rules.

    \b
    Examples:
      perfform validate submissions/
      perfform validate form.docx --select funding --ignore PF105
      perfform validate forms/ --format sarif -o perfform.sarif

    \b
    --format auto is github under GitHub Actions, human elsewhere.
    Exit codes: 0 no errors (warnings allowed unless --strict); 1 errors,
    unreadable files (or warnings with --strict); 2 usage, configuration
    or internal error.
    """
    from perfform import batch
    from perfform.config import ConfigError, load_config
    from perfform.fileio import OutputError, check_output

    try:
        config = load_config(_common_folder(paths), config_file)
        config = config.merged(
            select=list(select), ignore=list(ignore), strict=strict or None, max_size=max_size
        )
    except ConfigError as exc:
        raise UsageFailure(exc.message) from None
    files = batch.discover(paths)
    if not files:
        raise UsageFailure("no input files found in " + ", ".join(str(p) for p in paths))
    if output is not None:
        try:
            check_output(output, [*paths, *map(Path, files)])
        except OutputError as exc:
            raise UsageFailure(str(exc)) from None
    fmt = _resolve_format(fmt)
    show_progress = not no_progress and sys.stderr.isatty() and (fmt == "human" or output is not None)
    try:
        summary = _run(files, config, jobs, fmt, output, show_progress)
    except BrokenPipeError:  # `perfform validate … | head`: the reader left, nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_FAIL)
    except (OutputError, OSError) as exc:
        raise UsageFailure(f"cannot write the report to {output}: {exc}") from None
    except Exception as exc:  # a bug in perfform itself: one line, exit 2
        raise UsageFailure(f"internal error: {type(exc).__name__}: {exc}") from exc
    sys.exit(exit_code(summary, strict=config.strict))


def exit_code(summary: Summary, *, strict: bool) -> int:
    if summary.internal_errors:
        return EXIT_ERROR
    if summary.errors or summary.unreadable or (strict and summary.warnings):
        return EXIT_FAIL
    return EXIT_OK


def _run(
    files: list[str], config: Config, jobs: int | None, fmt: str, output: Path | None, show_progress: bool
) -> Summary:
    """Stream results to the reporter; with --output into a temp file that replaces OUTPUT at the end."""
    from perfform.fileio import atomic_writer

    if output is None:
        return _report(files, config, jobs, fmt, sys.stdout, show_progress)
    with atomic_writer(output) as stream:
        return _report(files, config, jobs, fmt, cast("TextIO", stream), show_progress)


def _report(
    files: list[str], config: Config, jobs: int | None, fmt: str, stream: TextIO, show_progress: bool
) -> Summary:
    from perfform import batch
    from perfform.report import Summary

    summary = Summary.model_construct()  # all defaults: nothing to validate
    with _progress(len(files)) if show_progress else nullcontext() as progress:
        reporter = _reporter(fmt, stream, config.strict, progress if stream is sys.stdout else None)
        for result in batch.run(files, config, jobs, keep_filing=fmt in NEEDS_FILINGS):
            _advance(progress)
            reporter.add(result)
            summary.count(result)
    reporter.finish(summary)
    return summary


def _reporter(fmt: str, stream: TextIO, strict: bool, progress: Progress | None) -> Reporter:
    """Human output to the terminal that shows the progress bar goes through the bar's console."""
    from perfform import reporters

    if fmt == "human" and progress is not None and stream.isatty():
        from perfform.reporters.human import Reporter as HumanReporter

        return HumanReporter(stream, strict=strict, console=progress.console)
    return reporters.create(fmt, stream, strict=strict)


@contextmanager
def _progress(total: int) -> Iterator[Progress]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    # No auto-refresh thread: worker processes are forked, and forking beside a thread is unsafe.
    with Progress(
        *columns,
        console=Console(stderr=True),
        transient=True,
        auto_refresh=False,
        redirect_stdout=False,
        redirect_stderr=False,
    ) as progress:
        progress.add_task("checking", total=total)
        progress.refresh()
        yield progress


def _advance(progress: Progress | None) -> None:
    if progress is not None:
        progress.advance(progress.task_ids[0])
        progress.refresh()


def _resolve_format(fmt: str) -> str:
    if fmt != "auto":
        return fmt
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "human"


def _common_folder(paths: Sequence[Path]) -> Path:
    """Where the configuration search starts: the deepest folder holding every input."""
    resolved = [str(p.resolve()) for p in paths]
    common = Path(os.path.commonpath(resolved))
    return common if common.is_dir() else common.parent
