"""Build the benchmark corpus: generated filings rendered as .docx and text dumps.

    python bench/corpus.py [--count 300] [--seed 6] [--out bench/corpus]

Each filing comes from a seeded random generator over realistic values (departments of Wuhan's districts,
funding tables whose shares add up, 1–6 long-term and 1–6 annual goals of 3–20 indicators each, under the
older, 2015 or 2021 indicator taxonomy, with the occasional filing mistake that validation reports). The
same seed always gives the same corpus. Each filing is rendered with `perfform.render` twice: as a .docx
(vertical merges in the 一级/二级 columns; every third one has its cells, rows and runs wrapped in content
controls, `w:sdt`, so that the reader's content-control path is exercised) and as a text dump (layouts
"cells" and "rows" in turn). The renderer writes lean XML, so each .docx is then given the run, paragraph
and cell-border properties of the cells of the wuchang-2020 sample (`dress`), as a filing saved by a word
processor carries them; every fifth form is also kept without them, in `forms-lean/`.

Layout of the output folder:

    forms/NNNN.docx, forms/NNNN.txt     the corpus
    forms-lean/NNNN.docx                 every fifth .docx as rendered, without a word processor's formatting
    scaling/base.*, scaling/x10.*        one filing (.docx, .txt), and the same with 10 × the indicator rows
    x1000/                               1,000 hard links to corpus forms (made on demand by run.py)
    manifest.json                        seed, count and generator version: a mismatch rebuilds
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lxml.etree import _Element

    from perfform.model import Filing, FundLine, Goal, Indicator, Value
    from perfform.render import TextLayout

HERE = Path(__file__).resolve().parent
DEFAULT_DIR = HERE / "corpus"
DEFAULT_COUNT = 300
DEFAULT_SEED = 6
GENERATOR_VERSION = 3
SDT_EVERY = 3
"""Every third .docx gets content controls."""
LEAN_EVERY = 5
"""Every fifth form is also kept as rendered, without a word processor's formatting (`forms-lean/`)."""
FORMATTING_SAMPLE = HERE.parent / "samples" / "wuchang-2020" / "form.docx"

# -- vocabulary -----------------------------------------------------------------------------------------------

DISTRICTS = (
    "武昌区", "青山区", "江汉区", "江岸区", "硚口区", "汉阳区", "洪山区", "东西湖区", "蔡甸区", "江夏区",
    "黄陂区", "新洲区", "汉南区", "东湖新技术开发区", "武汉经济技术开发区",
)  # fmt: skip
DEPARTMENTS = (
    "委统一战线工作部", "教育局", "卫生健康局", "民政局", "司法局", "财政局", "文化和旅游局",
    "城市管理执法局", "市场监督管理局", "退役军人事务局", "园林和林业局", "水务和湖泊局", "审计局",
    "统计局", "档案馆", "人民政府办公室", "发展和改革局", "科学技术和经济信息化局", "人力资源局",
    "住房保障和房屋管理局", "应急管理局", "医疗保障局", "委宣传部", "委组织部", "总工会",
)  # fmt: skip
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "敏军伟芳娜静丽强磊洋艳勇杰娟涛明超秀霞平刚桂英华玉兰萍红建国文斌宁波晨"
STANDARDS = ("计划标准", "行业标准", "历史标准", "预算支出标准", "其他标准")
FUNCTIONS = (
    "贯彻执行国家、省、市有关方针政策和法律法规，拟订全区相关工作发展规划并组织实施",
    "负责本系统财务、资产管理和内部审计工作，指导下属单位做好预算管理",
    "组织协调全区相关领域重大事项，牵头推进重点改革任务",
    "负责相关领域的监督检查和考核评价工作，督促问题整改落实",
    "承担区委、区政府交办的其他任务",
)
TASKS = (
    "完成年度重点项目建设任务，确保项目按期竣工验收",
    "推进服务标准化建设，提升群众办事便利度",
    "开展专项培训和业务能力提升活动",
    "做好资金监管，提高财政资金使用效益",
    "加强宣传引导，提高政策知晓率",
    "完成上级部门下达的年度考核指标",
)
GOAL_NAMES = (
    "基本公共服务均等化", "重点项目建设", "队伍能力建设", "政策宣传和群众工作", "民生保障",
    "数字化服务平台建设", "安全生产和应急保障", "基层治理能力提升", "资金规范管理", "生态环境保护",
    "社区服务标准化", "统战工作", "文化惠民工程", "教育质量提升", "城市精细化管理",
)  # fmt: skip

