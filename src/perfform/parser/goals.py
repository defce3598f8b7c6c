"""Goal tables (长期绩效目标 / 年度绩效目标): levels by vocabulary, values counted from the indicator name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfform import taxonomy
from perfform._construct import positional_builder
from perfform.model import GoalKind, Indicator, Location, Value
from perfform.parser.funding import value_of
from perfform.parser.labels import YEAR_CELL
from perfform.parser.rows import CellView, RowView


# eq=False: these records are compared by identity only, and no __eq__ is generated at import time.
@dataclass(slots=True, eq=False)
class RawIndicator:
    """An indicator row before the filing's taxonomy version is known."""

    level1_filed: str | None
    level1_carried: str | None
    level2: str | None
    level2_filed: str | None
    name: str
    target: Value
    standard: Value | None
    history: list[Value]
    years: list[int]
    loc: Location

    def resolve(self, parents: dict[str, str | None], fallback_years: list[int]) -> Indicator:
        """The indicator under the filing's taxonomy (`parents`: `level1_parents` of it); history years
        from its table, else the filing's."""
        history: dict[str, Value] = {}
        if self.history:
            years = self.years if len(self.years) >= len(self.history) else fallback_years
            history = dict(zip(map(str, years), self.history, strict=False))
        return _indicator(
            _resolve_level1(self, parents),
            self.level2 or "",
            self.name,
            self.target,
            self.standard,
            history,
            self.level1_filed,
            self.level2_filed,
            self.loc,
        )


def level1_parents(level2_names: set[str], version: taxonomy.Version) -> dict[str, str | None]:
    """The 一级 each 二级 belongs to under `version` (`taxonomy.infer_level1`), worked out once per filing."""
    return {name: taxonomy.infer_level1(name, version) for name in level2_names}


_indicator = positional_builder(
    Indicator,
    "level1",
    "level2",
    "name",
    "target",
    "standard",
    "history",
    "level1_filed",
    "level2_filed",
    "loc",
)
"""`Indicator(...)` without validation: `resolve` passes strings, `Value`s and a `Location` (tests compare
the filings with validated ones)."""


def _resolve_level1(raw: RawIndicator, parents: dict[str, str | None]) -> str:
    filed = level_names(raw.level1_filed)[0] if raw.level1_filed else None
    if filed is not None:
        return filed
    inferred = parents[raw.level2] if raw.level2 else None
    carried = raw.level1_carried
    if carried is not None and (inferred is None or inferred == carried):
        return carried
    if inferred is not None:
        return inferred
    return raw.level1_filed or carried or ""


_HEADER_YEAR = re.compile(r"(\d{4})年")


@dataclass(slots=True, eq=False)
class _Token:
    index: int
    level1: str | None
    level2: str | None


