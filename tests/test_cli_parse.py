"""`perfform parse` and `perfform schema`: outputs, formats, errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner

from perfform.cli import main
from perfform.schema import filing_schema, schema_text

ROOT = Path(__file__).resolve().parent.parent
WUCHANG = ROOT / "samples" / "wuchang-2020"
QINGSHAN = ROOT / "samples" / "qingshan-2022"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_parse_prints_json_on_stdout() -> None:
    code, out, _ = invoke("parse", str(WUCHANG / "form.txt"))
    assert code == 0
    data = json.loads(out)
    assert data["department"] == "武昌区委统一战线工作部"
    assert data["funding"]["income"]["total"]["amount"]["number"] == "717.28"
    assert len(data["goals"]) == 6


def test_parse_output_format_from_extension(tmp_path: Path) -> None:
    out = tmp_path / "form.yaml"
    code, stdout, _ = invoke("parse", str(QINGSHAN / "form.docx"), "-o", str(out))
    assert code == 0 and stdout == ""
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["year"] == 2022 and data["taxonomy"] == "2021"
    assert not list(tmp_path.glob(".*.tmp")), "no temp file left behind"


def test_parse_several_inputs_into_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, _ = invoke("parse", str(WUCHANG / "form.txt"), str(QINGSHAN / "form.txt"), "-o", str(out))
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["qingshan-2022-form.json", "wuchang-2020-form.json"]


def test_parse_several_inputs_with_distinct_names(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes((WUCHANG / "form.txt").read_bytes())
    b.write_bytes((QINGSHAN / "form.txt").read_bytes())
    out = tmp_path / "out"
    code, _, _ = invoke("parse", str(a), str(b), "-o", str(out), "--format", "yaml")
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["a.yaml", "b.yaml"]


def test_unreadable_input_is_one_line_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    code, out, err = invoke("parse", str(bad))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "PF001" in err


def test_text_that_is_no_form_is_pf002(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("会议纪要\n今天讨论了明年的工作安排。\n", encoding="utf-8")
    code, _, err = invoke("parse", str(note))
    assert code == 1 and "PF002" in err


def test_output_naming_the_input_is_refused(tmp_path: Path) -> None:
    form = tmp_path / "form.json"
    form.write_bytes((WUCHANG / "form.txt").read_bytes())
    before = form.read_bytes()
    code, _, err = invoke("parse", str(form), "-o", str(form))
    assert code == 2 and "input" in err
    assert form.read_bytes() == before


def test_no_traceback_from_a_real_process(tmp_path: Path) -> None:
    bad = tmp_path / "form.docx"
    bad.write_bytes(bytes(range(256)) * 4)
    proc = subprocess.run(
        [sys.executable, "-m", "perfform", "parse", str(bad)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1


def test_committed_filing_schema_is_current() -> None:
    committed = (ROOT / "schemas" / "filing.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(filing_schema()), "run `make schemas` and commit"


def test_schema_command_prints_the_schema() -> None:
    code, out, _ = invoke("schema")
    assert code == 0
    assert json.loads(out)["title"] == "Filing"
