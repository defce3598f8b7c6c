from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfform.model import Location, Value
from perfform.values import normalize, op_conflict, parse_value

D = Decimal
OPS = {">=", "<=", ">", "<", "=", None}
ASCII_WS = " \t\n\r\v\f"

# raw, op, number, unit, kind, placeholder
CASES = [
    ("≥2次", ">=", D("2"), "次", "number", False),
    (">2次", ">", D("2"), "次", "number", False),
    ("100%", None, D("100"), "%", "percent", False),
    ("0", None, D("0"), None, "number", False),
    ("0%", None, D("0"), "%", "percent", False),
    ("6资", None, D("6"), "资", "number", False),
    ("12次", None, D("12"), "次", "number", False),
    ("≥９０％", ">=", D("90"), "%", "percent", False),
    ("不少于3600人次", ">=", D("3600"), "人次", "number", False),
    ("≤800元/生·年", "<=", D("800"), "元/生·年", "number", False),
    ("不低于90%", ">=", D("90"), "%", "percent", False),
    ("不少于39.5万人", ">=", D("39.5"), "万人", "number", False),
    ("≤89元", "<=", D("89"), "元", "number", False),
    ("38.2万人", None, D("38.2"), "万人", "number", False),
    ("—", None, None, None, "none", False),
    ("——", None, None, None, "none", False),
    ("-", None, None, None, "none", False),
    ("－", None, None, None, "none", False),
    ("/", None, None, None, "none", False),
    ("无", None, None, None, "none", False),
    ("2022年12月底前", "<=", None, None, "date", False),
    ("2021年12月31日前", "<=", None, None, "date", False),
    ("6月底前完成", "<=", None, None, "date", False),
    ("年底前完成", "<=", None, None, "date", False),
    ("2021年12月31日", None, None, None, "date", False),
    ("2022年底完成", "<=", None, None, "date", False),
    ("6月底完成", "<=", None, None, "date", False),
    ("年内完成", "<=", None, None, "date", False),
    ("2021.12前", "<=", None, None, "date", False),
    ("≤2021.12.31", "<=", None, None, "date", False),
    ("≤2021.12", "<=", D("2021.12"), None, "number", False),
    ("6月", None, D("6"), "月", "number", False),
    ("≤12月", "<=", D("12"), "月", "number", False),
    ("控制在5%以内", "<=", D("5"), "%", "percent", False),
    ("3次以上", ">=", D("3"), "次", "number", False),
    ("2次及以上", ">=", D("2"), "次", "number", False),
    ("3个工作日内", "<=", D("3"), "个工作日", "number", False),
    ("1,200人次", None, D("1200"), "人次", "number", False),
    ("1，200人次", None, D("1200"), "人次", "number", False),
    ("1 200 000", None, D("1200000"), None, "number", False),
    ("合规", None, None, None, "text", False),
    ("及时", None, None, None, "text", False),
    ("按时举行", None, None, None, "text", False),
    ("有所提升", None, None, None, "text", False),
    ("稳定发展", None, None, None, "text", False),
    ("民主党派新成员较上年有所增长", None, None, None, "text", False),
    ("约500人", None, None, None, "text", False),
    ("5-10人", None, None, None, "text", False),
    ("100%完成", None, None, None, "text", False),
    ("5G网络全覆盖", None, None, None, "text", False),
    ("XX", None, None, None, "text", True),
    ("xx", None, None, None, "text", True),
    ("**", None, None, None, "text", True),
    ("待定", None, None, None, "text", True),
    ("另定", None, None, None, "text", True),
    ("？", None, None, None, "text", True),
    ("?", None, None, None, "text", True),
    ("单击或点击此处输入文字。", None, None, None, "text", True),
    ("单击此处输入文字。", None, None, None, "text", True),
    ("Click or tap here to enter text.", None, None, None, "text", True),
    ("≥XX%", ">=", None, "%", "percent", True),
    ("XX次", None, None, "次", "number", True),
    ("X光", None, None, None, "text", False),
    ("X%", None, None, "%", "percent", True),
    ("≥X次", ">=", None, "次", "number", True),
    ("", None, None, None, "empty", False),
    ("\u00a0", None, None, None, "empty", False),
    ("\u00a012次\u00a0", None, D("12"), "次", "number", False),
    ("≥100百分比", ">=", D("100"), "百分比", "number", False),
    ("5‰", None, D("5"), "‰", "percent", False),
    ("＞3个", ">", D("3"), "个", "number", False),
    ("＞＝3个", ">=", D("3"), "个", "number", False),
    ("＜5%", "<", D("5"), "%", "percent", False),
    ("＝100%", "=", D("100"), "%", "percent", False),
    (">=95%", ">=", D("95"), "%", "percent", False),
    ("<=3天", "<=", D("3"), "天", "number", False),
    ("≧1篇", ">=", D("1"), "篇", "number", False),
    ("≦2件", "<=", D("2"), "件", "number", False),
    ("≥ 90 %", ">=", D("90"), "%", "percent", False),
    ("至少2场", ">=", D("2"), "场", "number", False),
    ("达到95%", ">=", D("95"), "%", "percent", False),
    ("不小于10户", ">=", D("10"), "户", "number", False),
    ("不高于5%", "<=", D("5"), "%", "percent", False),
    ("不超过20万元", "<=", D("20"), "万元", "number", False),
    ("不多于3次", "<=", D("3"), "次", "number", False),
    ("不大于1%", "<=", D("1"), "%", "percent", False),
    ("不超预算100万元", None, None, None, "text", False),
    ("5天以下", "<=", D("5"), "天", "number", False),
    ("10天以内", "<=", D("10"), "天", "number", False),
    ("超过3个", ">", D("3"), "个", "number", False),
    ("高于90%", ">", D("90"), "%", "percent", False),
    ("大于2台", ">", D("2"), "台", "number", False),
    ("多于5套", ">", D("5"), "套", "number", False),
    ("低于1%", "<", D("1"), "%", "percent", False),
    ("少于3起", "<", D("3"), "起", "number", False),
    ("小于2次", "<", D("2"), "次", "number", False),
    ("不足5人", "<", D("5"), "人", "number", False),
    ("不满18人", "<", D("18"), "人", "number", False),
    ("等于100%", "=", D("100"), "%", "percent", False),
    ("为100%", "=", D("100"), "%", "percent", False),
    ("为90%以上", ">=", D("90"), "%", "percent", False),
    ("-12.5", None, D("-12.5"), None, "number", False),
    ("717.28", None, D("717.28"), None, "number", False),
    ("12次。", None, D("12"), "次", "number", False),
    ("≥90%以上", ">=", D("90"), "%", "percent", False),
    ("≤5天以上", "<=", D("5"), "天", "number", False),
]


