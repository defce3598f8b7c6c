"""The filing model: the JSON contract users script against.

Field names of the contract (see README) are fixed; fields marked "extra" carry provenance and the labels
as filed. Money and every parsed number are `Decimal`; JSON carries them as strings so that no digit is lost.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Op = Literal[">=", "<=", ">", "<", "="]
GoalKind = Literal["long_term", "annual"]


class _Model(BaseModel):
    # defer_build: a model's validator and serializer are made the first time it validates or dumps, not at
    # import. The parser builds these models without validation, so `perfform validate` never pays for them.
    model_config = ConfigDict(extra="forbid", validate_assignment=False, defer_build=True)


class Location(_Model):
    """Where a value was read (1-based). .docx/.xlsx: table, row, column; text dump: line (and row, column)."""

    # Frozen: the parser gives every value read from the same place the same `Location`, across filings.
    model_config = ConfigDict(frozen=True)

    part: Literal["body", "header", "footer"] = "body"
    table: int | None = None
    row: int | None = None
    column: int | None = None
    line: int | None = None


class Value(_Model):
    """One cell's value: the raw text and what could be read from it."""

    raw: str
    op: Op | None = None
    number: Decimal | None = None
    unit: str | None = None
    kind: Literal["number", "percent", "date", "text", "none", "empty"] = "empty"
    """extra: number (with or without unit), percent, date (deadline), text (qualitative), none (—, -, /),
    empty (blank cell)."""
    placeholder: bool = False
    """extra: the cell shows an unfilled content control's placeholder text."""
    loc: Location | None = None
    """extra: where the cell is."""


class FundLine(_Model):
    name: str
    amount: Value
    share: Value
    history: dict[str, Value] = Field(default_factory=dict)
    loc: Location | None = None


class FundBlock(_Model):
    items: list[FundLine] = Field(default_factory=list)
    total: FundLine | None = None
    label: str | None = None
    """extra: the block label as filed (收入构成 / 支出构成)."""


class Funding(_Model):
    unit: str = "万元"
    history_years: list[int] = Field(default_factory=list)
    income: FundBlock = Field(default_factory=FundBlock)
    expenditure: FundBlock = Field(default_factory=FundBlock)
    loc: Location | None = None


class Indicator(_Model):
    level1: str
    """Canonical 一级 (产出指标, 效益指标, 满意度指标, 成本指标), inferred from 二级 when the cell is empty or
    merged away."""
    level2: str
    """Canonical 二级 (数量指标, 社会效益指标, …)."""
    name: str
    target: Value
    standard: Value | None = None
    history: dict[str, Value] = Field(default_factory=dict)
    level1_filed: str | None = None
    """extra: the 一级 text in this row's own cell, None when empty or merged from above."""
    level2_filed: str | None = None
    """extra: the 二级 text as filed (None when merged from above)."""
    loc: Location | None = None


class Goal(_Model):
    kind: GoalKind
    index: int
    name: str
    indicators: list[Indicator] = Field(default_factory=list)
    label: str | None = None
    """extra: the goal's label cell as filed (长期目标1：, or whatever stood there)."""
    loc: Location | None = None


class OverallGoals(_Model):
    long_term: str = ""
    annual: str = ""


class Source(_Model):
    path: str
    format: str
    sha256: str


class Unplaced(_Model):
    """Content the parser could not place; kept so that nothing is silently dropped."""

    text: str
    loc: Location | None = None


class Filing(_Model):
    form_type: str
    title: str | None = None
    year: int | None = None
    department: str | None = None
    preparer: str | None = None
    phone: str | None = None
    funding: Funding | None = None
    functions: str | None = None
    annual_tasks: str | None = None
    overall_goals: OverallGoals = Field(default_factory=OverallGoals)
    goals: list[Goal] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    source: Source
    date: str | None = None
    """extra: 填报日期 as filed."""
    taxonomy: str | None = None
    """extra: the indicator taxonomy the filing follows (older, 2015, 2021)."""
    sections: dict[str, Location] = Field(default_factory=dict)
    """extra: where each section's label was found, keyed by section name."""
    unplaced: list[Unplaced] = Field(default_factory=list)
    tracked_changes: int = 0
    """extra: unaccepted tracked changes in the source (.docx)."""
