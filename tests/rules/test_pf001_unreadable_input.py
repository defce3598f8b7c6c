"""PF001 unreadable-input: reported by the reader, never by checking a filing."""

from __future__ import annotations

import pytest
from _run import factory

from perfform.diagnostics import Severity
from perfform.engine import input_diagnostic
from perfform.errors import PerfformError
from perfform.parser import parse_bytes
from perfform.rules.pf001_unreadable_input import RULE


def test_pf001_fails_on_a_pdf() -> None:
    with pytest.raises(PerfformError) as caught:
        parse_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", path="form.pdf")
    diagnostic = input_diagnostic(caught.value.code, caught.value.message)
    assert (diagnostic.code, diagnostic.name, diagnostic.severity) == (
        "PF001",
        "unreadable-input",
        Severity.ERROR,
    )
    assert diagnostic.path is None and diagnostic.location is None
    assert "PDF" in diagnostic.message


def test_pf001_is_input_only_and_passes_any_filing() -> None:
    assert RULE.input_only
    assert list(RULE.check(factory.clean_filing(), RULE.options())) == []
