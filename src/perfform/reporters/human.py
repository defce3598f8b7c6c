"""For people: one line per file with its status, then its findings, then a total line.

    invalid     forms/wuchang.txt  3 errors, 1 warning
      forms/wuchang.txt:13  PF104  error    占比 82% of 收入构成 … differs from 96.3%  (write 96.3%)
      forms/wuchang.docx T1 R7 C5  PF104  error    …
    3 files: 1 ok, 1 invalid, 1 unreadable · 5 errors, 1 warning, 0 infos

Colour only when the stream is a terminal (rich decides; NO_COLOR is honoured).
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.text import Text

from perfform.batch import FileResult
from perfform.diagnostics import Diagnostic, Severity
from perfform.report import Summary
from perfform.reporters import cell_place

STATUS_STYLE = {"ok": "green", "invalid": "bold red", "unreadable": "bold magenta"}
SEVERITY_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


class Reporter:
    def __init__(self, stream: TextIO, *, strict: bool = False, console: Console | None = None) -> None:
        self.console = console or Console(file=stream, highlight=False, emoji=False, soft_wrap=True)

    def add(self, result: FileResult) -> None:
        head = Text()
        head.append(f"{result.status:<11}", style=STATUS_STYLE[result.status])
        head.append(result.path, style="bold")
        counts = _counts(result.diagnostics)
        if counts:
            head.append(f"  {counts}", style="dim")
        self.console.print(head)
        for diagnostic in result.diagnostics:
            self.console.print(finding_line(result.path, diagnostic))

    def finish(self, summary: Summary) -> None:
        line = Text()
        line.append(_plural(summary.files, "file"), style="bold")
        line.append(f": {summary.ok} ok, {summary.invalid} invalid, {summary.unreadable} unreadable · ")
        line.append(_plural(summary.errors, "error"), style="red" if summary.errors else "")
        line.append(", ")
        line.append(_plural(summary.warnings, "warning"), style="yellow" if summary.warnings else "")
        line.append(f", {_plural(summary.infos, 'info')}")
        self.console.print(line)


def finding_line(path: str, d: Diagnostic) -> Text:
    loc = d.location
    where = f"{path}:{loc.line}" if loc is not None and loc.line is not None else f"{path} {cell_place(loc)}"
    line = Text("  ")
    line.append(where.rstrip(), style="dim")
    line.append(f"  {d.code}  ", style="bold")
    line.append(f"{d.severity.value:<7}", style=SEVERITY_STYLE[d.severity])
    line.append(f"  {d.message}")
    if d.suggestion:
        line.append(f"  ({d.suggestion})", style="italic")
    return line


def _counts(diagnostics: list[Diagnostic]) -> str:
    parts = []
    for severity in Severity:
        n = sum(1 for d in diagnostics if d.severity is severity)
        if n:
            parts.append(_plural(n, severity.value))
    return ", ".join(parts)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
