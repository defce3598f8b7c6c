"""Shared helpers of the indicator rules (PF3xx, PF4xx): rows with their model paths, value cells with the
form's column labels, name polarity, rate detection, known units and the nearest-known-unit suggestion.

Polarity is read from the indicator's name. A name is lower-is-better (反向指标) when it names a cost, a bad
event or a duration (成本, 费用, 经费, 单价, 投诉, 事故, 差错, 故障, 超标, 发生率, 时长, 天数, 时限 …), unless a
word of improvement (节约, 降低, 缩短, 办结, 处理率, 整改, 满意 …) comes after it: the head of a Chinese compound
comes last. So "投诉办结率", "成本节约率" and "办理时长缩短率" are higher-is-better, "审批办结时限" and
"人均基本公共卫生服务经费" are lower-is-better, and "不合格率"/"不满意率" stay lower-is-better. Anything else
(counts, coverage, satisfaction) is higher-is-better.

Units are known when they are in the list of `rules-research.md` §6 (plus common count, measure and time
units), optionally with a scale prefix (万人, 亿元, 万人次), or a compound of known parts (元/人, 次/年,
元/生·年). `suggest_unit` proposes the unit a cell most likely meant, in this order:

1. the unit the same row's other cells use (target first, then the history years, newest first);
2. the unit the same indicator (same name) uses in the filing's other goals;
3. a unit the name itself implies (…次数 → 次, …人数 → 人, …篇数 → 篇);
4. only for a cell that has an odd unit: a short table of typing confusions (pinyin homophones and
   neighbouring keys, similar shapes), e.g. 资/此/词 → 次, 各 → 个, 见 → 件.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from perfform import taxonomy
from perfform.model import Filing, Goal, Indicator, Location, Value
from perfform.rules.base import Finding

# -- rows and cells ---------------------------------------------------------------------------------------


CellPart = Literal["target", "history", "standard"]

TARGET = 0
"""Position of the target in `Row.values` (history years follow, then the 绩效标准)."""


# A filing has some 80 rows and 250 value cells, and some twenty rules look at them. So a row holds only what
# the checks read, its indicator's values in form order, and a Cell (path, label, location) is made when a
# finding needs one (`Row.cell`, `Row.target` … make a new one on each call). Both are slotted, not frozen
# (a frozen dataclass takes three times as long to build), and compared by identity (eq=False).
@dataclass(slots=True, eq=False)
class Cell:
    """One value cell of an indicator row: target, a history year or the 绩效标准."""

    row: Row
    value: Value
    part: CellPart
    year: str | None = None
    """The history year; None for the target and the 绩效标准."""

    @property
    def is_target(self) -> bool:
        return self.part == "target"

    @property
    def path(self) -> str:
        if self.year is not None:
            return f"{self.row.path}.history.{self.year}"
        return f"{self.row.path}.{self.part}"

    @property
    def label(self) -> str:
        """The cell's column as the form labels it."""
        if self.part == "target":
            row = self.row
            return "预期当年实现值" if row.goal.kind == "annual" and row.indicator.history else "指标值"
        if self.part == "history":
            return f"近两年指标值（{self.year}年）"
        return "绩效标准"

    @property
    def loc(self) -> Location | None:
        return self.value.loc or self.row.indicator.loc

    def finding(
        self,
        message: str,
        *,
        expected: str | None = None,
        found: str | None = None,
        suggestion: str | None = None,
    ) -> Finding:
        return Finding(
            message=message,
            path=self.path,
            loc=self.loc,
            expected=expected,
            found=(self.value.raw or None) if found is None else found,
            suggestion=suggestion,
        )


