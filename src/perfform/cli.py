"""The `perfform` command. Subcommands are imported only when they run, so that start-up stays instant."""

from __future__ import annotations

import importlib

import click

from perfform import __version__

EXIT_OK = 0
EXIT_FAIL = 1
EXIT_ERROR = 2

_COMMANDS = {
    "parse": ("perfform.commands.parse", "parse", "Read forms into structured JSON or YAML."),
    "validate": (
        "perfform.commands.validate",
        "validate",
        "Check forms against the rules; report for people or CI.",
    ),
    "rules": ("perfform.commands.rules", "rules", "List the rules with their codes."),
    "explain": ("perfform.commands.rules", "explain", "Show a rule's documentation."),
    "render": (
        "perfform.commands.render",
        "render",
        "Write a clean .docx or text dump of a filing, optionally annotated.",
    ),
    "export": (
        "perfform.commands.export",
        "export",
        "Consolidate many filings into .xlsx, .csv, .sqlite or .jsonl.",
    ),
    "schema": ("perfform.commands.parse", "schema", "Print the JSON Schema of the filing model."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = _COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module = importlib.import_module(entry[0])
        command: click.Command = getattr(module, entry[1])
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_text) for name, (_, _, help_text) in _COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


EPILOG = """\b
Examples:
  perfform parse form.docx -o form.json
  perfform parse forms/*.docx -o out/ --format yaml
  perfform validate submissions/ --format sarif -o perfform.sarif
  perfform explain PF104
"""


@click.group(cls=LazyGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="perfform")
def main() -> None:
    """Read, validate and export budget performance-target forms (部门整体支出绩效目标表)."""
