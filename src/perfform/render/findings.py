"""Findings in a rendered document: which planned cell each diagnostic points to, and how it reads.

A diagnostic's model path ("goals[3].indicators[0].target") is looked up among the paths the plan's cells
show; when no cell shows it, its parents are tried in turn ("goals[3].indicators[0]" → the indicator's name
cell, "goals[3]" → the goal's label cell). A finding with no cell at all (a missing section, tracked changes)
is anchored on the title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from perfform.diagnostics import Diagnostic, Severity
from perfform.render.plan import TablePlan

SEVERITY_ZH: Final = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
FINDINGS_TITLE: Final = "审核意见"
FINDINGS_COLUMNS: Final = ("代码", "级别", "位置", "问题", "建议")
_LAST_STEP: Final = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")

CellIndex = tuple[int, int]
"""(row index, cell index) in the plan's table."""


@dataclass(frozen=True, slots=True)
class Placed:
    diagnostic: Diagnostic
    cell: CellIndex | None


def place(table: TablePlan, diagnostics: Sequence[Diagnostic]) -> list[Placed]:
    index: dict[str, CellIndex] = {}
    for r, c, cell in table.cells():
        for path in cell.paths:
            index.setdefault(path, (r, c))
    return [Placed(d, _lookup(index, d.path)) for d in diagnostics]


def parent_path(path: str) -> str | None:
    """ "goals[1].indicators[0].target" → "goals[1].indicators[0]" → "goals[1].indicators" → "goals[1]" …"""
    match = _LAST_STEP.search(path)
    return path[: match.start()] or None if match else None


def _lookup(index: dict[str, CellIndex], path: str | None) -> CellIndex | None:
    while path:
        if path in index:
            return index[path]
        path = parent_path(path)
    return None


def heading(d: Diagnostic) -> str:
    return f"{d.code} {d.name}（{SEVERITY_ZH[d.severity]}）"


def comment_lines(d: Diagnostic) -> list[str]:
    """The comment attached to the cell: code and name, the message, the suggestion."""
    return [heading(d), d.message, *([f"建议：{d.suggestion}"] if d.suggestion else [])]


def where(d: Diagnostic) -> str:
    """The model path, and the place in the source form when the diagnostic has one."""
    parts = [d.path] if d.path else []
    if d.where():
        parts.append(f"原表 {d.where()}")
    return "\n".join(parts) or "—"


def summary(diagnostics: Sequence[Diagnostic]) -> str:
    counts = [(SEVERITY_ZH[s], sum(d.severity == s for d in diagnostics)) for s in SEVERITY_ZH]
    detail = "，".join(f"{name} {n}" for name, n in counts if n)
    return f"{FINDINGS_TITLE}（共 {len(diagnostics)} 条{'：' + detail if detail else ''}）"


def table_row(d: Diagnostic) -> tuple[str, str, str, str, str]:
    return (f"{d.code}\n{d.name}", SEVERITY_ZH[d.severity], where(d), d.message, d.suggestion or "—")


def text_lines(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """Findings after a text dump: a heading line, then one plain line per finding."""
    lines = [summary(diagnostics)]
    for d in diagnostics:
        place = d.path or "—"
        advice = f"（建议：{d.suggestion}）" if d.suggestion else ""
        lines.append(f"[{SEVERITY_ZH[d.severity]}] {d.code} {d.name} {place}：{d.message}{advice}")
    return lines
