"""Hypothesis strategies for plausible filings (部门整体支出绩效目标表), for round-trip tests, fuzzing and benchmarks.

`filings()` draws a department, a budget year, funding with 1–3 lines and a 合计 per block, the texts, 1–4
long-term and 1–4 annual goals with 1–12 indicators each (一级/二级 from one taxonomy version of
`perfform.taxonomy`, now and then a 二级 from another 一级, as filers do), values from a pool of real cell
texts, and notes. The as-filed extras (title, goal labels, `level1_filed`/`level2_filed`, taxonomy) are
those a clean rendering states (`perfform.render.clean_filing`), so every drawn filing renders and reads back
unchanged.

The pools leave out what the form itself cannot tell apart once written: indicator names that are
一级/二级 names (in a dump a merged row's name field looks like a 二级), empty or TAB-holding paragraphs (a
dump shows them as structure), and several paragraphs in one goal-table or funding cell (the one-row-per-line
dump cannot tell where the next cell belongs). They also leave out three parser bugs, each an xfail test in
tests/test_roundtrip.py: funding lines named like a column heading (上年结转), an empty 当年预算收支 next to
a 占比, and overall-goal texts that start like a section label (年度工作任务…, 部门主要职能…).
"""

from __future__ import annotations

from hypothesis import strategies as st

from perfform import taxonomy
from perfform.model import (
    Filing,
    FundBlock,
    Funding,
    FundLine,
    Goal,
    GoalKind,
    Indicator,
    OverallGoals,
    Source,
    Value,
)
from perfform.render import clean_filing
from perfform.values import parse_value

DEPARTMENTS = (
    "武昌区委统一战线工作部",
    "青山区卫生健康局",
    "江汉区教育局",
    "洪山区民政局",
    "汉阳区文化和旅游局",
    "江岸区财政局",
    "硚口区人力资源和社会保障局",
    "东西湖区农业农村局",
    "蔡甸区城市管理执法局",
)
PREPARERS = ("周军", "王敏", "李娜", "张伟", "欧阳晓峰")
PHONES = ("88936066", "86312270", "027-85556789", "13907150000")
DATES = ("2021年12月20日", "2019年11月30日", "2022-12-15")

VALUES = (
    "≥2次",
    "100%",
    "不少于3600人次",
    "—",
    "有所提升",
    "≤800元/生·年",
    "12次",
    "≥95%",
    "0",
    "0%",
    "合规",
    "及时",
    "按时举行",
    "2022年12月底前",
    "1篇",
    "≥2个",
    "不低于90%",
    "≤350万元",
    "38.2万人",
    "稳定发展",
    "8家",
    "有所增长",
    "≤89元",
    "5%",
    "6资",
    ">2次",
    "-",
    "/",
    "",
    "XX",
    "待定",
    "1,200万元",
    "９０％",
    "≥ 92%",
    "控制在5%以内",
    "6月底前完成",
    "党外人士参政议政、民主监督，对武昌区的经济、社会发展进言献策",
)
STANDARDS = ("计划标准", "历史标准", "行业标准", "预算支出标准", "其他标准", "", "≥2次", "100%", "合规")
INDICATOR_NAMES = (
    "统战工作领导小组会议次数",
    "设备采购完成率",
    "“5+N”支部主题党日活动次数",
    "设备采购合规性",
    "调研报告被省委统战部简报采用",
    "居民电子健康档案建档率",
    "人均基本公共卫生服务经费",
    "高血压患者规范管理率",
    "居民满意度",
    "项目资金拨付时间",
    "单个中心改造成本",
    "医疗废物规范处置率",
    "培训覆盖人次",
    "生均公用经费",
    "校舍维修完成率",
    "困难群众救助及时率",
    "养老服务机构覆盖率",
    "文化惠民演出场次",
    "图书馆年接待读者人次",
    "聘用人员工资发放到位率=实际工资发放人数/计划发放工资人数*100%",
    "为市委献计献策（发言被市委采纳次数）",
    "来访人员满意率",
)
GOAL_NAMES = (
    "统战业务补助经费",
    "党派及其相关团体工作经费",
    "对台工作经费",
    "基本公共卫生服务",
    "社区卫生服务中心标准化建设",
    "重大疾病防控",
    "义务教育均衡发展",
    "社会救助兜底保障",
)
PARAGRAPHS = (
    "1.贯彻执行国家、省、市卫生健康工作方针政策，拟订全区卫生健康事业发展规划；",
    "2.协调推进深化医药卫生体制改革，组织实施基本公共卫生服务项目；",
    "3.负责全区疾病预防控制、卫生应急和爱国卫生工作。",
    "部门主要职能：组织和落实党中央关于统一战线工作重大决策部署，巩固壮大最广泛的统一战线;",
    "2020年全区统一战线工作将主题教育成果与引导全区统一战线成员增进政治认同结合起来。",
    "完成基本公共卫生服务项目，居民电子健康档案建档率不低于90%；",
)
GOAL_TEXTS = (
    "目标1：基本公共卫生服务均等化水平持续提高。目标2：基层医疗卫生服务能力显著增强。",
    "目标1：贯彻习近平总书记关于加强和改进统一战线工作的重要思想,找到最大公约数。\u00a0\u00a0\u00a0目标2：坚持工作总基调。",
    "目标3：重大疾病防控体系健全。",
    "对台结对交流交往，对台招商，组织涉台教育活动等。对口交流增加2次。",
)
NOTES = (
    "1.“整体绩效目标”：请结合部门职能、工作规划、项目支出投向等编报。",
    "2.一级指标包括成本指标、产出指标、效益指标和满意度指标。",
    "3.“绩效标准”：设定绩效指标值时的依据或参考标准。",
    "报社会效益、经济效益、生态效益、可持续发展影响、服务对象满意度等指标。",
)
INCOME_NAMES = ("财政拨款", "其他资金", "事业收入", "经营收入", "一般公共预算", "政府性基金")
EXPENDITURE_NAMES = ("基本支出", "项目支出", "人员经费", "公用经费")
AMOUNTS = ("717.28", "0", "300", "8532.46", "823.1", "9355.56", "1,200.5", "502.4", "")
SHARES = ("82%", "100%", "8.8%", "44.0%", "0", "56.0%", "")

