"""Tests for the .doc/.wps reader (perfform.readers.doc), which converts with LibreOffice.

Tests that need LibreOffice skip where it is absent; the others stand a fake `soffice` in for it.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from perfform.errors import PerfformError, UnreadableInput
from perfform.parser import parse_file
from perfform.readers import doc as reader
from perfform.readers import read_bytes, sniff
from perfform.readers.doc import INSTALL, find_soffice, read_doc

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
WUCHANG = SAMPLES / "wuchang-2020"
PROVENANCE = {"loc", "source", "sections"}

needs_libreoffice = pytest.mark.skipif(
    find_soffice() is None, reason=f"LibreOffice is not installed ({INSTALL})"
)


def without_provenance(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: without_provenance(v) for k, v in node.items() if k not in PROVENANCE}
    if isinstance(node, list):
        return [without_provenance(v) for v in node]
    return node


def fake_soffice(folder: Path, script: str) -> str:
    path = folder / "soffice"
    path.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def processes_with(marker: str) -> list[int]:
    """Ids of live processes whose command line holds `marker` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


# --- with LibreOffice -----------------------------------------------------------------------------------


@needs_libreoffice
def test_sample_doc_gives_the_same_filing_as_its_docx() -> None:
    from_doc = parse_file(WUCHANG / "form.doc")
    assert from_doc.source.format == "doc"
    from_docx = parse_file(WUCHANG / "form.docx")
    assert without_provenance(from_doc.model_dump(mode="json")) == without_provenance(
        from_docx.model_dump(mode="json")
    )


@needs_libreoffice
@pytest.mark.parametrize("name", ["form.docx", "form.wps", "form.txt"])
def test_doc_is_read_by_content_whatever_its_name(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes((WUCHANG / "form.doc").read_bytes())
    assert parse_file(tmp_path / name).source.format == "doc"


@needs_libreoffice
def test_the_original_is_never_touched(tmp_path: Path) -> None:
    original = tmp_path / "form.doc"
    original.write_bytes((WUCHANG / "form.doc").read_bytes())
    original.chmod(0o444)
    before = (hashlib.sha256(original.read_bytes()).hexdigest(), original.stat().st_mtime_ns)
    parse_file(original)
    assert (hashlib.sha256(original.read_bytes()).hexdigest(), original.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["form.doc"]


@needs_libreoffice
def test_a_doc_with_a_garbled_body_is_unreadable_within_the_timeout() -> None:
    # LibreOffice 7.4 spins on this file: only the timeout ends it.
    from perfform.readers.ole2 import CompoundFile

    data = bytearray((WUCHANG / "form.doc").read_bytes())
    compound = CompoundFile(bytes(data))
    word = compound.find("WordDocument")
    assert word is not None
    start = (word.start + 1) * compound.sector_size
    data[start + 32 : start + 512] = bytes(range(256)) + bytes(range(224))  # the FIB past its first fields
    started = time.monotonic()
    with pytest.raises(PerfformError) as caught:
        read_doc(bytes(data), timeout=5)
    assert "\n" not in caught.value.message
    assert time.monotonic() - started < 9


# --- without LibreOffice --------------------------------------------------------------------------------


def test_without_libreoffice_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_soffice() is None
    with pytest.raises(UnreadableInput) as caught:
        read_bytes((WUCHANG / "form.doc").read_bytes())
    message = caught.value.message
    assert "apt-get install libreoffice-writer-nogui" in message and "\n" not in message
    assert sniff((WUCHANG / "form.doc").read_bytes()) == "doc"


def test_timeout_kills_the_converter_and_all_it_started(tmp_path: Path) -> None:
    marker = f"31.{os.getpid()}{time.monotonic_ns() % 10**6}"
    program = fake_soffice(tmp_path, f"sleep {marker} & sleep {marker}")
    started = time.monotonic()
    with pytest.raises(UnreadableInput, match=r"did not convert the \.doc file within 0\.5 s"):
        read_doc(b"not really a doc", timeout=0.5, soffice=program)
    assert time.monotonic() - started < 5
    if Path("/proc/self/cmdline").exists():
        deadline = time.monotonic() + 2
        while processes_with(marker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert processes_with(marker) == []


def test_converter_that_writes_nothing(tmp_path: Path) -> None:
    program = fake_soffice(tmp_path, 'echo "Error: source file could not be loaded"')
    with pytest.raises(
        UnreadableInput, match=r"could not convert the .doc file: Error: source file could not"
    ):
        read_doc(b"x", soffice=program)


def test_converter_that_writes_garbage_gives_the_docx_error(tmp_path: Path) -> None:
    # called as: soffice … --outdir DIR input.doc; writes junk to DIR/input.docx
    program = fake_soffice(
        tmp_path, 'for a; do dir="$last"; last="$a"; done; mkdir -p "$dir"; echo junk > "$dir/input.docx"'
    )
    with pytest.raises(UnreadableInput, match=r"truncated or corrupt zip"):
        read_doc(b"x", soffice=program)


def test_missing_program_is_unreadable_input(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match=r"cannot start LibreOffice"):
        read_doc(b"x", soffice=str(tmp_path / "no-such-soffice"))


def test_profile_settings_disable_macros_and_link_updates() -> None:
    settings = reader._SETTINGS
    assert "DisableMacrosExecution" in settings and "BlockUntrustedRefererLinks" in settings
    assert '"/org.openoffice.Office.Writer/Content/Update"' in settings
