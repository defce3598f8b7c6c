"""The filing as a clean rendering states it: what reading the rendered document back gives.

`parse(render(filing))` equals `clean_filing(filing)` apart from provenance (`loc`, `source`, `sections`).
The clean form restates what the standard layout decides rather than copies: the title and goal labels in
their standard wording, `level1_filed`/`level2_filed` on the first row of each merged run only, the two
history years of each table (a year the table shows but a row lacks becomes an empty value), an empty
绩效标准 cell for a missing standard, values re-read from their trimmed raw text, and nothing unplaced.
A filing that already is clean renders and reads back unchanged.
"""

from __future__ import annotations

from perfform import taxonomy
from perfform.model import (
    Filing,
    FundBlock,
    Funding,
    FundLine,
    Goal,
    Indicator,
    OverallGoals,
    Value,
)
from perfform.parser.labels import TITLE
from perfform.parser.rows import trim
from perfform.render import standard
from perfform.values import parse_value

_FORM_TYPES = ("部门整体支出绩效目标表", "项目支出绩效目标表", "部门整体支出绩效自评表", "项目支出绩效自评表")


def clean_filing(filing: Filing) -> Filing:
    title = standard.title_of(filing)
    year = standard.budget_year(filing)
    funding = _funding(filing.funding, year) if filing.funding is not None else None
    goals = _goals(filing)
    year = _year(title, funding, goals)
    department = _text(filing.department)
    if department is None and title is not None and year is not None:
        department = title.split(str(year))[0].strip() or None
    clean = filing.model_copy(
        update={
            "form_type": _form_type(title),
            "title": title,
            "year": year,
            "department": department,
            "preparer": _text(filing.preparer),
            "phone": _text(filing.phone),
            "date": _text(filing.date),
            "funding": funding,
            "functions": _text(filing.functions),
            "annual_tasks": _text(filing.annual_tasks),
            "overall_goals": OverallGoals(
                long_term=trim(filing.overall_goals.long_term), annual=trim(filing.overall_goals.annual)
            ),
            "goals": goals,
            "notes": [trim(note) for note in filing.notes if trim(note)],
            "sections": {},
            "unplaced": [],
            "tracked_changes": 0,
        }
    )
    clean.taxonomy = standard.version_of(goals).key
    return clean


def reread(value: Value | None) -> Value:
    """A value as a reader gets it back from its cell: the trimmed raw text, parsed again."""
    return parse_value(trim(value.raw) if value is not None else "")


def _text(text: str | None) -> str | None:
    return trim(text) or None if text is not None else None


def _form_type(title: str | None) -> str:
    return next((t for t in _FORM_TYPES if title and t in title), standard.FORM_TYPE)


def _year(title: str | None, funding: Funding | None, goals: list[Goal]) -> int | None:
    match = TITLE.search(title) if title else None
    if match is not None:
        return int(match.group(1))
    years = [int(y) for goal in goals for ind in goal.indicators for y in ind.history]
    if funding is not None:
        years += funding.history_years
    return max(years) + 1 if years else None


def _funding(funding: Funding, budget_year: int | None) -> Funding:
    years = standard.funding_years(funding, budget_year)
    return Funding(
        unit="元" if funding.unit == "元" else "万元",
        history_years=[int(y) for y in years],
        income=_block(funding.income, "收入构成", years),
        expenditure=_block(funding.expenditure, "支出构成", years),
    )


def _block(block: FundBlock, name: str, years: list[str]) -> FundBlock:
    if not standard.lines_of(block):
        return FundBlock()
    return FundBlock(
        items=[_line(line, years) for line in block.items],
        total=_line(block.total, years) if block.total is not None else None,
        label=trim(block.label or "") or name,
    )


def _line(line: FundLine, years: list[str]) -> FundLine:
    return FundLine(
        name=trim(line.name),
        amount=reread(line.amount),
        share=reread(line.share),
        history={y: reread(line.history.get(y)) for y in years},
    )


def _goals(filing: Filing) -> list[Goal]:
    goals = [
        goal.model_copy(
            update={"indicators": [_indicator(ind, _years(goal, filing)) for ind in goal.indicators]}
        )
        for goal in filing.goals
    ]
    version = standard.version_of(goals)
    numbers = standard.goal_numbers(goals)
    return [_goal(goal, number, version) for goal, number in zip(goals, numbers, strict=True)]


def _years(goal: Goal, filing: Filing) -> list[str]:
    return standard.goal_years(goal, filing) if standard.has_history_columns(goal) else []


def _goal(goal: Goal, number: int, version: taxonomy.Version) -> Goal:
    """A goal whose indicators are already clean, with its standard label and merge runs."""
    indicators = goal.indicators
    runs = standard.level_runs(indicators, version)
    return Goal(
        kind=goal.kind,
        index=number,
        name=trim(goal.name),
        label=standard.goal_label(goal.kind, number),
        indicators=[
            ind.model_copy(
                update={
                    "level1_filed": ind.level1 if run.level1_start else None,
                    "level2_filed": ind.level2 if run.level2_start else None,
                }
            )
            for ind, run in zip(indicators, runs, strict=True)
        ],
    )


def _indicator(indicator: Indicator, years: list[str]) -> Indicator:
    level1 = trim(indicator.level1)
    level2 = trim(indicator.level2)
    return Indicator(
        level1=taxonomy.canonical_level1(level1) or level1,
        level2=taxonomy.canonical_level2(level2) or level2,
        name=trim(indicator.name),
        target=reread(indicator.target),
        standard=reread(indicator.standard),
        history={y: reread(indicator.history.get(y)) for y in years},
    )