# (name, unit, low, high, operator, decimals); unit "" = qualitative, "date" = a deadline.
Spec = tuple[str, str, float, float, str, int]
LEVEL2_SPECS: dict[str, tuple[Spec, ...]] = {
    "数量指标": (
        ("培训人次", "人次", 200, 6000, "≥", 0),
        ("开展调研次数", "次", 2, 30, "≥", 0),
        ("举办主题活动场次", "场", 3, 40, "≥", 0),
        ("走访慰问人数", "人", 50, 2000, "≥", 0),
        ("发放宣传资料份数", "份", 500, 20000, "≥", 0),
        ("新建项目个数", "个", 1, 12, "≥", 0),
        ("覆盖社区数量", "个", 10, 160, "≥", 0),
        ("完成课题数量", "项", 1, 10, "≥", 0),
        ("信息报送篇数", "篇", 10, 120, "≥", 0),
        ("完成标准化改造中心数", "家", 1, 8, "", 0),
    ),
    "质量指标": (
        ("验收合格率", "%", 95, 100, "≥", 0),
        ("资金使用合规率", "%", 100, 100, "", 0),
        ("培训考核通过率", "%", 85, 99, "≥", 0),
        ("设备采购合规性", "", 0, 0, "合规", 0),
        ("档案规范化管理达标率", "%", 90, 100, "≥", 1),
    ),
    "时效指标": (
        ("项目完成时间", "date", 0, 0, "", 0),
        ("资金拨付及时率", "%", 95, 100, "≥", 0),
        ("任务按时完成率", "%", 95, 100, "", 0),
        ("报告提交时间", "date", 0, 0, "", 0),
    ),
    "成本指标": (
        ("人均培训成本", "元", 80, 600, "≤", 0),
        ("项目成本控制率", "%", 95, 100, "≤", 0),
    ),
    "经济效益指标": (
        ("带动就业人数", "人", 20, 800, "≥", 0),
        ("招商引资金额", "万元", 500, 90000, "≥", 0),
    ),
    "社会效益指标": (
        ("群众知晓率", "%", 80, 98, "≥", 0),
        ("政策宣传覆盖率", "%", 85, 100, "≥", 0),
        ("工作能力提升情况", "", 0, 0, "较好", 0),
        ("突发事件处置率", "%", 100, 100, "", 0),
    ),
    "生态效益指标": (
        ("绿化覆盖率", "%", 30, 48, "≥", 1),
        ("节能减排量", "吨", 10, 900, "≥", 0),
    ),
    "可持续影响指标": (
        ("长效机制建立情况", "", 0, 0, "健全", 0),
        ("制度完善程度", "", 0, 0, "较好", 0),
    ),
    "服务对象满意度指标": (
        ("服务对象综合满意度", "%", 90, 98, "≥", 0),
        ("群众满意率", "%", 90, 98, "≥", 0),
        ("参训人员满意度", "%", 90, 99, "≥", 0),
    ),
    "经济成本指标": (
        ("人均服务经费", "元", 60, 300, "≤", 0),
        ("项目支出成本", "万元", 50, 3000, "≤", 1),
    ),
    "社会成本指标": (("社会成本增加情况", "", 0, 0, "无", 0),),
    "生态环境成本指标": (("环境污染情况", "", 0, 0, "无", 0),),
}
QUALIFIERS = tuple(
    f"（{q}）"
    for q in [
        "一季度",
        "二季度",
        "三季度",
        "四季度",
        "上半年",
        "下半年",
        "重点区域",
        "新增",
        "续建",
        "城区",
        "农村",
        "全区",
    ]
)
QUALIFIERS += tuple(f"（第{i}批）" for i in range(1, 400))
MISTAKES = ("XX", "有所提升", "6资", "", "待定")
"""Occasional targets a filer gets wrong (placeholder, vague wording, typo unit, empty)."""


