"""Diagnostics are data: one record per finding, the same for every reporter."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from perfform.model import Location


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


class Diagnostic(BaseModel):
    # defer_build: the engine builds diagnostics without validation and the JSON report writes them
    # without the serializer (`perfform.report`), so a validate run makes no validator at all.
    model_config = ConfigDict(extra="forbid", defer_build=True)

    code: str
    name: str
    severity: Severity
    message: str
    path: str | None = None
    """Where in the filing model, e.g. "goals[3].indicators[0].target"."""
    location: Location | None = None
    """Where in the source: table/row/column for .docx, line for a text dump."""
    expected: str | None = None
    found: str | None = None
    suggestion: str | None = None

    def where(self) -> str:
        """ "line 120" or "table 1, row 27, column 4" or "" when the finding has no place."""
        loc = self.location
        if loc is None:
            return ""
        if loc.line is not None:
            return f"line {loc.line}"
        bits = [f"{k} {v}" for k, v in (("table", loc.table), ("row", loc.row), ("column", loc.column)) if v]
        prefix = "" if loc.part == "body" else f"page {loc.part}, "
        return prefix + ", ".join(bits)
