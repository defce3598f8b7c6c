"""The labels that open each section of the form, matched on `rows.key` (no spaces, colons or brackets)."""

from __future__ import annotations

import re
from enum import Enum
from typing import Final

from perfform.model import GoalKind


class Label(Enum):
    DEPARTMENT = "department"
    PREPARER = "preparer"
    PHONE = "phone"
    DATE = "date"
    FUNDING = "funding"
    FUNCTIONS = "functions"
    TASKS = "annual_tasks"
    OVERALL = "overall_goals"
    GOAL = "goal"
    GOAL_TABLE = "goal_table"
    NOTES = "notes"


_FIELD_LABELS: Final = {
    Label.DEPARTMENT: ("部门名称", "部门单位名称", "单位名称", "预算单位名称", "预算部门名称", "部门单位"),
    Label.PREPARER: ("填报人", "填表人", "填报人员", "联系人"),
    Label.PHONE: ("联系电话", "电话", "联系方式"),
    Label.DATE: ("填报日期", "填报时间", "填表日期"),
}
HEADER_FIELDS: Final = tuple(_FIELD_LABELS)

_SECTION_PREFIXES: Final = {
    Label.FUNDING: ("部门总体资金情况", "总体资金情况", "部门资金情况", "资金情况"),
    Label.FUNCTIONS: ("部门职能概述", "职能概述", "部门职能", "部门主要职能", "主要职能"),
    Label.TASKS: ("年度工作任务", "年度主要任务", "主要工作任务", "年度重点工作任务", "工作任务"),
    Label.OVERALL: ("整体绩效目标", "部门整体绩效目标", "总体绩效目标", "绩效总目标"),
    Label.NOTES: ("备注",),
}

_LABEL_TAIL: Final = 6
"""How much a label cell may add to its label ("部门总体资金情况（万元）" adds 万元)."""

_CN_DIGITS: Final = "一二三四五六七八九十"
GOAL_LABEL = re.compile(rf"^(中长期|长期|年度)(?:绩效)?目标([0-9０-９{_CN_DIGITS}]+)(.*)$")
GOAL_TABLE_LABEL = re.compile(r"^(中长期|长期|年度)?绩效(目标|指标)(表)?$")
TITLE = re.compile(r"(\d{4})\s*年(?:度)?.*绩效目标(?:申报)?表")
YEAR_CELL = re.compile(r"^(\d{4})\s*年?(?:度)?(?:实际|完成)?(?:值)?$")


_FIELD_BY_NAME: Final = {name: label for label, names in _FIELD_LABELS.items() for name in names}


def field_label(cell_key: str) -> tuple[Label, str] | None:
    """A header field label, possibly with its value in the same cell after a colon ("填报人：张三")."""
    label = _FIELD_BY_NAME.get(cell_key)
    return None if label is None else (label, "")


def field_label_inline(text: str) -> tuple[Label, str] | None:
    """ "部门名称：武昌区…" → (DEPARTMENT, "武昌区…") when the value shares the label's cell."""
    for sep in ("：", ":"):
        head, found, tail = text.partition(sep)
        if found:
            hit = field_label(_compact(head))
            if hit is not None and tail.strip():
                return hit[0], tail.strip()
    return None


_ANY_SECTION_PREFIX: Final = tuple(p for prefixes in _SECTION_PREFIXES.values() for p in prefixes)


def section_label(cell_key: str) -> Label | None:
    """The section a label cell opens; a cell of running text that merely starts like a label opens none."""
    if not cell_key.startswith(_ANY_SECTION_PREFIX):  # most cells: no need to try each label in turn
        return None
    if cell_key.startswith("备注"):
        return Label.NOTES
    if "。" in cell_key or "，" in cell_key:
        return None
    for label, prefixes in _SECTION_PREFIXES.items():
        for prefix in prefixes:
            if cell_key.startswith(prefix) and len(cell_key) - len(prefix) <= _LABEL_TAIL:
                return label
    return None


def goal_label(cell_key: str) -> tuple[GoalKind, int, str] | None:
    """ "长期目标1" → ("long_term", 1, ""); the trailing text, if any, is the goal's name in the same cell."""
    match = GOAL_LABEL.match(cell_key)
    if match is None:
        return None
    kind: GoalKind = "annual" if match.group(1) == "年度" else "long_term"
    return kind, _number(match.group(2)), match.group(3)


def goal_table_header(cell_key: str) -> tuple[bool, GoalKind | None]:
    """(is a goal-table header label, the kind it names or None): "年度绩效目标" → (True, "annual")."""
    match = GOAL_TABLE_LABEL.match(cell_key)
    if match is None:
        return False, None
    if match.group(1) is None:
        return True, None
    return True, "annual" if match.group(1) == "年度" else "long_term"


def _number(text: str) -> int:
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS.index(text[1]) + 1
    if text.endswith("十"):
        return (_CN_DIGITS.index(text[0]) + 1) * 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.index(tens) + 1) * 10 + _CN_DIGITS.index(ones) + 1
    return _CN_DIGITS.index(text) + 1


def _compact(text: str) -> str:
    return re.sub(r"[\s\u00a0\u3000（）()]+", "", text)