# -- the generator ----------------------------------------------------------------------------------------------


class Generator:
    """Filings from one seeded `random.Random`; `filing(i)` depends only on the seed and `i`."""

    def __init__(self, seed: int = DEFAULT_SEED) -> None:
        self.seed = seed

    def filing(
        self, index: int, *, indicators_scale: int = 1, shape: tuple[int, int] | None = None
    ) -> Filing:
        from perfform import taxonomy
        from perfform.model import Filing, OverallGoals, Source

        rnd = random.Random(f"{self.seed}-{index}")
        year = rnd.randint(2019, 2025)
        department = rnd.choice(DISTRICTS) + rnd.choice(DEPARTMENTS)
        version = rnd.choices((taxonomy.OLDER, taxonomy.V2015, taxonomy.V2021), weights=(2, 3, 5))[0]
        long_goals, annual_goals = shape or (rnd.randint(1, 6), rnd.randint(1, 6))
        plan = [
            (kind, number, rnd.randint(3, 20) * indicators_scale)
            for kind, count in (("long_term", long_goals), ("annual", annual_goals))
            for number in range(1, count + 1)
        ]
        names = rnd.sample(GOAL_NAMES, max(long_goals, annual_goals))
        goals = [
            self._goal(rnd, kind, number, names[number - 1], size, version.tree, year)
            for kind, number, size in plan
        ]
        return Filing(
            form_type="部门整体支出绩效目标表",
            title=f"{department}{year}年部门整体支出绩效目标表",
            year=year,
            department=department,
            preparer=rnd.choice(SURNAMES) + "".join(rnd.choices(GIVEN, k=rnd.randint(1, 2))),
            phone=rnd.choice("8586") + "".join(rnd.choices("0123456789", k=7)),
            funding=self._funding(rnd, year),
            functions="\n".join(f"{i}.{t}；" for i, t in enumerate(rnd.sample(FUNCTIONS, 3), 1)),
            annual_tasks="\n".join(f"{i}.{t}；" for i, t in enumerate(rnd.sample(TASKS, 3), 1)),
            overall_goals=OverallGoals(
                long_term="".join(
                    f"目标{i}：{g.name}水平持续提高。" for i, g in enumerate(goals[:long_goals], 1)
                ),
                annual="".join(
                    f"目标{i}：完成{g.name}年度任务。" for i, g in enumerate(goals[long_goals:], 1)
                ),
            ),
            goals=goals,
            source=Source(path=f"generated-{index}", format="generated", sha256="0" * 64),
        )

    def _funding(self, rnd: random.Random, year: int) -> Any:
        from perfform.model import FundBlock, Funding

        years = [str(year - 2), str(year - 1)]
        income_names = ["财政拨款", "其他资金"] + (["事业收入"] if rnd.random() < 0.3 else [])
        total = Decimal(rnd.randint(30000, 2_000_000)) / 100
        income = _split(rnd, total, len(income_names))
        basic = (total * Decimal(rnd.uniform(0.3, 0.7))).quantize(Decimal("0.01"))
        spending = [basic, total - basic]
        growth = [Decimal(rnd.uniform(0.75, 0.9)), Decimal(rnd.uniform(0.9, 1.05))]
        wrong_share = rnd.random() < 0.1

        def block(names: list[str], amounts: list[Decimal], label: str) -> FundBlock:
            past = [[(a * g).quantize(Decimal("0.01")) for g in growth] for a in amounts]
            lines = [
                self._fund_line(rnd, name, amount, total, years, history, wrong_share)
                for name, amount, history in zip(names, amounts, past, strict=True)
            ]
            sums = [sum((h[k] for h in past), Decimal(0)) for k in range(len(years))]
            total_line = self._fund_line(rnd, "合计", total, total, years, sums, False)
            return FundBlock(items=lines, total=total_line, label=label)

        return Funding(
            unit="万元",
            history_years=[int(y) for y in years],
            income=block(income_names, income, "收入构成"),
            expenditure=block(["基本支出", "项目支出"], spending, "支出构成"),
        )

    def _fund_line(
        self,
        rnd: random.Random,
        name: str,
        amount: Decimal,
        total: Decimal,
        years: list[str],
        history: list[Decimal],
        wrong_share: bool,
    ) -> FundLine:
        from perfform.model import FundLine

        share = amount / total * 100 if total else Decimal(0)
        if wrong_share:
            share = Decimal(rnd.randint(40, 110))
        return FundLine(
            name=name,
            amount=_value(_money(amount)),
            share=_value(f"{share.quantize(Decimal('0.1')).normalize():f}%"),
            history={y: _value(_money(h)) for y, h in zip(years, history, strict=True)},
        )

    def _goal(
        self,
        rnd: random.Random,
        kind: str,
        number: int,
        name: str,
        count: int,
        tree: dict[str, tuple[str, ...]],
        year: int,
    ) -> Goal:
        from perfform.model import Goal

        levels = [(l1, l2) for l1, kids in tree.items() for l2 in kids]
        # Every goal has output and benefit indicators; the rest are drawn from the whole tree, in tree order.
        picked = sorted(
            [next(x for x in levels if x[0] == "产出指标"), next(x for x in levels if x[0] == "效益指标")]
            + [rnd.choice(levels) for _ in range(count - 2)],
            key=levels.index,
        )
        history_years = [str(year - 2), str(year - 1)] if kind == "annual" else []
        used: set[str] = set()
        indicators = [self._indicator(rnd, l1, l2, history_years, used) for l1, l2 in picked]
        return Goal(
            kind=kind,
            index=number,
            name=name,
            indicators=indicators,
            label=f"{'年度' if kind == 'annual' else '长期'}目标{number}：",
        )

    def _indicator(
        self, rnd: random.Random, level1: str, level2: str, years: list[str], used: set[str]
    ) -> Indicator:
        from perfform.model import Indicator

        name, unit, low, high, op, decimals = rnd.choice(LEVEL2_SPECS[level2])
        qualifiers = iter(QUALIFIERS)
        base = name
        while name in used:  # one name per goal: a repeated indicator is a finding (PF205)
            name = base + next(qualifiers)
        used.add(name)
        number = rnd.uniform(low, high)
        target = _target(rnd, unit, op, number, decimals)
        if rnd.random() < 0.04:
            target = rnd.choice(MISTAKES)
        past = (1.0, 1.2) if op == "≤" else (0.8, 1.0)  # history no better than the target
        history = {y: _value(_target(rnd, unit, "", number * rnd.uniform(*past), decimals)) for y in years}
        return Indicator(
            level1=level1,
            level2=level2,
            name=name,
            target=_value(target),
            standard=_value(rnd.choice(STANDARDS)),
            history=history,
            level1_filed=level1,
            level2_filed=level2,
        )


