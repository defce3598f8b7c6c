"""The rule registry: an explicit list of rule modules, imported on first use."""

from __future__ import annotations

import importlib
from functools import cache

from perfform.rules.base import Rule

MODULES = (
    "pf001_unreadable_input",
    "pf002_not_a_filing",
    "pf003_missing_section",
    "pf004_unplaced_content",
    "pf005_tracked_changes",
    "pf101_income_sum_mismatch",
    "pf102_expenditure_sum_mismatch",
    "pf103_income_expenditure_mismatch",
    "pf104_share_mismatch",
    "pf105_share_total",
    "pf106_amount_invalid",
    "pf201_goal_without_indicators",
    "pf202_goal_without_output",
    "pf203_goal_without_outcome",
    "pf204_unmatched_goal",
    "pf205_duplicate_indicator",
    "pf301_unknown_level1",
    "pf302_level2_not_under_level1",
    "pf303_mixed_taxonomy",
    "pf304_satisfaction_misplaced",
    "pf401_missing_value",
    "pf402_placeholder_value",
    "pf403_malformed_value",
    "pf404_missing_unit",
    "pf405_unit_mismatch",
    "pf406_rate_out_of_range",
    "pf407_satisfaction_below_threshold",
    "pf408_vague_target",
    "pf409_target_below_history",
)


@cache
def all_rules() -> tuple[Rule, ...]:
    rules = []
    for name in MODULES:
        module = importlib.import_module(f"perfform.rules.{name}")
        rules.append(module.RULE)
    return tuple(rules)


def lookup(selector: str) -> list[Rule]:
    """Rules matching a code ("PF104"), a name ("share-mismatch"), a code prefix ("PF1") or a tag."""
    wanted = selector.strip()
    upper = wanted.upper()
    return [
        r
        for r in all_rules()
        if r.code == upper
        or r.name == wanted
        or wanted in r.tags
        or (len(upper) < 5 and r.code.startswith(upper))
    ]


def get(code_or_name: str) -> Rule | None:
    for rule in all_rules():
        if rule.code == code_or_name.upper() or rule.name == code_or_name:
            return rule
    return None
