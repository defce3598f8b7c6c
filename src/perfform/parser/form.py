"""Grid → Filing: a walk over the rows in reading order, led by section labels and row shapes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfform import taxonomy
from perfform._construct import builder, positional_builder
from perfform.errors import NotAFiling
from perfform.grid import Grid
from perfform.model import Filing, Funding, Goal, GoalKind, Location, OverallGoals, Source, Unplaced
from perfform.parser import labels
from perfform.parser.funding import FundingReader
from perfform.parser.goals import GoalTable, level1_parents, level_names, level_tokens
from perfform.parser.labels import Label
from perfform.parser.rows import MEMO_MAX_TEXT, CellView, RowView, body_rows, margin_rows

FORM_TYPE = "部门整体支出绩效目标表"
_FORM_TYPES = ("部门整体支出绩效目标表", "项目支出绩效目标表", "部门整体支出绩效自评表", "项目支出绩效自评表")
_OVERALL_HEADS = {"长期目标": "long_term", "中长期目标": "long_term", "年度目标": "annual"}
_NOTE_PREFIX = re.compile(r"^备注[：:]?\s*")


# eq=False: these records are compared by identity only, and no __eq__ is generated at import time.
@dataclass(slots=True, eq=False)
class _GoalDraft:
    kind: GoalKind | None
    name: str
    label: str
    loc: Location
    table: GoalTable | None = None


@dataclass(slots=True, eq=False)
class _State:
    section: Label | None = None
    title: str | None = None
    year: int | None = None
    fields: dict[Label, str] = field(default_factory=dict)
    funding: FundingReader | None = None
    functions: list[str] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)
    overall_columns: dict[int, str] = field(default_factory=dict)
    overall: dict[str, list[str]] = field(default_factory=lambda: {"long_term": [], "annual": []})
    goals: list[_GoalDraft] = field(default_factory=list)
    pending: _GoalDraft | None = None
    table: GoalTable | None = None
    last_unclaimed: RowView | None = None
    notes: list[str] = field(default_factory=list)
    unplaced: list[tuple[str, CellView]] = field(default_factory=list)
    sections: dict[str, Location] = field(default_factory=dict)


class FormParser:
    def __init__(self, grid: Grid, source: Source) -> None:
        self.grid = grid
        self.source = source
        self.s = _State()

    def parse(self) -> Filing:
        for row in body_rows(self.grid):
            if row.filled:
                self._row(row)
        self._close_table()
        self._margins()
        return self._build()

    # -- dispatch -------------------------------------------------------------------------------------

    def _row(self, row: RowView) -> None:
        s = self.s
        first = row.filled[0]
        if s.section is Label.GOAL_TABLE and s.table is not None:
            tokens = level_tokens(row.cells)
            if tokens:
                if not s.table.data_row(row, tokens):
                    self._unplaced(row)
                return
        if _opens_nothing(first.text, first.key) and not _is_indicator_header(row):
            self._continue_section(row)  # most rows: what follows would find no label
            return
        title = labels.TITLE.search(first.text)
        if title is not None and not labels.field_label(first.key):
            self._title_row(row, first, int(title.group(1)))
            return
        if self._starts_section(row, first):
            return
        self._continue_section(row)

    def _starts_section(self, row: RowView, first: CellView) -> bool:
        s = self.s
        if labels.field_label(first.key) or labels.field_label_inline(first.text):
            self._header_row(row)
            return True
        goal = labels.goal_label(first.key)
        if goal is not None:
            self._goal_label(row, first, goal)
            return True
        is_header, table_kind = labels.goal_table_header(first.key)
        if is_header or _is_indicator_header(row):
            self._goal_table_header(row, table_kind)
            return True
        section = labels.section_label(first.key)
        if section is None:
            return False
        self._close_table()
        s.section = section
        s.sections.setdefault(section.value, first.loc())
        rest = row.filled[1:]
        if section is Label.FUNDING:
            s.funding = s.funding or FundingReader()
            s.funding.label_row(row, row.cells.index(first))
        elif section is Label.FUNCTIONS:
            s.functions.extend(c.text for c in rest)
        elif section is Label.TASKS:
            s.tasks.extend(c.text for c in rest)
        elif section is Label.OVERALL:
            self._overall_row(row, start=row.cells.index(first) + 1)
        elif section is Label.NOTES:
            note = _NOTE_PREFIX.sub("", " ".join(c.text for c in row.filled))
            if note:
                s.notes.append(note)
        return True

    def _continue_section(self, row: RowView) -> None:
        s = self.s
        if s.section is Label.GOAL_TABLE and s.table is not None:
            # `_row` found no level tokens in this row (they would have made it a data row there).
            if s.table.sub_header_row(row) or s.table.data_row(row, tokens=[]):
                return
        elif s.section is Label.FUNDING and s.funding is not None:
            if s.funding.header_row(row) or s.funding.data_row(row):
                return
        elif s.section is Label.FUNCTIONS:
            s.functions.extend(c.text for c in row.filled)
            return
        elif s.section is Label.TASKS:
            s.tasks.extend(c.text for c in row.filled)
            return
        elif s.section is Label.OVERALL:
            self._overall_row(row)
            return
        elif s.section is Label.NOTES:
            s.notes.append(" ".join(c.text for c in row.filled))
            return
        self._unplaced(row)

    # -- sections ---------------------------------------------------------------------------------------

    def _title_row(self, row: RowView, first: CellView, year: int) -> None:
        s = self.s
        if s.title is None:
            s.title = first.text
            s.year = year
            s.sections.setdefault("title", first.loc())
        if len(row.filled) > 1:
            self._close_table()
            self._unplaced(row)

    def _header_row(self, row: RowView) -> None:
        """Label/value pairs: [部门名称, X] or [填报人, X, 联系电话, Y, …] or "部门名称：X" in one cell."""
        s = self.s
        self._close_table()
        cells = row.filled
        i = 0
        while i < len(cells):
            cell = cells[i]
            inline = labels.field_label_inline(cell.text)
            hit = labels.field_label(cell.key)
            if inline is not None:
                self._set_field(inline[0], inline[1], cell)
                i += 1
            elif hit is not None:
                nxt = cells[i + 1] if i + 1 < len(cells) else None
                if nxt is not None and labels.field_label(nxt.key) is None:
                    self._set_field(hit[0], nxt.text, cell)
                    i += 2
                else:
                    s.sections.setdefault(hit[0].value, cell.loc())
                    i += 1
            else:
                s.unplaced.append((cell.text, cell))
                i += 1
        s.section = None

    def _set_field(self, label: Label, value: str, cell: CellView) -> None:
        s = self.s
        known = s.fields.get(label)
        if known is None:
            s.fields[label] = value
            s.sections.setdefault(label.value, cell.loc())
        elif known != value:
            s.unplaced.append((f"{cell.text} {value}", cell))

    def _overall_row(self, row: RowView, start: int = 0) -> None:
        """[长期目标, 年度目标] headings fix the columns; later rows are read by column, or by their own label."""
        s = self.s
        cells = [(i, c) for i, c in enumerate(row.cells) if i >= start and c.text]
        heads = [(i, c) for i, c in cells if c.key in _OVERALL_HEADS]
        if heads and len(heads) == len(cells):
            s.overall_columns = {i: _OVERALL_HEADS[c.key] for i, c in heads}
            return
        if len(cells) >= 2 and cells[0][1].key in _OVERALL_HEADS:
            s.overall[_OVERALL_HEADS[cells[0][1].key]].extend(c.text for _, c in cells[1:])
            return
        in_order = ("long_term", "annual")
        for position, (i, cell) in enumerate(cells):
            if s.overall_columns:
                kind = s.overall_columns.get(i)
            else:
                kind = in_order[position] if position < len(in_order) else None
            if kind is None:
                s.unplaced.append((cell.text, cell))
            else:
                s.overall[kind].append(cell.text)

    def _goal_label(self, row: RowView, first: CellView, goal: tuple[GoalKind, int, str]) -> None:
        s = self.s
        self._close_table()
        kind, _, inline_name = goal
        name = " ".join(c.text for c in row.filled[1:])
        if inline_name and not name:
            name = re.split(r"[：:]", first.text, maxsplit=1)[-1].strip()
        s.pending = _GoalDraft(kind, name, first.text, first.loc())
        s.section = Label.GOAL
        s.sections.setdefault("goals", first.loc())

    def _goal_table_header(self, row: RowView, kind: GoalKind | None) -> None:
        s = self.s
        self._close_table(keep_pending=True)
        draft = s.pending
        if draft is None and s.last_unclaimed is not None and len(s.last_unclaimed.filled) >= 2:
            odd = s.last_unclaimed
            self._claim(odd)
            draft = _GoalDraft(None, odd.filled[-1].text, odd.filled[0].text, odd.filled[0].loc())
        if draft is None:
            first = row.filled[0]
            draft = _GoalDraft(None, "", "", first.loc())
            s.unplaced.append(("goal table without a goal label", first))
        table = GoalTable(kind=kind)
        table.header_row(row)
        if draft.kind is None:
            draft.kind = kind or ("annual" if table.annual_shape else None)
        draft.table = table
        s.table = table
        s.pending = None
        s.section = Label.GOAL_TABLE
        s.goals.append(draft)
        s.sections.setdefault("goals", row.filled[0].loc())

    def _close_table(self, keep_pending: bool = False) -> None:
        s = self.s
        if s.pending is not None and not keep_pending:
            s.goals.append(s.pending)
            s.pending = None
        table = s.table
        if table is None:
            return
        for draft in s.goals:
            if draft.table is table and draft.kind is None:
                draft.kind = "annual" if table.annual_shape else "long_term"
        s.table = None

    # -- leftovers --------------------------------------------------------------------------------------

    def _unplaced(self, row: RowView) -> None:
        s = self.s
        s.last_unclaimed = row
        for cell in row.filled:
            s.unplaced.append((cell.text, cell))

    def _claim(self, row: RowView) -> None:
        ids = {id(c) for c in row.filled}
        self.s.unplaced = [(t, c) for t, c in self.s.unplaced if id(c) not in ids]
        self.s.last_unclaimed = None

    def _margins(self) -> None:
        """Page headers and footers only fill header fields the body left empty."""
        for row in margin_rows(self.grid):
            cells = row.filled
            for i, cell in enumerate(cells):
                hit = labels.field_label(cell.key)
                if hit and i + 1 < len(cells) and hit[0] not in self.s.fields:
                    self.s.fields[hit[0]] = cells[i + 1].text

    # -- result -----------------------------------------------------------------------------------------

    def _build(self) -> Filing:
        s = self.s
        if not s.fields and s.funding is None and not s.goals and s.title is None:
            raise NotAFiling("no section of a performance-target form found (部门名称, 资金情况, 绩效目标 …)")
        raws = [ind for g in s.goals if g.table for ind in g.table.indicators]
        level1s = {c for r in raws if r.level1_filed and (c := level_names(r.level1_filed)[0])}
        level2s = {r.level2 for r in raws if r.level2}
        version = taxonomy.detect_version(level1s, level2s)
        parents = level1_parents(level2s, version)
        fallback_years = _history_years(s.year, s.funding)
        goals: list[Goal] = []
        counts: dict[str, int] = {}
        for draft in s.goals:
            kind: GoalKind = draft.kind or "long_term"
            counts[kind] = counts.get(kind, 0) + 1
            indicators = (
                [r.resolve(parents, fallback_years) for r in draft.table.indicators] if draft.table else []
            )
            goals.append(_goal(kind, counts[kind], draft.name, indicators, draft.label, draft.loc))
            if draft.table is not None:
                s.unplaced.extend((c.text, c) for c in draft.table.unplaced)
        funding = None
        if s.funding is not None:
            funding = s.funding.build()
            funding.loc = s.sections.get(Label.FUNDING.value)
        department = s.fields.get(Label.DEPARTMENT)
        if department is None and s.title:
            department = s.title.split(str(s.year))[0].strip() or None
        return _filing(
            form_type=_form_type(s.title),
            title=s.title,
            year=s.year or _year_from_history(funding, goals),
            department=department,
            preparer=s.fields.get(Label.PREPARER),
            phone=s.fields.get(Label.PHONE),
            funding=funding,
            functions=_join(s.functions),
            annual_tasks=_join(s.tasks),
            overall_goals=_overall_goals(
                _join(s.overall["long_term"]) or "", _join(s.overall["annual"]) or ""
            ),
            goals=goals,
            notes=list(s.notes),
            source=self.source,
            date=s.fields.get(Label.DATE),
            taxonomy=version.key,
            sections=dict(s.sections),
            unplaced=[_unplaced(t, c.loc()) for t, c in s.unplaced],
            tracked_changes=self.grid.tracked_changes,
        )


_OPENS_NOTHING: dict[str, bool] = {}
_OPENS_NOTHING_MAX = 4096


def _opens_nothing(text: str, cell_key: str) -> bool:
    """Whether a row's first cell is no title, header field, goal, goal-table or section label (what `_row`
    and `_starts_section` look for in it), memoized by its text (`cell_key` is the text's `rows.key`)."""
    found = _OPENS_NOTHING.get(text)
    if found is None:
        found = (
            labels.TITLE.search(text) is None
            and labels.field_label(cell_key) is None
            and labels.field_label_inline(text) is None
            and labels.goal_label(cell_key) is None
            and not labels.goal_table_header(cell_key)[0]
            and labels.section_label(cell_key) is None
        )
        if len(text) <= MEMO_MAX_TEXT:
            if len(_OPENS_NOTHING) >= _OPENS_NOTHING_MAX:
                _OPENS_NOTHING.clear()
            _OPENS_NOTHING[text] = found
    return found


_filing = builder(Filing)
"""`Filing(...)` without validation: `_build` passes every field, each already of its type (the tests compare
the filings of the samples and of generated forms with their validated dumps)."""
_overall_goals = positional_builder(OverallGoals, "long_term", "annual")
_unplaced = positional_builder(Unplaced, "text", "loc")
_goal = positional_builder(Goal, "kind", "index", "name", "indicators", "label", "loc")
"""`Goal(...)` without validation: `_build` passes a kind, an int, strings, `Indicator`s and a `Location`."""


def _is_indicator_header(row: RowView) -> bool:
    keys = [c.key for c in row.filled]
    return "一级指标" in keys and any(k in ("二级指标", "指标名称", "三级指标") for k in keys)


def _history_years(year: int | None, funding: FundingReader | None) -> list[int]:
    """Years of the 近两年 columns when a goal table does not name them: the funding table's, else year-2, year-1."""
    if funding is not None and funding.years:
        return funding.years
    return [year - 2, year - 1] if year else []


def _join(parts: list[str]) -> str | None:
    text = "\n".join(p for p in parts if p)
    return text or None


def _form_type(title: str | None) -> str:
    if title:
        for form_type in _FORM_TYPES:
            if form_type in title:
                return form_type
    return FORM_TYPE


def _year_from_history(funding: Funding | None, goals: list[Goal]) -> int | None:
    years = [int(y) for g in goals for i in g.indicators for y in i.history]
    if funding is not None:
        years += funding.history_years
    return max(years) + 1 if years else None