def _split(rnd: random.Random, total: Decimal, parts: int) -> list[Decimal]:
    weights = [rnd.uniform(0.05, 1) for _ in range(parts)]
    weights[0] += 3
    scale = sum(weights)
    amounts = [(total * Decimal(w / scale)).quantize(Decimal("0.01")) for w in weights[:-1]]
    return [*amounts, total - sum(amounts, Decimal(0))]


def _money(amount: Decimal) -> str:
    return f"{amount.normalize():f}"


def _target(rnd: random.Random, unit: str, op: str, number: float, decimals: int) -> str:
    if unit == "date":
        return rnd.choice(("12月底前完成", "11月30日前", "年底前完成", "10月底前"))
    if unit == "":
        return op or "好"
    text = f"{number:.{decimals}f}"
    if unit == "%" and float(text) > 100:
        text = "100"
    if op and rnd.random() < 0.3:
        op = {"≥": "不低于", "≤": "不高于"}.get(op, op)
    return f"{op}{text}{unit}"


def _value(raw: str) -> Value:
    from perfform.values import parse_value

    return parse_value(raw)


# -- rendering ------------------------------------------------------------------------------------------------


def render_docx(filing: Filing) -> bytes:
    from perfform.render import render_docx as render

    data: bytes = render(filing)
    return data


def render_text(filing: Filing, layout: TextLayout) -> str:
    from perfform.render import render_text as render

    text: str = render(filing, layout=layout)
    return text


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _parent_tag(el: _Element) -> object:
    parent = el.getparent()
    return None if parent is None else parent.tag


