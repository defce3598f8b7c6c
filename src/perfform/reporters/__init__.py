"""Reporters render validation results: a registry from format name to module, imported only when used.

Every reporter is built from the same records: `add(result)` is called once per checked file (in path order
when the batch runs ordered), then `finish(summary)` once. Each module defines `Reporter(stream, strict=...)`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from perfform.batch import FileResult
    from perfform.model import Location
    from perfform.report import Summary

REPORTERS = {
    "human": "perfform.reporters.human",
    "json": "perfform.reporters.json",
    "sarif": "perfform.reporters.sarif",
    "junit": "perfform.reporters.junit",
    "github": "perfform.reporters.github",
    "html": "perfform.reporters.html",
}


class Reporter(Protocol):
    def add(self, result: FileResult) -> None: ...

    def finish(self, summary: Summary) -> None: ...


def create(name: str, stream: TextIO, *, strict: bool = False) -> Reporter:
    """The reporter registered as `name`, writing to `stream`; KeyError for an unknown name."""
    module = importlib.import_module(REPORTERS[name])
    reporter: Reporter = module.Reporter(stream, strict=strict)
    return reporter


def cell_place(loc: Location | None) -> str:
    """A cell as "T1 R27 C4" (prefixed "header "/"footer " outside the body); "" for a line or no place."""
    if loc is None or loc.line is not None:
        return ""
    bits = [f"{letter}{n}" for letter, n in (("T", loc.table), ("R", loc.row), ("C", loc.column)) if n]
    text = " ".join(bits)
    return text if loc.part == "body" or not text else f"{loc.part} {text}"
