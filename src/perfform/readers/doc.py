"""Read a Word 97–2003 (.doc) or WPS file: LibreOffice converts it to .docx, `read_docx` reads that.

LibreOffice (`soffice`, else `libreoffice`, on PATH) runs headless in a fresh temporary folder: the input is
copied there, so the original is never opened by it; it gets a profile of its own (conversions may run side
by side, and no user's settings apply) with macros disabled and links never updated; its process group is
killed after `TIMEOUT` seconds. Without LibreOffice the file is `UnreadableInput`, saying how to install it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Final

from perfform.errors import UnreadableInput
from perfform.grid import Grid
from perfform.readers import check_zip
from perfform.readers.docx import read_docx

__all__ = ["INSTALL", "MAX_OUTPUT_BYTES", "TIMEOUT", "find_soffice", "read_doc"]

TIMEOUT: Final = 20.0
"""Seconds LibreOffice may take to convert one file."""
INSTALL: Final = "apt-get install libreoffice-writer-nogui"
MAX_OUTPUT_BYTES: Final = 64 * 2**20
"""Largest .docx accepted from the conversion."""

# Registry settings for the throwaway profile: no macros, no fetching of linked files or untrusted URLs
# (Writer's link update mode 0 is "never").
_SETTINGS: Final = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" \
oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" \
oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def find_soffice() -> str | None:
    """The LibreOffice program on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(data: bytes, *, timeout: float = TIMEOUT, soffice: str | None = None) -> Grid:
    """Read .doc (or WPS) bytes into a `Grid` (format "doc"); raises `UnreadableInput` when LibreOffice is
    missing, fails or times out, or the converted document is unreadable."""
    program = soffice or find_soffice()
    if program is None:
        raise UnreadableInput(
            f"a Word 97–2003 (.doc) or WPS file: reading it needs LibreOffice, which is not installed ({INSTALL})"
        )
    with tempfile.TemporaryDirectory(prefix="perfform-doc-", ignore_cleanup_errors=True) as folder:
        work = Path(folder)
        source = work / "input.doc"
        source.write_bytes(data)
        profile = work / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_SETTINGS, encoding="utf-8")
        output = work / "out"
        log = _convert(program, source, output, profile, timeout)
        result = output / "input.docx"
        if not result.is_file():
            raise UnreadableInput(f"LibreOffice could not convert the .doc file: {log}")
        size = result.stat().st_size
        if size > MAX_OUTPUT_BYTES:
            raise UnreadableInput(
                f"the .doc file converts to {size} bytes of .docx (limit {MAX_OUTPUT_BYTES})"
            )
        converted = result.read_bytes()
    check_zip(converted)
    grid = read_docx(converted)
    grid.format = "doc"
    return grid


def _convert(program: str, source: Path, output: Path, profile: Path, timeout: float) -> str:
    """Run the conversion; returns LibreOffice's last line of output (for a message when it fails)."""
    command = [
        program,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(output),
        str(source),
    ]
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            cwd=source.parent,
            start_new_session=True,  # its own process group, so a timeout can end everything it started
        )
    except OSError as exc:
        raise UnreadableInput(f"cannot start LibreOffice ({program}): {exc.strerror or exc}") from None
    try:
        out, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise UnreadableInput(f"LibreOffice did not convert the .doc file within {timeout:g} s") from None
    except BaseException:
        _kill_group(process)
        raise
    lines = [line.strip() for line in out.decode("utf-8", errors="replace").splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower()]
    return (errors or lines or [f"exit status {process.returncode}"])[-1]


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """End the still-running conversion and whatever it started (its own process group)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.wait()
