"""The console entry point: `--version` answers without importing the CLI machinery."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from perfform.cli import main


def test_version_fast_path_matches_the_cli_and_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['perfform', '--version']\n"
        "from perfform.entry import main\n"
        "main()\n"
        "heavy = sorted(m for m in ('click', 'pydantic', 'rich', 'lxml', 'docx', 'yaml') if m in sys.modules)\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    version_line, heavy = out.splitlines()
    assert heavy == "[]"
    assert version_line == CliRunner().invoke(main, ["--version"]).output.strip()


def test_other_arguments_reach_the_cli() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "perfform", "rules", "--help"], capture_output=True, text=True
    )
    assert proc.returncode == 0 and "rules" in proc.stdout


SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "wuchang-2020" / "form.docx"
NEVER_FOR_VALIDATE = (
    "yaml",
    "openpyxl",
    "docx",
    "jsonschema",
    "concurrent",
    "perfform.exporters",
    "perfform.render",
)
"""Modules `perfform validate` on one form has no use for, whatever the report format: each costs start-up time."""


def _run_entry(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run the console entry point in a fresh interpreter; also return the modules it had imported at the end."""
    code = (
        "import sys\n"
        "from perfform.entry import main\n"
        f"sys.argv = ['perfform', *{list(args)!r}]\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    sys.stderr.write('\\nMODULES ' + ' '.join(sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    modules = set(proc.stderr.rpartition("\nMODULES ")[2].split())
    return proc, modules


def _loaded(modules: set[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


@pytest.mark.parametrize("fmt", ["human", "json"])
def test_validate_one_form_imports_only_what_it_needs(fmt: str) -> None:
    proc, modules = _run_entry("validate", str(SAMPLE), "--format", fmt)
    assert proc.returncode == 1, proc.stderr  # the sample has errors; the exit path keeps the code
    assert "PF104" in proc.stdout
    assert [name for name in NEVER_FOR_VALIDATE if _loaded(modules, name)] == []
    assert _loaded(modules, "rich") == (fmt == "human")
    # No pydantic validator or serializer was made: pydantic loads its plugin machinery (and with it
    # importlib.metadata, some 30 ms) for the first one.
    assert not _loaded(modules, "pydantic.plugin._loader")
