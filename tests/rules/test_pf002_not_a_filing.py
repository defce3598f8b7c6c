"""PF002 not-a-filing: reported by the parser, never by checking a filing."""

from __future__ import annotations

import pytest
from _run import factory

from perfform.diagnostics import Severity
from perfform.engine import input_diagnostic
from perfform.errors import NotAFiling
from perfform.parser import parse_bytes
from perfform.rules.pf002_not_a_filing import RULE

LETTER = "关于报送2022年部门整体支出绩效目标的函\n\n区财政局：\n现将我单位绩效目标报上，请审核。\n".encode()


def test_pf002_fails_on_a_cover_letter() -> None:
    with pytest.raises(NotAFiling) as caught:
        parse_bytes(LETTER, path="letter.txt")
    diagnostic = input_diagnostic(caught.value.code, caught.value.message)
    assert (diagnostic.code, diagnostic.name, diagnostic.severity) == (
        "PF002",
        "not-a-filing",
        Severity.ERROR,
    )
    assert diagnostic.path is None


def test_pf002_is_input_only_and_passes_any_filing() -> None:
    assert RULE.input_only
    assert list(RULE.check(factory.clean_filing(), RULE.options())) == []
