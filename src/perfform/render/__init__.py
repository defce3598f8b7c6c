"""Render a filing as a clean document in the standard layout: .docx or a tab-indented text dump.

One table plan (`layout.plan_filing`) feeds both outputs and the placement of findings. Reading the output
back gives `clean.clean_filing(filing)`, which is the filing itself when it is already clean.

    render_docx(filing)                         # bytes of a .docx
    render_docx(filing, diagnostics)            # with findings shaded, commented and listed
    render_text(filing, layout="rows")          # the dump as Apache Tika 3.3.2+ prints it
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from perfform.diagnostics import Diagnostic
from perfform.model import Filing
from perfform.render.clean import clean_filing
from perfform.render.layout import plan_filing
from perfform.render.text import TextLayout

__all__ = [
    "FILING_SUFFIXES",
    "TextLayout",
    "clean_filing",
    "plan_filing",
    "read_filing",
    "render_docx",
    "render_text",
]

FILING_SUFFIXES = (".json", ".yaml", ".yml")
"""Inputs read as a parsed filing rather than as a form."""


def render_docx(filing: Filing, diagnostics: Sequence[Diagnostic] | None = None) -> bytes:
    """The .docx; with `diagnostics` (even none) it is annotated and ends with the table of findings."""
    from perfform.render.docx import write_docx
    from perfform.render.findings import place

    plan = plan_filing(filing)
    findings = None if diagnostics is None else place(plan.table, diagnostics)
    return write_docx(plan, findings)


def render_text(
    filing: Filing, layout: TextLayout = "cells", diagnostics: Sequence[Diagnostic] | None = None
) -> str:
    """The text dump; with `diagnostics` (even none) the findings follow the table as plain lines."""
    from perfform.render.findings import text_lines
    from perfform.render.text import write_text

    trailer = [] if diagnostics is None else ["", *text_lines(diagnostics)]
    return write_text(plan_filing(filing), layout, trailer)


def read_filing(path: Path) -> Filing:
    """A filing from a .json/.yaml file (`perfform parse` output) or from any form perfform reads.

    Raises `UnreadableInput` (one line) when the file cannot be read or is not a valid filing.
    """
    if path.suffix.lower() not in FILING_SUFFIXES:
        from perfform.parser import parse_file

        return parse_file(path)
    from perfform.render.source import load_filing

    return load_filing(path)