@dataclass(slots=True, eq=False)
class Row:
    """An indicator with its place: `goals[goal_index].indicators[index]` (goal_index: position in
    `filing.goals`), its name cleaned and its values in form order."""

    goal_index: int
    index: int
    goal: Goal
    indicator: Indicator
    name: str = field(init=False)
    years: tuple[str, ...] = field(init=False)
    """The history years, oldest first."""
    values: tuple[Value, ...] = field(init=False)
    """Target, then the history years' values (position `TARGET`, then 1, 2 …)."""
    values_and_standard: tuple[Value, ...] = field(init=False)
    """`values`, then the 绩效标准 when the row has one."""

    def __post_init__(self) -> None:
        ind = self.indicator
        target, history, standard = ind.target, ind.history, ind.standard
        self.name = clean(ind.name)
        if history:
            self.years = years = tuple(sorted(history))
            self.values = values = (target, *map(history.__getitem__, years))
        else:
            self.years = ()
            self.values = values = (target,)
        self.values_and_standard = values if standard is None else (*values, standard)

    @property
    def path(self) -> str:
        return f"goals[{self.goal_index}].indicators[{self.index}]"

    @property
    def where(self) -> str:
        """The goal and the indicator (年度目标2「会议次数」), for messages that point at another row."""
        kind = "年度目标" if self.goal.kind == "annual" else "长期目标"
        return f"{kind}{self.goal.index}「{self.name}」"

    def cell(self, position: int) -> Cell:
        """The cell of the value at `position` in `values_and_standard`."""
        value = self.values_and_standard[position]
        if position == TARGET:
            return Cell(self, value, "target")
        if position <= len(self.years):
            return Cell(self, value, "history", self.years[position - 1])
        return Cell(self, value, "standard")

    @property
    def target(self) -> Cell:
        return self.cell(TARGET)

    @property
    def history(self) -> list[Cell]:
        """History cells, oldest year first."""
        return [self.cell(position) for position in range(1, len(self.values))]

    @property
    def cells(self) -> list[Cell]:
        """Target, then history years."""
        return [self.cell(position) for position in range(len(self.values))]


@dataclass(slots=True)
class _Shared:
    """The rows of the filing being checked, and the index of them by target kind once a rule asks."""

    filing: Filing
    rows: tuple[Row, ...]
    by_target_kind: dict[str, tuple[Row, ...]] | None = None


_SHARED: ContextVar[_Shared | None] = ContextVar("perfform_shared_rows", default=None)


def _build_rows(filing: Filing) -> tuple[Row, ...]:
    built = []
    for i, goal in enumerate(filing.goals):
        for j, indicator in enumerate(goal.indicators):
            built.append(Row(i, j, goal, indicator))
    return tuple(built)


def _by_target_kind(all_rows: tuple[Row, ...]) -> dict[str, tuple[Row, ...]]:
    groups: defaultdict[str, list[Row]] = defaultdict(list)
    for row in all_rows:
        groups[row.values[TARGET].kind].append(row)
    return {kind: tuple(group) for kind, group in groups.items()}


def _shared(filing: Filing) -> _Shared | None:
    shared = _SHARED.get()
    return shared if shared is not None and shared.filing is filing else None


def rows(filing: Filing) -> tuple[Row, ...]:
    """Every indicator row of the filing, in order (shared by all rules while `shared_rows` is active)."""
    shared = _shared(filing)
    return _build_rows(filing) if shared is None else shared.rows


def rows_with_target(filing: Filing, kind: str) -> tuple[Row, ...]:
    """The rows whose target is of `kind` ("number", "text" …), in order: the rules that check one kind of
    target skip the others without looking at each row (shared like `rows`)."""
    shared = _shared(filing)
    if shared is None:
        return _by_target_kind(_build_rows(filing)).get(kind, ())
    if shared.by_target_kind is None:
        shared.by_target_kind = _by_target_kind(shared.rows)
    return shared.by_target_kind.get(kind, ())


@contextmanager
def shared_rows(filing: Filing) -> Iterator[None]:
    """While active, `rows(filing)` returns rows built once: the engine runs every rule on one unchanging
    filing, so the rules need not each rebuild the rows."""
    token = _SHARED.set(_Shared(filing, _build_rows(filing)))
    try:
        yield
    finally:
        _SHARED.reset(token)


def clean(text: str) -> str:
    """Whitespace (U+00A0 included) trimmed and collapsed."""
    return " ".join(text.split())


def fmt(number: Decimal) -> str:
    """A Decimal as the form would write it: 4, 0.5, 1200 (no exponent, no trailing zeros)."""
    return format(number.normalize(), "f")


@lru_cache(maxsize=4096)
def canonical_level1(text: str) -> str | None:
    """`taxonomy.canonical_level1`, memoized: the rules ask for the same few names again and again."""
    return taxonomy.canonical_level1(text)


@lru_cache(maxsize=4096)
def canonical_level2(text: str) -> str | None:
    """`taxonomy.canonical_level2`, memoized."""
    return taxonomy.canonical_level2(text)


