"""`perfform render`: a clean .docx or text dump of one filing, optionally annotated with its findings.

Exit codes: 0 written; 1 the input cannot be read (one line on stderr); 2 usage, configuration or output
error (including an output that names the input).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from perfform.commands import EXIT_FAIL, UsageFailure

if TYPE_CHECKING:
    from perfform.config import Config


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="File to write (.docx, or .txt for a dump). A dump without -o goes to stdout.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["docx", "text"]),
    help="Output format (default: text for a .txt output, else docx).",
)
@click.option(
    "--layout",
    type=click.Choice(["cells", "rows"]),
    default="cells",
    show_default=True,
    help="Dump layout: one cell per line, or one row per line.",
)
@click.option(
    "--annotate", is_flag=True, help="Validate and mark each finding (shading, comment, findings table)."
)
@click.option(
    "--config", "config_file", type=click.Path(path_type=Path), help="perfform.toml for --annotate."
)
def render(
    input_path: Path,
    output: Path | None,
    fmt: str | None,
    layout: str,
    annotate: bool,
    config_file: Path | None,
) -> None:
    """Write a clean document in the standard layout from a form or a parsed filing (.json/.yaml).

    \b
    Examples:
      perfform render form.docx -o clean.docx
      perfform render form.json -o checked.docx --annotate
      perfform render form.docx -o form.txt --layout rows
    """
    from perfform.errors import PerfformError
    from perfform.fileio import OutputError, check_output, write_atomic
    from perfform.render import read_filing, render_docx, render_text

    fmt = fmt or ("text" if output is not None and output.suffix.lower() == ".txt" else "docx")
    if fmt == "docx" and output is None:
        raise UsageFailure("a .docx needs an output file: -o OUT.docx")
    config = _config(input_path, config_file) if annotate else None
    try:
        filing = read_filing(input_path)
    except PerfformError as exc:
        click.echo(f"{input_path}: {exc.code} {exc.message}", err=True)
        raise SystemExit(EXIT_FAIL) from None
    diagnostics = None
    if config is not None:
        from perfform.engine import check_filing

        diagnostics = check_filing(filing, config)
    data: str | bytes
    if fmt == "docx":
        data = render_docx(filing, diagnostics)
    else:
        data = render_text(filing, "rows" if layout == "rows" else "cells", diagnostics)
    if output is None:
        sys.stdout.write(str(data))
        return
    try:
        check_output(output, [input_path])
        write_atomic(output, data)
    except (OutputError, OSError) as exc:
        raise UsageFailure(f"cannot write {output}: {exc}") from None


def _config(input_path: Path, config_file: Path | None) -> Config:
    from perfform.config import ConfigError, load_config

    try:
        return load_config(input_path.parent, config_file)
    except ConfigError as exc:
        raise UsageFailure(exc.message) from None
