"""The validation report: the contract of `perfform validate --format json`.

`schemas/report.schema.json` is generated from these models (`python -m perfform.report --write`) and a
test keeps the committed copy equal to it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from perfform import __version__
from perfform.batch import FileResult, Status
from perfform.diagnostics import Diagnostic, Severity

SCHEMA_PATH = Path("schemas", "report.schema.json")


class _Model(BaseModel):
    # Descriptions as Field(description=...): use_attribute_docstrings re-reads the source at import (~11 ms).
    model_config = ConfigDict(extra="forbid")


class FileReport(_Model):
    path: str = Field(
        description="The input as found from the command's arguments (relative when they were)."
    )
    status: Status = Field(
        description="ok: no error; invalid: at least one error; unreadable: not read as a form (or perfform failed on it)."
    )
    diagnostics: list[Diagnostic] = Field(default_factory=list)


class Summary(_Model):
    files: int = 0
    ok: int = 0
    invalid: int = 0
    unreadable: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    internal_errors: int = Field(default=0, exclude=True)
    """PF000 findings (bugs in perfform, not in the inputs): not part of the report, but they set exit code 2."""

    def count(self, result: FileResult) -> None:
        self.files += 1
        setattr(self, result.status, getattr(self, result.status) + 1)
        for diagnostic in result.diagnostics:
            if diagnostic.severity is Severity.ERROR:
                self.errors += 1
            elif diagnostic.severity is Severity.WARNING:
                self.warnings += 1
            else:
                self.infos += 1
            if diagnostic.code == "PF000":
                self.internal_errors += 1


class Tool(_Model):
    name: Literal["perfform"] = "perfform"
    version: str = __version__


class Report(_Model):
    """Every checked file (sorted by path) with its findings, and the totals."""

    files: list[FileReport]
    summary: Summary
    tool: Tool = Field(default_factory=Tool)


def file_report(result: FileResult) -> FileReport:
    return FileReport(path=result.path, status=result.status, diagnostics=result.diagnostics)


def report_json(report: Report) -> str:
    return json.dumps(report.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=2) + "\n"


def report_schema() -> dict[str, Any]:
    schema = Report.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def render_report_schema() -> str:
    return json.dumps(report_schema(), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> None:
    """`python -m perfform.report --write`: regenerate the committed schema (else print it)."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if "--write" in args:
        SCHEMA_PATH.write_text(render_report_schema(), encoding="utf-8")
    else:
        sys.stdout.write(render_report_schema())


if __name__ == "__main__":
    main()
