"""Run one rule module on a filing: `run(pf407_satisfaction_below_threshold, filing, threshold=85)`.

`with_indicator` puts one indicator into a copy of `factory.clean_filing()`. This module also makes `factory`
(tests/factory.py) importable from the rule tests, whose own folder is the one pytest puts on `sys.path`:
`from _run import factory, run, with_indicator`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from perfform.model import Filing, Indicator
from perfform.rules.base import Finding

_TESTS = str(Path(__file__).resolve().parent.parent)
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)

import factory  # noqa: E402

__all__ = ["factory", "run", "with_indicator"]


def run(rule_module: ModuleType, filing: Filing, **options: Any) -> list[Finding]:
    """The rule's findings on `filing`, with `options` validated by the rule's own options model."""
    rule = rule_module.RULE
    return list(rule.check(filing, rule.options(**options)))


def with_indicator(indicator: Indicator, *, goal: int = 1, index: int = 0) -> Filing:
    """`clean_filing()` with `goals[goal].indicators[index]` replaced (goal 0: long-term, 1: annual)."""
    filing = factory.clean_filing().model_copy(deep=True)
    filing.goals[goal].indicators[index] = indicator
    return filing