@dataclass
class Formatting:
    """The run, paragraph and cell-border properties of the cells of a real filing, one entry per use."""

    runs: list[Any]
    paragraphs: list[Any]
    borders: list[Any]

    @classmethod
    def of_sample(cls, path: Path = FORMATTING_SAMPLE) -> Formatting:
        import zipfile

        from lxml import etree

        with zipfile.ZipFile(path) as archive:
            root = etree.fromstring(archive.read("word/document.xml"))
        cells = list(root.iter(W + "tc"))
        return cls(
            runs=[r for c in cells for r in c.iter(W + "rPr") if _parent_tag(r) == W + "r"],
            paragraphs=[p for c in cells for p in c.iter(W + "pPr")],
            borders=[b for c in cells for b in c.iter(W + "tcBorders")],
        )


def dress(data: bytes, formatting: Formatting, rnd: random.Random) -> bytes:
    """Give every run, paragraph and cell the formatting a word processor writes, drawn from `formatting`.

    perfform's renderer writes lean XML (about 2 KB a table row); a filing saved by Word, WPS or
    LibreOffice carries its fonts, sizes, spacing and borders on every run, paragraph and cell (the
    wuchang-2020 sample: 4.3 KB a row). The text, merges and content controls stay as they are.
    """
    from copy import deepcopy

    def replace_first(parent: Any, tag: str, new: Any) -> None:
        old = parent.find(tag)
        if old is not None:
            parent.remove(old)
        parent.insert(0, deepcopy(new))

    def edit(root: Any) -> None:
        for run in root.iter(W + "r"):
            replace_first(run, W + "rPr", rnd.choice(formatting.runs))
        for paragraph in root.iter(W + "p"):
            replace_first(paragraph, W + "pPr", rnd.choice(formatting.paragraphs))
        for props in root.iter(W + "tcPr"):
            borders = deepcopy(rnd.choice(formatting.borders))
            align = props.find(W + "vAlign")  # the schema puts the borders before w:vAlign
            if align is not None:
                align.addprevious(borders)
            else:
                props.append(borders)

    return _edit_document(data, edit)


def _edit_document(data: bytes, edit: Callable[[Any], None]) -> bytes:
    """`data` with its word/document.xml changed in place by `edit(root)`."""
    import io
    import zipfile

    from lxml import etree

    source = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(source.read("word/document.xml"))
    edit(root)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename == "word/document.xml":
                payload = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, payload)
    return out.getvalue()


def add_content_controls(data: bytes, rnd: random.Random) -> bytes:
    """Wrap cell contents, some rows and some runs in content controls (`w:sdt`); the text stays the same."""
    from lxml import etree

    def edit(root: Any) -> None:
        serial = 0

        def sdt(parent_tag: str) -> tuple[Any, Any]:
            nonlocal serial
            serial += 1
            element = etree.Element(W + "sdt")
            props = etree.SubElement(element, W + "sdtPr")
            etree.SubElement(props, W + "id").set(W + "val", str(serial))
            etree.SubElement(props, W + "tag").set(W + "val", f"{parent_tag}{serial}")
            return element, etree.SubElement(element, W + "sdtContent")

        for tc in list(root.iter(W + "tc")):
            choice = rnd.random()
            paragraphs = [child for child in tc if child.tag == W + "p"]
            if not paragraphs:
                continue
            if choice < 0.35:  # block-level: the cell's paragraphs inside one control
                element, content = sdt("cell")
                paragraphs[0].addprevious(element)
                for p in paragraphs:
                    content.append(p)
            elif choice < 0.6:  # inline: the runs of the first paragraph inside one control
                runs = [child for child in paragraphs[0] if child.tag == W + "r"]
                if runs:
                    element, content = sdt("run")
                    runs[0].addprevious(element)
                    for r in runs:
                        content.append(r)
        for tr in list(root.iter(W + "tr"))[1::7]:  # row-level, now and then
            element, content = sdt("row")
            tr.addprevious(element)
            content.append(tr)

    return _edit_document(data, edit)


# -- the corpus on disk -----------------------------------------------------------------------------------------


