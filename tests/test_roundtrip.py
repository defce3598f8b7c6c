"""Round trip: reading a rendered filing back gives the filing (issue 5).

`parse(render(f))` is compared with `clean_filing(f)` as JSON without provenance (`loc`, `source`,
`sections`), with nothing unplaced, through .docx and through both dump layouts. For a clean filing (every
generated one, and qingshan-2022) that is `f` itself. wuchang-2020 is not clean as filed: the clean layout
merges each run of equal 二级 (the form repeats them, so `level2_filed` is None on the rows a merge covers),
shows 产出指标 on the first row of its merge (the form has it on the second) and labels the first annual goal
年度目标1： (the form has the title there); `test_wuchang_clean_changes_only_layout_details` pins that down.

Strategy constraints (genuine ambiguities of the form, and parser bugs) are listed in tests/strategies.py;
the parser bugs found on the way are pinned by the tests at the end.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from perfform.model import Filing
from perfform.parser import parse_bytes, parse_file
from perfform.render import clean_filing, render_docx, render_text
from strategies import filings

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_NAMES = ("wuchang-2020", "qingshan-2022")
OUTPUTS = ("docx", "cells", "rows")
PROVENANCE = {"loc", "source", "sections"}


def comparable(filing: Filing) -> Any:
    return _drop(filing.model_dump(mode="json"))


def _drop(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _drop(v) for k, v in node.items() if k not in PROVENANCE}
    if isinstance(node, list):
        return [_drop(v) for v in node]
    return node


def render(filing: Filing, output: str) -> bytes:
    if output == "docx":
        return render_docx(filing)
    return render_text(filing, "rows" if output == "rows" else "cells").encode()


def read_back(filing: Filing, output: str) -> Filing:
    return parse_bytes(render(filing, output), f"rendered.{output}")


def differences(a: Any, b: Any, path: str = "") -> list[str]:
    """Model paths where two JSON trees differ (for readable failures and the wuchang check)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [p for k in sorted(set(a) | set(b)) for p in differences(a.get(k), b.get(k), f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [
            p for i, (x, y) in enumerate(zip(a, b, strict=True)) for p in differences(x, y, f"{path}[{i}]")
        ]
    return [] if a == b else [path.lstrip(".")]


def assert_round_trip(filing: Filing, output: str) -> None:
    back = read_back(filing, output)
    assert back.unplaced == []
    expected = comparable(clean_filing(filing))
    assert differences(expected, comparable(back)) == []


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_sample_round_trip(sample: str, output: str) -> None:
    assert_round_trip(parse_file(SAMPLES / sample / "form.docx"), output)


@pytest.mark.parametrize("output", OUTPUTS)
def test_sample_from_dump_round_trips(output: str) -> None:
    assert_round_trip(parse_file(SAMPLES / "qingshan-2022" / "form.txt"), output)


def test_qingshan_is_clean() -> None:
    filing = parse_file(SAMPLES / "qingshan-2022" / "form.docx")
    assert comparable(clean_filing(filing)) == comparable(filing)


def test_wuchang_clean_changes_only_layout_details() -> None:
    filing = parse_file(SAMPLES / "wuchang-2020" / "form.docx")
    changed = differences(comparable(filing), comparable(clean_filing(filing)))
    assert "goals[3].label" in changed
    assert "goals[3].indicators[0].level1_filed" in changed
    assert all(p == "goals[3].label" or p.endswith(("level1_filed", "level2_filed")) for p in changed)


@pytest.mark.parametrize("output", OUTPUTS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(filing=filings())
def test_generated_filing_round_trips(filing: Filing, output: str) -> None:
    back = read_back(filing, output)
    assert back.unplaced == []
    assert differences(comparable(filing), comparable(back)) == []


@settings(max_examples=40, deadline=None)
@given(filing=filings())
def test_generated_filings_are_clean(filing: Filing) -> None:
    assert comparable(clean_filing(filing)) == comparable(filing)


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_rendering_what_was_read_back_gives_the_same_bytes(sample: str, output: str) -> None:
    filing = parse_file(SAMPLES / sample / "form.docx")
    first = render(filing, output)
    assert render(parse_bytes(first), output) == first


# -- parser bugs found by round-tripping (the lead owns src/perfform/parser/) ---------------------------------

_FUNDING_DUMP = (
    "X区财政局2021年部门整体支出绩效目标表\n"
    "\t部门名称\tX区财政局\n"
    "\t部门总体资金情况（万元）\t总体资金情况\t当年预算收支\t占比\t近两年收支情况\n"
    "\t\t\t\t\t2019年\t2020年\n"
    "\t\t收入构成\t{name}\t{amount}\t{share}\t90\t95\n"
    "\t\t\t合计\t100\t100%\t90\t95\n"
    "\n"
)


def test_funding_line_named_like_a_heading_is_read() -> None:
    filing = parse_bytes(_FUNDING_DUMP.format(name="上年结转", amount="100", share="10%").encode())
    assert filing.funding is not None
    assert [line.name for line in filing.funding.income.items] == ["上年结转"]


def test_empty_amount_next_to_a_share_stays_empty() -> None:
    filing = parse_bytes(_FUNDING_DUMP.format(name="财政拨款", amount="", share="82%").encode())
    assert filing.funding is not None
    line = filing.funding.income.items[0]
    assert (line.amount.raw, line.share.raw) == ("", "82%")


def test_overall_goal_starting_like_a_label_is_kept() -> None:
    dump = (
        "X区财政局2021年部门整体支出绩效目标表\n"
        "\t部门名称\tX区财政局\n"
        "\t整体绩效目标\t长期目标\t年度目标\n"
        "\t\t\t年度工作任务完成率不低于95%。\n"
        "\n"
    )
    filing = parse_bytes(dump.encode())
    assert filing.overall_goals.annual == "年度工作任务完成率不低于95%。" or filing.unplaced
