"""`perfform parse` and `perfform schema`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="File (format from its extension) or folder."
)
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["json", "yaml"]), help="Output format (default json)."
)
def parse(files: tuple[Path, ...], output: Path | None, fmt: str | None) -> None:
    """Read forms (.docx, text dump) into structured JSON or YAML.

    \b
    Examples:
      perfform parse form.docx                 # JSON on stdout
      perfform parse form.txt -o form.yaml     # format from the extension
      perfform parse a.docx b.txt -o out/      # one file per input
    """
    from perfform.errors import PerfformError
    from perfform.exporters import EXPORTERS, format_for
    from perfform.fileio import OutputError, check_output, write_atomic
    from perfform.parser import parse_file

    to_dir = output is not None and (output.is_dir() or len(files) > 1 or str(output).endswith(("/", "\\")))
    if output is not None and not to_dir:
        fmt = fmt or format_for(output.suffix) or "json"
    fmt = fmt or "json"
    if to_dir and output is not None:
        output.mkdir(parents=True, exist_ok=True)
    names = _output_stems(files)
    failed = 0
    for path in files:
        try:
            text = EXPORTERS[fmt](parse_file(path))
        except PerfformError as exc:
            click.echo(f"{path}: {exc.code} {exc.message}", err=True)
            failed += 1
            continue
        target = output / f"{names[path]}.{fmt}" if to_dir and output is not None else output
        if target is None:
            sys.stdout.write(text)
            continue
        try:
            check_output(target, files)
            write_atomic(target, text)
        except (OutputError, OSError) as exc:
            click.echo(f"{path}: cannot write {target}: {exc}", err=True)
            raise SystemExit(2) from None
    if failed:
        raise SystemExit(1)


def _output_stems(files: tuple[Path, ...]) -> dict[Path, str]:
    """One output name per input: the file's stem, prefixed by its folder where two stems collide."""
    stems = [p.stem for p in files]
    return {p: (f"{p.parent.name}-{p.stem}" if stems.count(p.stem) > 1 else p.stem) for p in files}


@click.command()
def schema() -> None:
    """Print the JSON Schema of the filing model (the contract of `perfform parse`)."""
    from perfform.schema import filing_schema

    click.echo(json.dumps(filing_schema(), ensure_ascii=False, indent=2))
