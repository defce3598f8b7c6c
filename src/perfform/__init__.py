"""perfform: read, validate and export budget performance-target forms (部门整体支出绩效目标表)."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from pathlib import Path

    from perfform.model import Filing

__all__ = ["__version__", "parse"]


def parse(path: str | Path) -> Filing:
    """Read a form (.docx, text dump, …) and return its `Filing`; raises `PerfformError` on bad input."""
    from perfform.parser import parse_file

    return parse_file(path)