def version_of(filing: Filing) -> taxonomy.Version:
    """The taxonomy version the filing follows: `filing.taxonomy`, else detected from its indicators."""
    known = taxonomy.VERSIONS.get(filing.taxonomy or "")
    if known is not None:
        return known
    level1 = {r.indicator.level1 for r in rows(filing)}
    level2 = {r.indicator.level2 for r in rows(filing)}
    return taxonomy.detect_version(level1, level2)


_VERSION_NAMES = {
    "older": "旧版（湖北）模板",
    "2015": "财预〔2015〕88号模板",
    "2021": "财预〔2021〕101号模板",
}


def version_name(version: taxonomy.Version) -> str:
    """A short Chinese name of a taxonomy version, for messages."""
    return _VERSION_NAMES.get(version.key, version.key)


# -- names --------------------------------------------------------------------------------------------------


def words(text: str) -> tuple[str, ...]:
    """Whitespace-separated words of a literal table."""
    return tuple(text.split())


_IMPROVEMENT = words(
    """
    满意 节约 节省 降低 下降 减少 压减 缩短 保障 到位 执行率 完成 合格 达标 覆盖 及时
    处理率 处置 办结 结案 解决 回复 整改 修复 查处 化解 消除 排除
    """
)
_LOWER = words(
    """
    不合格 不满意 不达标 未达标 未完成 未按时 不及时 超期 逾期
    成本 费用 经费 单价 投诉 事故 差错 错误 失误 误差 故障 超标 超支 违规 违纪
    发生率 发生数 发生次数 发病率 死亡率 损失 流失 延误 返工 隐患 能耗 排放 空置率 闲置率
    时长 天数 用时 耗时 时限 周期 等待时间 等候时间 响应时间 办理时间
    """
)
_POLARITY = {**dict.fromkeys(_IMPROVEMENT, False), **dict.fromkeys(_LOWER, True)}


@lru_cache(maxsize=4096)
def is_lower_better(name: str) -> bool:
    """True for 反向指标 (a lower value is better): costs, complaints, accidents, durations.

    The marker that ends last in the name decides (the head of a compound comes last: 投诉|办结率, 办结|时限),
    the longer one on a tie (不合格率 over 合格).
    """
    best: tuple[int, int] = (-1, 0)
    lower = False
    for marker, is_lower in _POLARITY.items():
        at = name.rfind(marker)
        if at >= 0 and (at + len(marker), len(marker)) > best:
            best, lower = (at + len(marker), len(marker)), is_lower
    return lower


@lru_cache(maxsize=4096)
def is_satisfaction(name: str) -> bool:
    return ("满意度" in name or "满意率" in name) and "不满意" not in name


@lru_cache(maxsize=4096)
def is_rate(name: str) -> bool:
    """…率, 满意度, 占比, 比例, 比重: values that are shares and belong in 0–100 %."""
    return any(w in name for w in ("率", "满意度", "占比", "比例", "比重", "百分比"))


_GROWTH = ("增长", "增幅", "增速", "增加", "提高", "提升", "同比", "环比", "倍")


@lru_cache(maxsize=4096)
def is_growth(name: str) -> bool:
    """Growth-type rates (增长率, 同比提高) may exceed 100 % or fall below 0."""
    return any(w in name for w in _GROWTH)


# -- units --------------------------------------------------------------------------------------------------

PERCENT_UNITS = frozenset({"%", "‰"})
_SIMPLE = frozenset(
    words(
        """
        % ‰ 个百分点 百分点
        元 角 分
        个 人 人次 次 项 件 份 篇 场 场次 期 户 户次 台 套 家 所 辆 批 批次 册 本 张 条 座 处 间 床 名 位 支
        队 村 校 部 届 轮 门 种 类 只 头 株 棵 盏 艘 架 架次 车次 班 班次 起 宗 例 组 块 栋 幢 根 段 片 首 幅
        集 页 字 课时 学时 节 堂 单 笔 箱 袋 瓶 双 副 对 人天 人日 床日 倍 级 星 颗 枚 台次 人月
        公里 km 米 m 千米 平方米 ㎡ m² 平方公里 亩 公顷 吨 千克 公斤 kg 克 立方米 方 升 毫升 千瓦 千瓦时 度
        兆瓦 延米
        天 日 个工作日 工作日 小时 分钟 秒 周 月 个月 年 季度 学期 学年
        """
    )
)
_DENOMINATOR_ONLY = frozenset({"生", "学生", "床位", "车"})
_SCALES: tuple[tuple[str, Decimal], ...] = (
    ("百万", Decimal(1_000_000)),
    ("千万", Decimal(10_000_000)),
    ("十万", Decimal(100_000)),
    ("万", Decimal(10_000)),
    ("亿", Decimal(100_000_000)),
    ("千", Decimal(1_000)),
)
_SAME = {"日": "天", "工作日": "个工作日", "㎡": "平方米", "m²": "平方米", "km": "公里", "千米": "公里"}
_SAME.update({"公斤": "千克", "kg": "千克", "m": "米", "百分点": "个百分点"})


