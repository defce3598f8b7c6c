"""perfform.batch: discovery by name and content, one result per file whatever happens, the process pool."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from perfform import batch
from perfform.batch import FileResult, check_file, discover
from perfform.config import Config

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
GOOD = (SAMPLES / "qingshan-2022" / "form.txt").read_bytes()
BAD = (SAMPLES / "wuchang-2020" / "form.txt").read_bytes()
BAD_DOCX = (SAMPLES / "wuchang-2020" / "form.docx").read_bytes()
JUNK = bytes(range(256)) * 4


def write(path: Path, data: bytes | str = b"") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    return buffer.getvalue()


def names(found: list[str], root: Path) -> list[str]:
    return [Path(f).relative_to(root).as_posix() for f in found]


def test_discover_picks_files_by_suffix_and_by_content(tmp_path: Path) -> None:
    for name in ("a.docx", "b.DOC", "c.xlsx", "d.txt", "e.text", "f.dump", "g.wps", "sub/deep/h.txt"):
        write(tmp_path / name, "x")
    write(tmp_path / "renamed.bin", BAD_DOCX)  # a .docx under another name
    write(tmp_path / "archive", zip_bytes())
    write(tmp_path / "legacy.dat", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    write(tmp_path / "notes.md", "# not a form")
    write(tmp_path / "picture.png", b"\x89PNG\r\n\x1a\n")
    assert names(discover([tmp_path]), tmp_path) == [
        "a.docx",
        "archive",
        "b.DOC",
        "c.xlsx",
        "d.txt",
        "e.text",
        "f.dump",
        "g.wps",
        "legacy.dat",
        "renamed.bin",
        "sub/deep/h.txt",
    ]


def test_discover_skips_hidden_tool_folders_lock_files_and_big_files(tmp_path: Path) -> None:
    for name in (
        ".git/x.txt",
        ".venv/y.txt",
        "__pycache__/z.txt",
        ".hidden/w.txt",
        ".dotfile.txt",
        "~$form.docx",
    ):
        write(tmp_path / name, "x")
    write(tmp_path / "big.txt", "x" * 2000)
    write(tmp_path / "small.txt", "x")
    assert names(discover([tmp_path], max_bytes=1000), tmp_path) == ["small.txt"]


def test_discover_takes_a_named_file_whatever_it_is_once(tmp_path: Path) -> None:
    notes = write(tmp_path / "notes.md", "x")
    form = write(tmp_path / "form.txt", "x")
    found = discover([notes, tmp_path, form, tmp_path / "." / "form.txt"])
    assert names(found, tmp_path) == ["form.txt", "notes.md"]


def test_discover_finds_nothing_in_an_empty_folder(tmp_path: Path) -> None:
    assert discover([tmp_path]) == []


@pytest.mark.parametrize(
    ("data", "status", "codes"),
    [
        (GOOD, "ok", set()),
        (BAD, "invalid", {"PF104"}),
        (JUNK, "unreadable", {"PF001"}),
        (b"", "unreadable", {"PF001"}),
        ("部门预算说明\n一、部门职责\n这不是绩效目标表。\n", "unreadable", {"PF001", "PF002"}),
    ],
    ids=["good", "bad", "junk", "empty", "not-a-form"],
)
def test_check_file_status_and_codes(tmp_path: Path, data: bytes | str, status: str, codes: set[str]) -> None:
    path = write(tmp_path / "form.txt", data)
    result = check_file(str(path), Config())
    assert result.status == status
    assert result.path == str(path)
    found = {d.code for d in result.diagnostics}
    assert found & codes if codes else not any(d.severity == "error" for d in result.diagnostics)
    if status == "unreadable":
        assert len(result.diagnostics) == 1


def test_check_file_reports_a_file_over_the_cap_as_unreadable(tmp_path: Path) -> None:
    path = write(tmp_path / "form.txt", GOOD)
    result = check_file(str(path), Config(), max_bytes=100)
    assert (result.status, [d.code for d in result.diagnostics]) == ("unreadable", ["PF001"])
    assert "too large" in result.diagnostics[0].message


def test_check_file_reports_a_missing_file_as_unreadable(tmp_path: Path) -> None:
    result = check_file(str(tmp_path / "gone.txt"), Config())
    assert (result.status, [d.code for d in result.diagnostics]) == ("unreadable", ["PF001"])


def test_check_file_turns_any_exception_into_pf000(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(data: bytes, path: str, **kw: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("perfform.parser.parse_bytes", explode)
    result = check_file(str(write(tmp_path / "form.txt", GOOD)), Config())
    assert result.status == "unreadable"
    [diagnostic] = result.diagnostics
    assert (diagnostic.code, diagnostic.name, diagnostic.severity) == ("PF000", "internal-error", "error")
    assert "RuntimeError: boom" in diagnostic.message


def test_check_file_hashes_the_bytes_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from perfform import parser

    real = parser.parse_bytes
    given: list[object] = []

    def spy(data: bytes, path: str, **kw: Any) -> object:
        given.append(kw.get("sha256"))
        return real(data, path, **kw)

    monkeypatch.setattr("perfform.parser.parse_bytes", spy)
    result = check_file(str(write(tmp_path / "form.txt", GOOD)), Config(), keep_filing=True)
    assert result.filing is not None and result.sha256 == hashlib.sha256(GOOD).hexdigest()
    assert given == [result.sha256] and result.filing.source.sha256 == result.sha256


def summary_of(results: list[FileResult]) -> list[tuple[str, str, list[str]]]:
    return [(r.path, r.status, [d.code for d in r.diagnostics]) for r in results]


@pytest.fixture
def folder(tmp_path: Path) -> list[str]:
    for i in range(6):
        write(tmp_path / f"good{i}.txt", GOOD)
        write(tmp_path / f"bad{i}.txt", BAD)
    write(tmp_path / "junk.docx", JUNK)
    write(tmp_path / "bad.docx", BAD_DOCX)
    return discover([tmp_path])


def test_run_in_a_pool_gives_the_same_results_in_the_same_order(folder: list[str]) -> None:
    alone = list(batch.run(folder, Config(), jobs=1))
    pooled = list(batch.run(folder, Config(), jobs=2))
    assert [r.path for r in alone] == folder
    assert summary_of(pooled) == summary_of(alone)


def test_run_unordered_yields_every_file_once(folder: list[str]) -> None:
    results = list(batch.run(folder, Config(), jobs=2, ordered=False))
    assert sorted(r.path for r in results) == folder


def test_run_passes_the_config_to_the_workers(folder: list[str]) -> None:
    config = Config(select=["PF104"])
    codes = {d.code for r in batch.run(folder, config, jobs=2) for d in r.diagnostics}
    assert codes == {"PF104", "PF001"}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_run_survives_a_worker_process_dying(folder: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from perfform import parser

    real = parser.parse_bytes

    def die_on_bad3(data: bytes, path: str, **kw: int | None) -> object:
        if path.endswith("bad3.txt"):
            os._exit(17)
        return real(data, path, **kw)

    monkeypatch.setattr("perfform.parser.parse_bytes", die_on_bad3)
    results = {r.path: r for r in batch.run(folder, Config(), jobs=2)}
    assert sorted(results) == folder
    crashed = [p for p, r in results.items() if any(d.code == "PF000" for d in r.diagnostics)]
    assert [Path(p).name for p in crashed] == ["bad3.txt"]
    assert results[crashed[0]].status == "unreadable"
    assert all(r.status == "ok" for p, r in results.items() if Path(p).name.startswith("good"))


def test_workers_import_no_ui_library(tmp_path: Path) -> None:
    path = write(tmp_path / "form.txt", BAD)
    code = (
        "import sys\n"
        "from perfform.batch import check_file\n"
        "from perfform.config import Config\n"
        f"result = check_file({str(path)!r}, Config())\n"
        "assert result.status == 'invalid', result\n"
        "print(sorted(m for m in ('rich', 'click') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
