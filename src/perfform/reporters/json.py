"""Machine-readable report: `{"files": [...], "summary": {...}, "tool": {...}}`, see schemas/report.schema.json."""

from __future__ import annotations

from typing import TextIO

from perfform.batch import FileResult
from perfform.report import FileReport, Report, Summary, file_report, report_json


class Reporter:
    def __init__(self, stream: TextIO, *, strict: bool = False) -> None:
        self.stream = stream
        self.files: list[FileReport] = []

    def add(self, result: FileResult) -> None:
        self.files.append(file_report(result))

    def finish(self, summary: Summary) -> None:
        files = sorted(self.files, key=lambda f: f.path)
        self.stream.write(report_json(Report(files=files, summary=summary)))
