"""The bundled samples: golden JSON per rendering, and every rendering of a form gives the same filing.

Regenerate the golden files after a reviewed change with `PERFFORM_UPDATE_GOLDEN=1 pytest tests/test_samples.py`
and read the diff like code.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from perfform.exporters import to_json
from perfform.model import Filing
from perfform.parser import parse_file

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
RENDERINGS = [
    ("wuchang-2020", "form.txt"),
    ("wuchang-2020", "form.docx"),
    ("qingshan-2022", "form.txt"),
    ("qingshan-2022", "form.docx"),
]
PROVENANCE = {"loc", "source", "sections"}


def parsed(sample: str, name: str) -> Filing:
    return parse_file(SAMPLES / sample / name)


def golden_text(filing: Filing) -> str:
    filing = filing.model_copy(deep=True)
    filing.source.path = Path(filing.source.path).name
    return to_json(filing)


def without_provenance(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: without_provenance(v) for k, v in node.items() if k not in PROVENANCE}
    if isinstance(node, list):
        return [without_provenance(v) for v in node]
    return node


@pytest.mark.parametrize(("sample", "name"), RENDERINGS)
def test_golden(sample: str, name: str) -> None:
    golden = SAMPLES / sample / "golden" / f"{name}.json"
    text = golden_text(parsed(sample, name))
    if os.environ.get("PERFFORM_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("sample", ["wuchang-2020", "qingshan-2022"])
def test_text_and_docx_give_the_same_filing(sample: str) -> None:
    text = without_provenance(parsed(sample, "form.txt").model_dump(mode="json"))
    docx = without_provenance(parsed(sample, "form.docx").model_dump(mode="json"))
    assert text == docx


@pytest.mark.parametrize("name", ["form.txt", "form.docx"])
def test_wuchang_acceptance_figures(name: str) -> None:
    filing = parsed("wuchang-2020", name)
    assert filing.year == 2020
    assert filing.department == "武昌区委统一战线工作部"
    counts = [(g.kind, len(g.indicators)) for g in filing.goals]
    assert counts == [
        ("long_term", 8),
        ("long_term", 9),
        ("long_term", 9),
        ("annual", 14),
        ("annual", 9),
        ("annual", 9),
    ]
    assert filing.funding is not None and filing.funding.income.total is not None
    assert filing.funding.income.total.amount.number == Decimal("717.28")
    first = next(g for g in filing.goals if g.kind == "annual").indicators[0]
    assert (first.level1, first.level2, first.name) == ("产出指标", "数量指标", "统战工作领导小组会议次数")
    assert (first.target.op, first.target.number, first.target.unit) == (">=", Decimal(2), "次")
    assert first.history["2018"].raw == "4次" and first.history["2018"].number == 4
    typo = filing.goals[5].indicators[1].history["2019"]
    assert (typo.raw, typo.number, typo.unit) == ("6资", Decimal(6), "资")
    assert filing.unplaced == []


@pytest.mark.parametrize("name", ["form.txt", "form.docx"])
def test_qingshan_newer_template(name: str) -> None:
    filing = parsed("qingshan-2022", name)
    assert (filing.year, filing.taxonomy, filing.date) == (2022, "2021", "2021年12月20日")
    assert [len(g.indicators) for g in filing.goals] == [4, 3, 3, 7, 5, 6]
    cost = filing.goals[3].indicators[0]
    assert (cost.level1, cost.level2) == ("成本指标", "经济成本指标")
    assert filing.functions is not None and filing.functions.count("\n") == 2
    new_indicator = filing.goals[4].indicators[0].history["2020"]
    assert new_indicator.kind == "none"
    assert filing.unplaced == []


def test_golden_files_are_valid_json_of_the_model() -> None:
    for sample, name in RENDERINGS:
        data = json.loads((SAMPLES / sample / "golden" / f"{name}.json").read_text(encoding="utf-8"))
        assert Filing.model_validate(data).source.format in {"text", "docx"}