@lru_cache(maxsize=1024)
def norm_unit(unit: str | None) -> str | None:
    """Spelling variants to one form: ％ → %, 日 → 天, ㎡ → 平方米, km → 公里."""
    if unit is None:
        return None
    unit = unit.replace("％", "%").strip()
    return "/".join(_SAME.get(part, part) for part in unit.split("/"))


def _scaled(part: str) -> tuple[str, Decimal] | None:
    if part in _SIMPLE:
        return part, Decimal(1)
    for prefix, factor in _SCALES:
        if part.startswith(prefix) and part[len(prefix) :] in _SIMPLE:
            return part[len(prefix) :], factor
    return None


@lru_cache(maxsize=1024)
def is_known_unit(unit: str) -> bool:
    """A listed unit, a scaled one (万人次) or a compound of known parts (元/人, 元/生·年)."""
    first, *rest = (norm_unit(unit) or "").split("/")
    if not all(_scaled(p) for p in first.split("·")):
        return False
    return all(p in _SIMPLE or p in _DENOMINATOR_ONLY for den in rest for p in den.split("·"))


@lru_cache(maxsize=1024)
def unit_scale(filed: str | None) -> tuple[str | None, Decimal]:
    """The unit family of a filed unit and the factor to it: 万元 → (元, 10000), ‰ → (%, 0.1), 次 → (次, 1)."""
    unit = norm_unit(filed)
    if unit is None:
        return None, Decimal(1)
    if unit == "‰":
        return "%", Decimal("0.1")
    first, sep, rest = unit.partition("/")
    scaled = _scaled(first)
    if scaled is None:
        return unit, Decimal(1)
    return scaled[0] + sep + rest, scaled[1]


_NAME_UNITS = tuple(
    tuple(pair.split("→"))
    for pair in words(
        "人次→人次 次数→次 人数→人 篇数→篇 个数→个 户数→户 件数→件 项数→项 家数→家 场次→场 天数→天 期数→期"
    )
)
_CONFUSIONS = {
    odd: unit
    for unit, odds in (
        ("次", "资此词刺吃欠"),
        ("个", "各介"),
        ("人", "任入八"),
        ("件", "见建"),
        ("项", "向相象"),
        ("篇", "片偏遍"),
        ("场", "厂长"),
        ("期", "其"),
        ("户", "护沪"),
        ("元", "员园原"),
        ("天", "添填夫"),
        ("月", "越"),
        ("家", "加佳"),
    )
    for odd in odds
}
"""Typing confusions: pinyin homophones or neighbouring keys (资 zi / 次 ci), similar shapes (八/入/人)."""


def suggest_unit(filing: Filing, row: Row, cell: Cell | None = None) -> str | None:
    """The unit `cell` (default: the target) most likely meant; None when nothing points to one."""
    cell = cell or row.target
    units: Counter[str] = Counter()
    others = [row.target, *reversed(row.history)]
    for other in others:
        unit = norm_unit(other.value.unit)
        if other.path != cell.path and unit and is_known_unit(unit):
            units[unit] += 1
    if not units:
        for peer in rows(filing):
            if peer.name == row.name and (peer.goal_index, peer.index) != (row.goal_index, row.index):
                for value in peer.values:
                    unit = norm_unit(value.unit)
                    if unit and is_known_unit(unit):
                        units[unit] += 1
    if units:
        return units.most_common(1)[0][0]
    for ending, unit in _NAME_UNITS:
        if ending in row.name:
            return unit
    odd = cell.value.unit
    if odd:
        return _CONFUSIONS.get(odd)
    return None
