"""GitHub Actions workflow commands: one annotation per finding.

    ::error file=forms/a.txt,line=13,title=PF104 share-mismatch::占比 82% differs from 96.3%

A .docx cell has no line, so its place ("table 1, row 27, column 4") starts the message. Values are escaped as
the Actions runner expects: `%`, CR and LF everywhere, and also `:` and `,` inside properties.
"""

from __future__ import annotations

from typing import TextIO

from perfform.batch import FileResult
from perfform.diagnostics import Diagnostic, Severity
from perfform.report import Summary

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


class Reporter:
    def __init__(self, stream: TextIO, *, strict: bool = False) -> None:
        self.stream = stream

    def add(self, result: FileResult) -> None:
        for diagnostic in result.diagnostics:
            self.stream.write(annotation(result.path, diagnostic) + "\n")

    def finish(self, summary: Summary) -> None:
        self.stream.write(
            f"perfform: {summary.files} files, {summary.ok} ok, {summary.invalid} invalid, "
            f"{summary.unreadable} unreadable; {summary.errors} errors, {summary.warnings} warnings\n"
        )


def annotation(path: str, d: Diagnostic) -> str:
    properties = [("file", path.replace("\\", "/"))]
    loc = d.location
    message = d.message
    if loc is not None and loc.line is not None:
        properties.append(("line", str(loc.line)))
    elif d.where():
        message = f"{d.where()}: {message}"
    if d.suggestion:
        message = f"{message} ({d.suggestion})"
    properties.append(("title", f"{d.code} {d.name}"))
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS[d.severity]} {props}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
