"""The console entry point: `--version` answers without importing the CLI machinery."""

from __future__ import annotations

import subprocess
import sys

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
