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
    # defer_build: the JSON reporter writes entries with `file_entry`, so a validate run makes no serializer.
    model_config = ConfigDict(extra="forbid", defer_build=True)


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


# The JSON of the report without pydantic's serializer, whose construction (with the validator pydantic
# makes alongside, and its plugin discovery) is most of the cost of starting `perfform validate`. Each
# function returns exactly `model_dump(mode="json", exclude_none=True)` of its model; tests hold them to it.
_DIAGNOSTIC_DETAILS = ("expected", "found", "suggestion")
_LOCATION_FIELDS = ("part", "table", "row", "column", "line")
_SUMMARY_FIELDS = ("files", "ok", "invalid", "unreadable", "errors", "warnings", "infos")


def diagnostic_entry(d: Diagnostic) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "message": d.message,
    }
    if d.path is not None:
        entry["path"] = d.path
    loc = d.location
    if loc is not None:
        entry["location"] = {k: v for k in _LOCATION_FIELDS if (v := getattr(loc, k)) is not None}
    for key in _DIAGNOSTIC_DETAILS:
        value = getattr(d, key)
        if value is not None:
            entry[key] = value
    return entry


def file_entry(result: FileResult) -> dict[str, Any]:
    """`file_report(result)` as JSON data."""
    return {
        "path": result.path,
        "status": result.status,
        "diagnostics": [diagnostic_entry(d) for d in result.diagnostics],
    }


def summary_entry(summary: Summary) -> dict[str, Any]:
    return {key: getattr(summary, key) for key in _SUMMARY_FIELDS}


def tool_entry() -> dict[str, Any]:
    return {"name": "perfform", "version": __version__}


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