@dataclass(slots=True, eq=False)
class GoalTable:
    """Reads one goal table's rows after its header row."""

    kind: GoalKind | None
    annual_shape: bool = False
    years: list[int] = field(default_factory=list)
    has_standard: bool = True
    level1_col: int | None = None
    level2_col: int | None = None
    name_col: int | None = None
    last_level1: str | None = None
    last_level2: str | None = None
    indicators: list[RawIndicator] = field(default_factory=list)
    unplaced: list[CellView] = field(default_factory=list)

    def header_row(self, row: RowView) -> None:
        keys = [c.key for c in row.cells]
        years = [int(y) for k in keys for y in _HEADER_YEAR.findall(k)]
        if len(years) >= 2:
            self.years = years
        if any("近两年" in k or "预期当年" in k or "上年" in k for k in keys):
            self.annual_shape = True
        self.has_standard = any("绩效标准" in k or "评价标准" in k for k in keys)

    def sub_header_row(self, row: RowView) -> bool:
        """The 近两年指标值 / 预期当年实现值 row or the row of history years; False for anything else."""
        filled = row.filled
        if not filled:
            return False
        if YEAR_CELL.match(filled[0].key) and all(YEAR_CELL.match(c.key) for c in filled):
            self.years = [int(m.group(1)) for c in filled if (m := YEAR_CELL.match(c.key))]
            self.annual_shape = True
            return True
        if any("近两年" in c.key or "预期当年" in c.key for c in filled) and not any(
            level_names(c.text)[1] for c in filled
        ):
            self.annual_shape = True
            if any("绩效标准" in c.key for c in filled):
                self.has_standard = True
            return True
        return False

    def data_row(self, row: RowView, tokens: list[_Token] | None = None) -> bool:
        """An indicator row; False when the row is not one. `tokens`: its `level_tokens`, when known."""
        cells = row.cells
        if tokens is None:
            tokens = level_tokens(cells)
        level1_filed: str | None = None
        level2: str | None = None
        level2_filed: str | None = None
        if len(tokens) >= 2:
            first, second = tokens[0], tokens[-1]
            level1_filed = cells[first.index].text
            level2 = second.level2
            level2_filed = cells[second.index].text
            self.level1_col, self.level2_col = first.index, second.index
            name_at = second.index + 1
        elif len(tokens) == 1:
            token = tokens[0]
            as_level1 = token.level1 is not None and (
                token.level2 is None or token.index == self.level1_col or token.index + 1 == self.level2_col
            )
            if as_level1:
                level1_filed = cells[token.index].text
                name_at = self.name_col if self.name_col is not None else token.index + 2
                if self.level2_col is not None and self.level2_col < len(cells):
                    level2_filed = cells[self.level2_col].text or None
                    level2 = level_names(level2_filed)[1] if level2_filed else None
            else:
                level2 = token.level2
                level2_filed = cells[token.index].text
                self.level2_col = token.index
                name_at = token.index + 1
        elif self.name_col is not None:
            name_at = self.name_col
            if self.level2_col is not None and self.level2_col < len(cells) and cells[self.level2_col].text:
                level2_filed = cells[self.level2_col].text
        else:
            return False
        self.name_col = name_at
        if name_at >= len(cells) or (not tokens and not cells[name_at].text):
            return False
        if level1_filed is None and self.level1_col is not None and self.level1_col < len(cells):
            level1_filed = cells[self.level1_col].text or None
        if level1_filed is not None and level_names(level1_filed)[0] is None and level2 is None:
            return False
        if level2 is None and level2_filed is None:
            level2 = self.last_level2
        self.last_level2 = level2
        carried = self.last_level1
        if level1_filed:
            self.last_level1 = level_names(level1_filed)[0] or self.last_level1
        self._add(row, cells, name_at, level1_filed, carried, level2, level2_filed)
        return True

    def _add(
        self,
        row: RowView,
        cells: list[CellView],
        name_at: int,
        level1_filed: str | None,
        carried: str | None,
        level2: str | None,
        level2_filed: str | None,
    ) -> None:
        name = cells[name_at]
        values = cells[name_at + 1 :]
        n_hist = (len(self.years) or 2) if self.annual_shape else 0
        expected = n_hist + 1 + (1 if self.has_standard else 0)
        target = values[n_hist] if len(values) > n_hist else None
        standard = values[n_hist + 1] if self.has_standard and len(values) > n_hist + 1 else None
        if len(values) > expected:
            self.unplaced.extend(c for c in values[expected:] if c.text)
        history = [c.value() for c in values[:n_hist]] if n_hist else []
        standard_value = value_of(standard) if self.has_standard else None
        # Positional (in field order): a keyword call of a dataclass costs twice as much, once per indicator.
        self.indicators.append(
            RawIndicator(
                level1_filed,
                carried,
                level2,
                level2_filed,
                name.text,
                value_of(target),
                standard_value,
                history,
                self.years,
                name.loc(),
            )
        )


_LEVELS: dict[str, tuple[str | None, str | None]] = {}
_LEVELS_MAX = 4096


def level_names(text: str) -> tuple[str | None, str | None]:
    """(canonical 一级, canonical 二级) of a cell's text, memoized: the same few labels fill every table."""
    found = _LEVELS.get(text)
    if found is None:
        if len(_LEVELS) >= _LEVELS_MAX:
            _LEVELS.clear()
        found = _LEVELS[text] = (taxonomy.canonical_level1(text), taxonomy.canonical_level2(text))
    return found


def level_tokens(cells: list[CellView]) -> list[_Token]:
    """The leading cells that name a 一级 or 二级 (at most two), skipping blanks; stops at other text."""
    tokens: list[_Token] = []
    for i, cell in enumerate(cells[:6]):
        text = cell.text
        if not text:
            continue
        level1, level2 = _LEVELS.get(text) or level_names(text)
        if level1 is None and level2 is None:
            break
        tokens.append(_Token(i, level1, level2))
        if len(tokens) == 2:
            break
    return tokens
