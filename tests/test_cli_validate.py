"""`perfform validate`: one report over every input, exit codes, --strict, --select/--ignore, --output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from perfform.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
GOOD = (SAMPLES / "qingshan-2022" / "form.txt").read_bytes()
BAD = (SAMPLES / "wuchang-2020" / "form.txt").read_bytes()
JUNK = bytes(range(256)) * 8


@pytest.fixture
def forms(tmp_path: Path) -> Path:
    """A folder mixing a good filing, a bad one, random bytes named .docx and an empty file."""
    folder = tmp_path / "forms"
    (folder / "2022").mkdir(parents=True)
    (folder / "good.txt").write_bytes(GOOD)
    (folder / "2022" / "bad.txt").write_bytes(BAD)
    (folder / "junk.docx").write_bytes(JUNK)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "readme.md").write_text("not an input", encoding="utf-8")
    return folder


def invoke(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    runner = CliRunner()
    return runner.invoke(main, ["validate", *map(str, args)], env=env, catch_exceptions=False)


def report_of(result: Result) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def codes(report: dict[str, Any]) -> set[str]:
    return {d["code"] for f in report["files"] for d in f["diagnostics"]}


def test_mixed_folder_gives_one_report_over_every_file_and_exit_1(forms: Path) -> None:
    result = invoke(forms, "--format", "json", "-j", "1")
    assert result.exit_code == 1, result.output
    report = report_of(result)
    statuses = {Path(f["path"]).name: f["status"] for f in report["files"]}
    assert statuses == {
        "bad.txt": "invalid",
        "empty.txt": "unreadable",
        "good.txt": "ok",
        "junk.docx": "unreadable",
    }
    assert [f["path"] for f in report["files"]] == sorted(f["path"] for f in report["files"])
    summary = report["summary"]
    assert (summary["files"], summary["ok"], summary["invalid"], summary["unreadable"]) == (4, 1, 1, 2)


def test_good_file_exits_0_with_human_output(forms: Path) -> None:
    result = invoke(forms / "good.txt", "--format", "human")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split() == ["ok", str(forms / "good.txt")]
    assert "1 file: 1 ok" in result.stdout


def test_unreadable_file_alone_exits_1(forms: Path) -> None:
    assert invoke(forms / "junk.docx", "-f", "json").exit_code == 1


def test_strict_fails_on_warnings(forms: Path) -> None:
    warnings_only = ("--select", "PF408", "-f", "json")
    relaxed = invoke(forms / "2022", *warnings_only)
    assert relaxed.exit_code == 0, relaxed.output
    assert codes(report_of(relaxed)) == {"PF408"}
    assert invoke(forms / "2022", *warnings_only, "--strict").exit_code == 1


def test_strict_from_the_config_file(forms: Path) -> None:
    (forms / "perfform.toml").write_text("strict = true\n", encoding="utf-8")
    assert invoke(forms / "2022", "--select", "PF408", "-f", "json").exit_code == 1


def test_select_and_ignore(forms: Path) -> None:
    selected = report_of(
        invoke(forms / "2022", "--select", "PF104", "--select", "vague-target", "-f", "json")
    )
    assert codes(selected) == {"PF104", "PF408"}
    ignored = report_of(invoke(forms / "2022", "--ignore", "PF104", "--ignore", "funding", "-f", "json"))
    assert codes(ignored) and not any(code.startswith("PF1") for code in codes(ignored))


@pytest.mark.parametrize("flag", ["--select", "--ignore"])
def test_unknown_selector_exits_2(forms: Path, flag: str) -> None:
    result = invoke(forms, flag, "PF999x")
    assert result.exit_code == 2
    assert "PF999x" in result.stderr
    assert result.stdout == ""


def test_bad_config_exits_2(forms: Path) -> None:
    (forms / "perfform.toml").write_text("selcet = ['PF104']\n", encoding="utf-8")
    result = invoke(forms)
    assert result.exit_code == 2
    assert "selcet" in result.stderr


def test_missing_config_file_exits_2(forms: Path, tmp_path: Path) -> None:
    result = invoke(forms, "--config", tmp_path / "nope.toml")
    assert result.exit_code == 2
    assert "nope.toml" in result.stderr


def test_no_input_files_exits_2(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    result = invoke(tmp_path)
    assert result.exit_code == 2
    assert "no input files" in result.stderr


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    assert invoke(tmp_path / "nope.docx").exit_code == 2


def test_output_is_written_whole_and_stdout_stays_empty(forms: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "report.sarif"
    target.write_text("old", encoding="utf-8")
    result = invoke(forms, "-f", "sarif", "-o", target)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert sorted(p.name for p in out_dir.iterdir()) == ["report.sarif"]  # no temp file left behind


def test_output_naming_an_input_is_refused(forms: Path) -> None:
    result = invoke(forms, "-f", "json", "-o", forms / "good.txt")
    assert result.exit_code == 2
    assert "input" in result.stderr
    assert (forms / "good.txt").read_bytes() == GOOD


def test_output_into_a_missing_folder_exits_2(forms: Path, tmp_path: Path) -> None:
    result = invoke(forms / "good.txt", "-o", tmp_path / "no" / "such" / "report.json", "-f", "json")
    assert result.exit_code == 2


def test_auto_format_is_github_under_github_actions(forms: Path) -> None:
    result = invoke(forms / "2022" / "bad.txt", env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=")


def test_auto_format_is_human_elsewhere(forms: Path) -> None:
    result = invoke(forms / "good.txt", env={"GITHUB_ACTIONS": ""})
    assert result.stdout.startswith("ok ")


def test_internal_error_on_one_file_exits_2_and_reports_the_others(
    forms: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from perfform import parser

    real = parser.parse_bytes

    def explode_on_good(data: bytes, path: str, **kw: int | None) -> object:
        if path.endswith("good.txt"):
            raise RuntimeError("boom")
        return real(data, path, **kw)

    monkeypatch.setattr("perfform.parser.parse_bytes", explode_on_good)
    result = invoke(forms, "-f", "json", "-j", "1")
    assert result.exit_code == 2
    report = report_of(result)
    assert report["summary"]["files"] == 4
    good = next(f for f in report["files"] if f["path"].endswith("good.txt"))
    assert [d["code"] for d in good["diagnostics"]] == ["PF000"]


def test_command_module_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "import perfform.cli, perfform.commands.validate, perfform.commands.rules\n"
        "print(sorted(m for m in ('pydantic', 'rich', 'docx', 'lxml') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_real_process_with_a_pool(forms: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    done = subprocess.run(
        [sys.executable, "-m", "perfform", "validate", str(forms), "-j", "2", "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    report = json.loads(done.stdout)
    assert sorted(Path(f["path"]).name for f in report["files"]) == [
        "bad.txt",
        "empty.txt",
        "good.txt",
        "junk.docx",
    ]
    assert "PF104" in codes(report)


def test_max_size_refuses_larger_inputs_as_unreadable(tmp_path: Path) -> None:
    form = tmp_path / "form.txt"
    form.write_bytes(
        (Path(__file__).resolve().parent.parent / "samples" / "qingshan-2022" / "form.txt").read_bytes()
    )
    runner = CliRunner()
    assert runner.invoke(main, ["validate", str(form), "-f", "json"]).exit_code == 0
    result = runner.invoke(main, ["validate", str(form), "-f", "json", "--max-size", "4K"])
    assert result.exit_code == 1
    assert "over" in result.stdout or "too large" in result.stdout
    assert runner.invoke(main, ["validate", str(form), "--max-size", "lots"]).exit_code == 2