@dataclass
class Corpus:
    docx: list[Path]
    text: list[Path]
    root: Path

    @property
    def forms_dir(self) -> Path:
        return self.root / "forms"

    @property
    def all(self) -> list[Path]:
        return sorted(self.docx + self.text)


def build(
    out: Path, count: int = DEFAULT_COUNT, seed: int = DEFAULT_SEED, log: Callable[[str], None] = print
) -> Corpus:
    generator = Generator(seed)
    if out.exists():
        shutil.rmtree(out)
    forms = out / "forms"
    forms.mkdir(parents=True)
    lean = out / "forms-lean"
    lean.mkdir()
    formatting = Formatting.of_sample()
    for i in range(count):
        filing = generator.filing(i)
        data = render_docx(filing)
        if i % SDT_EVERY == 0:
            data = add_content_controls(data, random.Random(f"{seed}-sdt-{i}"))
        if i % LEAN_EVERY == 0:
            (lean / f"{i:04d}.docx").write_bytes(data)
        data = dress(data, formatting, random.Random(f"{seed}-dress-{i}"))
        (forms / f"{i:04d}.docx").write_bytes(data)
        layout: TextLayout = "cells" if i % 2 == 0 else "rows"
        (forms / f"{i:04d}.txt").write_text(render_text(filing, layout), encoding="utf-8")
        if (i + 1) % 50 == 0:
            log(f"  {i + 1}/{count} forms")
    scaling = out / "scaling"
    scaling.mkdir()
    for name, scale in (("base", 1), ("x10", 10)):
        filing = generator.filing(10_000, indicators_scale=scale, shape=(2, 2))
        data = dress(render_docx(filing), formatting, random.Random(f"{seed}-dress-{name}"))
        (scaling / f"{name}.docx").write_bytes(data)
        (scaling / f"{name}.txt").write_text(render_text(filing, "cells"), encoding="utf-8")
    manifest = {"count": count, "seed": seed, "version": GENERATOR_VERSION}
    (out / "manifest.json").write_text(json.dumps(manifest) + "\n", encoding="utf-8")
    return load(out)


def load(out: Path) -> Corpus:
    forms = out / "forms"
    return Corpus(sorted(forms.glob("*.docx")), sorted(forms.glob("*.txt")), out)


def lean_forms(out: Path) -> list[Path]:
    """The .docx forms kept as perfform renders them, without a word processor's formatting."""
    return sorted((out / "forms-lean").glob("*.docx"))


def ensure(out: Path, count: int = DEFAULT_COUNT, seed: int = DEFAULT_SEED) -> Corpus:
    """The corpus in `out`, built (again) when missing or made with other settings."""
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = None
    if manifest != {"count": count, "seed": seed, "version": GENERATOR_VERSION}:
        print(f"building the corpus: {count} forms into {out}", file=sys.stderr)
        return build(out, count, seed, log=lambda s: print(s, file=sys.stderr))
    return load(out)


def scaling_pair(out: Path, suffix: str = ".docx") -> tuple[Path, Path]:
    return out / "scaling" / f"base{suffix}", out / "scaling" / f"x10{suffix}"


def thousand(out: Path, corpus: Corpus, files: int = 1000) -> Path:
    """A folder of `files` hard links (copies where links fail) cycling through the corpus forms."""
    folder = out / "x1000"
    if folder.exists() and len(list(folder.iterdir())) == files:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    sources = corpus.all
    for i, source in zip(range(files), _cycle(sources), strict=False):
        target = folder / f"{i:04d}{source.suffix}"
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
    return folder


def _cycle(items: list[Path]) -> Iterator[Path]:
    while True:
        yield from items


def has_content_controls(path: Path) -> bool:
    """Whether a corpus .docx got content controls (by its number, as `build` chose)."""
    return path.suffix == ".docx" and path.stem.isdigit() and int(path.stem) % SDT_EVERY == 0


def indicator_rows(path: Path) -> int:
    from perfform.parser import parse_file

    return sum(len(goal.indicators) for goal in parse_file(path).goals)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args(argv)
    corpus = build(args.out, args.count, args.seed)
    print(f"{len(corpus.docx)} .docx and {len(corpus.text)} text dumps in {corpus.forms_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
