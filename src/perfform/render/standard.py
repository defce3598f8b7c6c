"""The standard form's choices that both the table plan and `clean_filing` must make the same way.

A clean rendering restates some as-filed details in the standard form: the title, the goal labels, which
indicator rows show their 一级/二级 (the first row of each merged run), and the two history years of each
table. Keeping those decisions here means that the document and the filing it is expected to parse back to
cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from perfform import taxonomy
from perfform.model import Filing, FundBlock, Funding, FundLine, Goal, GoalKind, Indicator
from perfform.parser.labels import TITLE

FORM_TYPE: Final = "部门整体支出绩效目标表"
HISTORY_COLUMNS: Final = 2
"""The form has two history columns (近两年): the two years before the budget year."""

GOAL_WORD: Final[dict[GoalKind, str]] = {"long_term": "长期", "annual": "年度"}


def title_of(filing: Filing) -> str | None:
    """The title paragraph: the filed title when it names a year, else "<部门><年>年<表名>"; None without a year."""
    if filing.title and TITLE.search(filing.title):
        return filing.title.strip()
    year = budget_year(filing)
    if year is None:
        return None
    return f"{(filing.department or '').strip()}{year}年{filing.form_type or FORM_TYPE}"


def budget_year(filing: Filing) -> int | None:
    """The filing's year, else the year after the latest history year (as a reader infers it)."""
    if filing.year is not None:
        return filing.year
    years = [int(y) for goal in filing.goals for ind in goal.indicators for y in ind.history if y.isdigit()]
    if filing.funding is not None:
        years += filing.funding.history_years
        years += [
            int(y)
            for b in (filing.funding.income, filing.funding.expenditure)
            for line in lines_of(b)
            for y in line.history
            if y.isdigit()
        ]
    return max(years) + 1 if years else None


def goal_label(kind: GoalKind, number: int) -> str:
    """ "长期目标1：" / "年度目标2：" """
    return f"{GOAL_WORD[kind]}目标{number}："


def goal_numbers(goals: Sequence[Goal]) -> list[int]:
    """Each goal's number within its kind, in filing order (what the parser counts)."""
    seen: dict[str, int] = {}
    numbers = []
    for goal in goals:
        seen[goal.kind] = seen.get(goal.kind, 0) + 1
        numbers.append(seen[goal.kind])
    return numbers


def has_history_columns(goal: Goal) -> bool:
    """Annual goals, and any goal whose indicators carry history, get the 近两年指标值 columns."""
    return goal.kind == "annual" or any(ind.history for ind in goal.indicators)


def two_years(known: Iterable[str], year: int | None) -> list[str]:
    """The two history years a table shows: the latest two known, completed backwards; else the two years
    before the budget `year`; [] when neither is known."""
    years = sorted({y for y in known if len(y) == 4 and y.isdigit()})[-HISTORY_COLUMNS:]
    if not years:
        return [] if year is None else [str(year - 2), str(year - 1)]
    while len(years) < HISTORY_COLUMNS:
        years.insert(0, str(int(years[0]) - 1))
    return years


def funding_years(funding: Funding, year: int | None) -> list[str]:
    known = [str(y) for y in funding.history_years]
    if not known:
        known = [
            y
            for block in (funding.income, funding.expenditure)
            for line in lines_of(block)
            for y in line.history
        ]
    return two_years(known, year)


def goal_years(goal: Goal, filing: Filing) -> list[str]:
    """History years of a goal table: its indicators' years, else the funding table's, else the budget year's."""
    known = [y for ind in goal.indicators for y in ind.history]
    if not known and filing.funding is not None:
        known = funding_years(filing.funding, None)
    return two_years(known, budget_year(filing))


def lines_of(block: FundBlock) -> list[FundLine]:
    """A funding block's lines with its total last (the order of the form)."""
    return [*block.items, *([block.total] if block.total is not None else [])]


@dataclass(frozen=True, slots=True)
class LevelRun:
    """Where an indicator row sits in the merged 一级/二级 columns."""

    level1_start: bool
    level1_rows: int
    """Rows of the 一级 merge this row starts (0 when the row is covered by a merge from above)."""
    level2_start: bool
    level2_rows: int


def level_runs(indicators: Sequence[Indicator], version: taxonomy.Version) -> list[LevelRun]:
    """Merge runs of the 一级 and 二级 columns.

    A 一级 run is a stretch of rows with the same 一级; a row whose 二级 belongs to another 一级 under the
    filing's taxonomy starts a run of its own (a reader infers the 一级 of a merged row from its 二级). A
    二级 run is a stretch of the same 二级 inside one 一级 run.
    """
    starts1 = [_starts_level1(indicators, i, version) for i in range(len(indicators))]
    starts2 = [starts1[i] or indicators[i].level2 != indicators[i - 1].level2 for i in range(len(indicators))]
    sizes1 = _run_sizes(starts1)
    sizes2 = _run_sizes(starts2)
    return [LevelRun(s1, n1, s2, n2) for s1, n1, s2, n2 in zip(starts1, sizes1, starts2, sizes2, strict=True)]


def _starts_level1(indicators: Sequence[Indicator], i: int, version: taxonomy.Version) -> bool:
    row = indicators[i]
    if i == 0 or row.level1 != indicators[i - 1].level1:
        return True
    inferred = taxonomy.infer_level1(row.level2, version) if row.level2 else None
    return inferred is not None and inferred != row.level1


def _run_sizes(starts: list[bool]) -> list[int]:
    sizes = [0] * len(starts)
    begin = 0
    for i in range(1, len(starts) + 1):
        if i == len(starts) or starts[i]:
            sizes[begin] = i - begin
            begin = i
    return sizes


def version_of(goals: Sequence[Goal]) -> taxonomy.Version:
    """The taxonomy a reader detects from the 一级 and 二级 names of the goals' indicators."""
    indicators = [ind for goal in goals for ind in goal.indicators]
    level1 = {c for ind in indicators if (c := taxonomy.canonical_level1(ind.level1))}
    level2 = {ind.level2 for ind in indicators if ind.level2}
    return taxonomy.detect_version(level1, level2)
