"""Machine-readable report: `{"files": [...], "summary": {...}, "tool": {...}}`, see schemas/report.schema.json.

Each file's entry is written as its result arrives (the runner yields them in path order), so memory stays
flat however many files a run checks; the document is the same as dumping one `Report` at the end.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from perfform.batch import FileResult
from perfform.report import Summary, file_entry, summary_entry, tool_entry


def _dumps(data: Any, indent: int) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + " " * indent)


class Reporter:
    def __init__(self, stream: TextIO, *, strict: bool = False) -> None:
        self.stream = stream
        self.count = 0

    def add(self, result: FileResult) -> None:
        entry = file_entry(result)
        self.stream.write(('{\n  "files": [\n    ' if self.count == 0 else ",\n    ") + _dumps(entry, 4))
        self.count += 1

    def finish(self, summary: Summary) -> None:
        head = '{\n  "files": []' if self.count == 0 else "\n  ]"
        tail = {"summary": summary_entry(summary), "tool": tool_entry()}
        body = ",\n".join(f"  {json.dumps(k)}: {_dumps(v, 2)}" for k, v in tail.items())
        self.stream.write(f"{head},\n{body}\n}}\n")