@pytest.mark.parametrize(("raw", "op", "number", "unit", "kind", "placeholder"), CASES)
def test_parse_value_reads_cell(
    raw: str, op: str | None, number: Decimal | None, unit: str | None, kind: str, placeholder: bool
) -> None:
    v = parse_value(raw)
    assert (v.op, v.number, v.unit, v.kind, v.placeholder) == (op, number, unit, kind, placeholder)
    assert v.raw == raw.strip(ASCII_WS)


@pytest.mark.parametrize("raw", [c[0] for c in CASES])
def test_parse_value_equals_validated_model(raw: str) -> None:
    v = parse_value(raw, loc=Location(table=2, row=3, column=4))
    again = Value.model_validate(v.model_dump())
    assert again == v
    assert again.model_dump(mode="json") == v.model_dump(mode="json")


@pytest.mark.parametrize(
    ("raw", "text"), [("717.28", "717.28"), ("1,200.50万元", "1200.50"), ("-0.5", "-0.5")]
)
def test_parse_value_number_is_exact(raw: str, text: str) -> None:
    v = parse_value(raw)
    assert isinstance(v.number, Decimal)
    assert str(v.number) == text


def test_parse_value_keeps_nbsp_in_raw() -> None:
    assert parse_value(" \t\u00a06资 \u00a0\n").raw == "\u00a06资 \u00a0"


def test_parse_value_passes_loc_and_placeholder() -> None:
    loc = Location(table=1, row=7, column=4)
    v = parse_value("12次", loc=loc, placeholder=True)
    assert v.loc == loc
    assert v.placeholder is True
    assert parse_value("12次").placeholder is False


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("≤5天以上", True),
        ("超过5次以上", True),
        ("≥=90%", True),
        ("不少于3次以下", True),
        (">=2021年12月前", False),
        ("≤2021年12月31日以后", True),
        ("≥90%以上", False),
        ("控制在5%以内", False),
        ("不低于90%", False),
        ("为90%以上", False),
        ("90%", False),
        ("合规", False),
        ("", False),
    ],
)
def test_op_conflict(raw: str, expected: bool) -> None:
    assert op_conflict(raw) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u00a0 ≥９０％\u3000", "≥90%"),
        ("Ｘｘ　１，２００", "Xx 1,200"),
        ("a\n\n b\t c", "a b c"),
        ("\ufeff12\u200b次", "12次"),
        ("＞＝", ">="),
        ("\u221212.5\ufe6a", "-12.5%"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


PIECES = [
    *"0123456789.,，-－ \u00a0\u3000%％‰≥≤><=＞＜＝≧≦xX*?？/—年月日底前次个万元人",
    *[
        "以上",
        "以下",
        "以内",
        "内",
        "不低于",
        "不超过",
        "控制在",
        "为",
        "约",
        "完成",
        "2021年",
        "12月",
        "元/生·年",
    ],
]


@given(st.text() | st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_parse_value_never_raises(text: str) -> None:
    v = parse_value(text)
    assert v.raw == text.strip(ASCII_WS)
    assert v.number is None or isinstance(v.number, Decimal)
    assert v.op in OPS
    assert (v.kind == "empty") == (normalize(text) == "")


SYMBOLS = {
    "≥": ">=",
    "≤": "<=",
    ">": ">",
    "<": "<",
    "=": "=",
    ">=": ">=",
    "<=": "<=",
    "＞": ">",
    "＜": "<",
    "＝": "=",
    "＞＝": ">=",
    "＜＝": "<=",
    "≧": ">=",
    "≦": "<=",
}
UNITS = ["次", "个", "人次", "万人", "万元", "元/生·年", "元/人", "篇", "天", "%", "‰", "个工作日"]


@given(
    st.sampled_from(sorted(SYMBOLS)),
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
    | st.integers(min_value=0, max_value=10**12).map(Decimal),
    st.sampled_from([*UNITS, None]),
    st.sampled_from(["", " ", "\u00a0"]),
)
def test_parse_value_recovers_generated_value(
    symbol: str, number: Decimal, unit: str | None, pad: str
) -> None:
    v = parse_value(f"{pad}{symbol}{number:f}{unit or ''}{pad}")
    assert v.op == SYMBOLS[symbol]
    assert v.number == number
    assert v.unit == unit
    assert v.kind == ("percent" if unit in ("%", "‰") else "number")
    assert not op_conflict(f"{symbol}{number:f}{unit or ''}")