SOURCE = Source(path="generated.json", format="json", sha256="0" * 64)


def values(pool: tuple[str, ...] = VALUES) -> st.SearchStrategy[Value]:
    return st.sampled_from(pool).map(parse_value)


@st.composite
def indicators(draw: st.DrawFn, version: taxonomy.Version, years: list[str]) -> list[Indicator]:
    count = draw(st.integers(1, 12))
    pairs = []
    level1s = list(version.tree)
    for _ in range(count):
        level1 = draw(st.sampled_from(level1s))
        home = level1 if draw(st.integers(0, 9)) else draw(st.sampled_from(level1s))
        pairs.append((level1, draw(st.sampled_from(version.tree[home]))))
    if draw(st.booleans()):
        pairs.sort(key=lambda pair: level1s.index(pair[0]))
    return [
        Indicator(
            level1=level1,
            level2=level2,
            name=draw(st.sampled_from(INDICATOR_NAMES)),
            target=draw(values()),
            standard=draw(values(STANDARDS)),
            history={year: draw(values()) for year in years},
        )
        for level1, level2 in pairs
    ]


@st.composite
def goals(draw: st.DrawFn, kind: GoalKind, version: taxonomy.Version, years: list[str]) -> list[Goal]:
    count = draw(st.integers(1, 4))
    table_years = years if kind == "annual" else []
    return [
        Goal(
            kind=kind,
            index=i,
            name=draw(st.sampled_from(GOAL_NAMES)),
            indicators=draw(indicators(version, table_years)),
        )
        for i in range(1, count + 1)
    ]


@st.composite
def fund_block(draw: st.DrawFn, names: tuple[str, ...], label: str, years: list[str]) -> FundBlock:
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))

    def line(name: str) -> FundLine:
        amount = draw(values(AMOUNTS))
        share = draw(values(SHARES)) if amount.raw else Value(raw="", kind="empty")
        return FundLine(
            name=name, amount=amount, share=share, history={y: draw(values(AMOUNTS)) for y in years}
        )

    return FundBlock(items=[line(name) for name in chosen], total=line("合计"), label=label)


@st.composite
def funding(draw: st.DrawFn, years: list[str]) -> Funding:
    return Funding(
        history_years=[int(y) for y in years],
        income=draw(fund_block(INCOME_NAMES, "收入构成", years)),
        expenditure=draw(fund_block(EXPENDITURE_NAMES, "支出构成", years)),
    )


def texts(pool: tuple[str, ...] = PARAGRAPHS, max_paragraphs: int = 3) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pool), max_size=max_paragraphs).map("\n".join)


@st.composite
def filings(draw: st.DrawFn) -> Filing:
    """A plausible, clean filing (see the module doc)."""
    year = draw(st.integers(2019, 2025))
    years = [str(year - 2), str(year - 1)]
    version = draw(st.sampled_from(list(taxonomy.VERSIONS.values())))
    long_term = draw(goals("long_term", version, years))
    annual = draw(goals("annual", version, years))
    ordered = long_term + annual if draw(st.integers(0, 4)) else annual + long_term
    filing = Filing(
        form_type="部门整体支出绩效目标表",
        year=year,
        department=draw(st.sampled_from(DEPARTMENTS)),
        preparer=draw(st.none() | st.sampled_from(PREPARERS)),
        phone=draw(st.none() | st.sampled_from(PHONES)),
        date=draw(st.none() | st.sampled_from(DATES)),
        funding=draw(st.none() | funding(years)) if draw(st.integers(0, 9)) == 0 else draw(funding(years)),
        functions=draw(texts()) or None,
        annual_tasks=draw(texts()) or None,
        overall_goals=OverallGoals(long_term=draw(texts(GOAL_TEXTS, 2)), annual=draw(texts(GOAL_TEXTS, 2))),
        goals=ordered,
        notes=draw(st.lists(st.sampled_from(NOTES), max_size=4)),
        source=SOURCE,
    )
    return clean_filing(filing)
