"""`perfform rules` (the catalogue) and `perfform explain` (one rule's documentation).

docs/rules.md is generated from the same registry: `python -m perfform.commands.rules --write-docs docs/rules.md`
(a test keeps the committed copy equal to `render_rules_markdown()`).
"""

from __future__ import annotations

import ast
import inspect
import json
import re
import textwrap
from dataclasses import asdict, dataclass
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from perfform.commands import UsageFailure

if TYPE_CHECKING:
    from perfform.rules.base import Rule, RuleOptions

_SECTION = re.compile(r"^(Why|Fails|Passes|Options|Notes?|Example|Examples):")
DOCS_COMMAND = "python -m perfform.commands.rules --write-docs docs/rules.md"


@dataclass(frozen=True)
class OptionDoc:
    name: str
    type: str
    default: str
    description: str


@click.command()
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json", "md"]), default="table")
def rules(fmt: str) -> None:
    """List the rules: code, name, default severity, tags and summary."""
    from perfform.rules import all_rules

    if fmt == "json":
        click.echo(json.dumps([rule_record(r) for r in all_rules()], ensure_ascii=False, indent=2))
    elif fmt == "md":
        click.echo(render_rules_markdown(), nl=False)
    else:
        _print_table(all_rules())


@click.command()
@click.argument("code_or_name")
def explain(code_or_name: str) -> None:
    """Show a rule's documentation and options, e.g. `perfform explain PF104` or `share-mismatch`."""
    from perfform.rules import get

    rule = get(code_or_name)
    if rule is None:
        raise UsageFailure(f"unknown rule {code_or_name!r}: `perfform rules` lists them")
    tags = ", ".join(rule.tags) or "none"
    click.echo(f"{rule.code} {rule.name}  (severity {rule.severity.value}; tags: {tags})\n")
    click.echo(textwrap.dedent(rule.doc).strip() + "\n")
    options = option_docs(rule.options)
    if not options:
        click.echo("Options: none")
        return
    click.echo(f"Options (in perfform.toml under [options.{rule.code}]):")
    for option in options:
        click.echo(f"  {option.name} = {option.default}  ({option.type})")
        if option.description:
            click.echo(f"      {option.description}")


def _print_table(catalogue: tuple[Rule, ...]) -> None:
    """One row per rule; piped output is not wrapped, so that each rule stays on one greppable line."""
    import sys

    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, highlight=False)
    for header in ("code", "name", "severity"):
        table.add_column(header, no_wrap=True)
    table.add_column("tags")
    table.add_column("summary")
    for rule in catalogue:
        table.add_row(rule.code, rule.name, rule.severity.value, ", ".join(rule.tags), rule.summary)
    width = None if sys.stdout.isatty() else 10_000
    Console(highlight=False, emoji=False, width=width).print(table)


def rule_record(rule: Rule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "tags": list(rule.tags),
        "summary": rule.summary,
        "options": [asdict(option) for option in option_docs(rule.options)],
    }


def option_docs(options: type[RuleOptions]) -> list[OptionDoc]:
    """Each option's name, type, default and description (the docstring under its declaration)."""
    described = _attribute_docstrings(options)
    docs = []
    for name, field in options.model_fields.items():
        default = field.get_default(call_default_factory=True)
        annotation = field.annotation
        type_name = getattr(annotation, "__name__", None) or str(annotation).replace("typing.", "")
        docs.append(OptionDoc(name, type_name, str(default), described.get(name, "")))
    return docs


def _attribute_docstrings(options: type[RuleOptions]) -> dict[str, str]:
    from perfform.rules.base import RuleOptions

    found: dict[str, str] = {}
    for cls in reversed(options.__mro__):
        if not issubclass(cls, RuleOptions):
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
        except (OSError, TypeError, SyntaxError):
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for node, after in pairwise(body):
            if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)):
                continue
            if isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant):
                found[node.target.id] = " ".join(str(after.value.value).split())
    return found


def render_rules_markdown() -> str:
    """docs/rules.md: an index table, then each rule's documentation and options."""
    from perfform.rules import all_rules

    catalogue = all_rules()
    lines = [
        "# Rules",
        "",
        f"Generated from the rule registry by `{DOCS_COMMAND}`; do not edit by hand.",
        "Select or ignore rules by code, name, tag or code prefix (`--select funding --ignore PF105`).",
        "",
        "| Code | Name | Severity | Tags | Summary |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rule in catalogue:
        anchor = f"{rule.code}-{rule.name}".lower()
        tags = ", ".join(rule.tags)
        row = [f"[{rule.code}](#{anchor})", rule.name, rule.severity.value, tags, _escape(rule.summary)]
        lines.append("| " + " | ".join(row) + " |")
    for rule in catalogue:
        lines += ["", *_rule_section(rule)]
    return "\n".join(lines) + "\n"


def _rule_section(rule: Rule) -> list[str]:
    tags = ", ".join(f"`{t}`" for t in rule.tags) or "none"
    lines = [f"## {rule.code} {rule.name}", "", f"Severity: {rule.severity.value} · Tags: {tags}", ""]
    doc = textwrap.dedent(rule.doc).strip()
    summary, _, rest = doc.partition("\n")
    lines.append(summary.strip())
    lines += _doc_markdown(textwrap.dedent(rest).strip("\n"))
    options = option_docs(rule.options)
    if options:
        lines += ["", f"Options (`[options.{rule.code}]`):", ""]
        lines += ["| Option | Type | Default | Description |", "| --- | --- | --- | --- |"]
        lines += [f"| `{o.name}` | {o.type} | `{o.default}` | {_escape(o.description)} |" for o in options]
    return lines


def _doc_markdown(text: str) -> list[str]:
    """Prose stays prose (section labels in bold); each run of indented lines becomes a text block."""
    lines: list[str] = []
    block: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("    "):
            block.append(line[4:])
            continue
        if block:
            lines += ["", "```text", *block, "```"]
            block = []
        lines.append(_SECTION.sub(r"**\1:**", line))
    while lines and not lines[-1].strip():
        lines.pop()
    return ["", *lines] if lines else []


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def main(argv: list[str] | None = None) -> None:
    """`python -m perfform.commands.rules --write-docs PATH` (else the markdown goes to stdout)."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--write-docs"] and len(args) == 2:
        Path(args[1]).write_text(render_rules_markdown(), encoding="utf-8")
    else:
        sys.stdout.write(render_rules_markdown())


if __name__ == "__main__":
    main()
