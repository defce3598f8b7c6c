"""Models built without validation (`perfform._construct.builder`, `positional_builder`) equal the validated ones.

The parser builds `Location`, `Value` and `Indicator` without validation on its hot paths; every filing it
returns must be exactly what validating its own dump gives back.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from pydantic import BaseModel, ConfigDict, PrivateAttr

from perfform._construct import builder, positional_builder
from perfform.model import Filing, FundLine, Goal, Indicator, Location, Value
from perfform.parser import parse_bytes, parse_file
from perfform.values import parse_value
from strategies import filings

SAMPLES = sorted(Path(__file__).resolve().parent.parent.glob("samples/*/form.*[tx]"))


def same(built: BaseModel, validated: BaseModel) -> None:
    assert built == validated
    assert repr(built) == repr(validated)
    assert built.model_fields_set == validated.model_fields_set
    assert built.model_dump_json() == validated.model_dump_json()


def test_builder_matches_validation() -> None:
    loc = Location(table=1, row=2, column=3)
    same(builder(Location)(table=1, row=2, column=3), loc)
    same(builder(Location)(part="footer", line=4), Location(part="footer", line=4))
    value = dict(raw="≥95%", op=">=", number=Decimal(95), unit="%", kind="percent", loc=loc)
    same(builder(Value)(**value), Value(**value))  # type: ignore[arg-type]
    target = Value(raw="1")
    indicator = dict(level1="产出指标", level2="数量指标", name="培训人次", target=target, loc=loc)
    built = builder(Indicator)(**indicator)
    same(built, Indicator(**indicator))  # type: ignore[arg-type]
    assert built.history == {} and built.history is not builder(Indicator)(**indicator).history


def test_builder_refuses_what_it_cannot_build() -> None:
    with pytest.raises(TypeError, match="missing required field 'raw'"):
        builder(Value)(kind="text")
    with pytest.raises(TypeError, match="unknown fields"):
        builder(Location)(table=1, cell=2)

    class Private(BaseModel):
        _secret: int = PrivateAttr(default=0)

    class Extra(BaseModel):
        model_config = ConfigDict(extra="allow")

    class Mutable(BaseModel):
        items: list[int] = []

    for cls in (Private, Extra, Mutable):
        with pytest.raises(TypeError):
            builder(cls)


def test_positional_builder_matches_validation() -> None:
    loc = Location(table=1, row=2, column=3)
    same(positional_builder(Location, "table", "row", "column")(1, 2, 3), loc)
    same(positional_builder(Location, "line", "part")(4, "footer"), Location(part="footer", line=4))
    same(positional_builder(Location)(), Location())
    value = dict(
        raw="≥95%", op=">=", number=Decimal(95), unit="%", kind="percent", placeholder=False, loc=loc
    )
    same(positional_builder(Value, *value)(*value.values()), Value(**value))  # type: ignore[arg-type]
    same(positional_builder(Value, "raw")(""), Value(raw=""))
    target = Value(raw="1")
    indicator = dict(level1="产出指标", level2="数量指标", name="培训人次", target=target, loc=loc)
    make = positional_builder(Indicator, *indicator)
    built = make(*indicator.values())
    same(built, Indicator(**indicator))  # type: ignore[arg-type]
    assert built.history == {} and built.history is not make(*indicator.values()).history
    line = dict(name="财政拨款", amount=target, share=Value(raw="50%"), history={"2020": target}, loc=loc)
    same(positional_builder(FundLine, *line)(*line.values()), FundLine(**line))  # type: ignore[arg-type]
    goal = dict(kind="annual", index=2, name="公共卫生", indicators=[built], label="年度目标2：", loc=loc)
    same(positional_builder(Goal, *goal)(*goal.values()), Goal(**goal))  # type: ignore[arg-type]


def test_positional_builder_refuses_what_it_cannot_build() -> None:
    with pytest.raises(TypeError, match="missing required field 'raw'"):
        positional_builder(Value, "kind")
    with pytest.raises(TypeError, match="unknown fields"):
        positional_builder(Location, "table", "cell")
    with pytest.raises(TypeError, match="named twice"):
        positional_builder(Location, "row", "row")

    class Private(BaseModel):
        _secret: int = PrivateAttr(default=0)

    class Mutable(BaseModel):
        items: list[int] = []

    for cls in (Private, Mutable):
        with pytest.raises(TypeError):
            positional_builder(cls)


def test_positional_builder_takes_field_names_that_clash_with_its_own() -> None:
    class Odd(BaseModel):
        model_config = ConfigDict(extra="forbid")
        model: int
        build: str = "x"
        cls: int = 0

    built = positional_builder(Odd, "cls", "model")(1, 2)
    same(built, Odd(model=2, cls=1))
    assert built.build == "x"


@pytest.mark.parametrize(
    "raw", ["", "—", "≥95%", "≥1,200人次", "12月底前完成", "XX", "有所提升", "6资", " 100% ", "≤5天以上"]
)
def test_parse_value_matches_validation(raw: str) -> None:
    loc = Location(line=3)
    built = parse_value(raw, loc=loc, placeholder=raw == "XX")
    same(built, Value.model_validate(built.model_dump()))


def test_parse_value_validates_arguments_it_cannot_vouch_for() -> None:
    value = parse_value("5次", loc={"line": 2}, placeholder=1)  # type: ignore[arg-type]
    assert value.loc == Location(line=2) and value.placeholder is True


def revalidated(filing: Filing) -> None:
    same(filing, Filing.model_validate(filing.model_dump()))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_parsed_samples_equal_their_validated_dump(path: Path) -> None:
    revalidated(parse_file(path))


@settings(max_examples=25)
@given(filings())
def test_parsed_renderings_equal_their_validated_dump(filing: Filing) -> None:
    from perfform.render import render_docx, render_text

    revalidated(parse_bytes(render_docx(filing), "form.docx"))
    revalidated(parse_bytes(render_text(filing, "rows").encode(), "form.txt"))
