"""Configuration: selection, severities, options, waivers, and finding the file."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import perfform.rules
from perfform.config import Config, ConfigError, Waiver, load_config
from perfform.diagnostics import Diagnostic, Severity
from perfform.model import Filing, Location
from perfform.rules.base import Finding, Rule

# The rules of families 0–2: enough for engine and config behaviour, independent of the later families.
MODULES = tuple(m for m in perfform.rules.MODULES if m[2] in "012")


def _boom(filing: Filing, options: Any) -> Iterable[Finding]:
    raise RuntimeError("division by zero\nin the middle")


BOOM = Rule(code="PF999", name="boom", severity=Severity.WARNING, doc="Raises.", check=_boom, tags=("test",))


@pytest.fixture(autouse=True)
def registry(monkeypatch: pytest.MonkeyPatch) -> tuple[Rule, ...]:
    rules = (*(importlib.import_module(f"perfform.rules.{m}").RULE for m in MODULES), BOOM)
    monkeypatch.setattr(perfform.rules, "all_rules", lambda: rules)
    return rules


def codes(config: Config) -> list[str]:
    return [r.code for r in config.selected()]


def test_config_selects_every_rule_by_default(registry: tuple[Rule, ...]) -> None:
    assert codes(Config()) == [r.code for r in registry]
    assert codes(Config(select=["all"])) == codes(Config())


@pytest.mark.parametrize(
    ("select", "expected"),
    [
        (["PF104"], ["PF104"]),
        (["pf104"], ["PF104"]),
        (["share-mismatch", "PF105"], ["PF104", "PF105"]),
        (["goals"], ["PF201", "PF202", "PF203", "PF204", "PF205"]),
        (["PF10"], ["PF101", "PF102", "PF103", "PF104", "PF105", "PF106"]),
        (["input"], ["PF001", "PF002", "PF003", "PF004", "PF005"]),
    ],
)
def test_config_select_by_code_name_tag_prefix(select: list[str], expected: list[str]) -> None:
    assert codes(Config(select=select)) == expected


def test_config_ignore_by_code_name_tag_prefix() -> None:
    config = Config(select=["PF1", "PF2"], ignore=["PF101", "share-total", "goals", "PF99"])
    assert codes(config) == ["PF102", "PF103", "PF104", "PF106"]


@pytest.mark.parametrize("key", ["select", "ignore"])
def test_config_unknown_selector_is_an_error(key: str) -> None:
    with pytest.raises(ConfigError, match=rf"^{key}: .*'PF777'"):
        Config(**{key: ["PF777"]})


def test_config_severity_override_and_off() -> None:
    config = Config(severity={"PF203": "error", "unmatched-goal": "info", "PF104": "off"})
    rules = {r.code: r for r in perfform.rules.all_rules()}
    assert config.severity_of(rules["PF203"]) is Severity.ERROR
    assert config.severity_of(rules["PF204"]) is Severity.INFO
    assert config.severity_of(rules["PF101"]) is Severity.ERROR
    assert config.severity_of(rules["PF104"]) is None
    assert "PF104" not in codes(config)


@pytest.mark.parametrize(
    ("severity", "message"),
    [
        ({"PF203": "fatal"}, r"^severity\.PF203: "),
        ({"PF777": "error"}, r"^severity\.PF777: unknown rule"),
        ({"PF203": "error", "goal-without-outcome": "info"}, r"given twice"),
    ],
)
def test_config_bad_severity_is_an_error(severity: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Config(severity=severity)


def test_config_options_by_code_or_name_are_validated() -> None:
    rules = {r.code: r for r in perfform.rules.all_rules()}
    config = Config(options={"share-mismatch": {"tolerance_points": "0.5"}, "PF101": {"tolerance": 1}})
    assert config.options_of(rules["PF104"]) == rules["PF104"].options.model_validate(
        {"tolerance_points": Decimal("0.5")}
    )
    assert config.options_of(rules["PF101"]) == rules["PF101"].options.model_validate(
        {"tolerance": Decimal(1)}
    )
    assert config.options_of(rules["PF105"]) == rules["PF105"].options()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"share-mismatch": {"tolerance": 1}}, r"^options\.share-mismatch\.tolerance: unknown key$"),
        ({"PF104": {"tolerance_points": "a lot"}}, r"^options\.PF104\.tolerance_points: "),
        ({"PF777": {}}, r"^options\.PF777: unknown rule"),
        ({"PF203": {"anything": 1}}, r"^options\.PF203\.anything: unknown key$"),
        ({"PF104": {}, "share-mismatch": {}}, r"given twice"),
    ],
)
def test_config_bad_options_are_an_error(options: dict[str, dict[str, Any]], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Config(options=options)


def test_config_unknown_key_is_an_error() -> None:
    with pytest.raises(ConfigError, match=r"^config: selct: unknown key$"):
        Config.from_dict({"selct": ["PF104"]})


@pytest.mark.parametrize(
    ("waiver", "message"),
    [
        ({"file": "*", "code": "PF104"}, r"^waivers\[0\]\.reason: required key is missing$"),
        ({"file": "*", "code": "PF104", "reason": "  "}, r"^waivers\[0\]\.reason: .*non-empty reason"),
        ({"file": "*", "code": "PF777", "reason": "x"}, r"^waivers\[0\]\.code: unknown rule"),
        ({"code": "PF104", "reason": "x"}, r"^waivers\[0\]\.file: required key is missing$"),
    ],
)
def test_config_bad_waiver_is_an_error(waiver: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Config(waivers=[waiver])


def test_waiver_matches_file_glob_and_locator() -> None:
    waiver = Waiver(file="filings/*.docx", code="share-mismatch", at="funding.income", reason="口径不同")
    assert waiver.code == "PF104"
    hit = Diagnostic(
        code="PF104",
        name="share-mismatch",
        severity=Severity.ERROR,
        message="m",
        path="funding.income.items[0].share",
        location=Location(table=1, row=5, column=6),
    )
    assert waiver.matches("filings/a.docx", hit)
    assert waiver.matches("/home/x/filings/a.docx", hit)
    assert not waiver.matches("filings/a.txt", hit)
    assert not waiver.matches("filings/a.docx", hit.model_copy(update={"code": "PF105"}))
    assert not waiver.matches("filings/a.docx", hit.model_copy(update={"path": "funding.incomes"}))
    at_row = Waiver(file="*", code="PF104", at="table 1, row 5", reason="r")
    assert at_row.matches("a.docx", hit)
    assert not at_row.matches("a.docx", hit.model_copy(update={"location": Location(table=1, row=50)}))
    at_goal = Waiver(file="*", code="PF104", at="goals[1]", reason="r")
    assert at_goal.matches("a", hit.model_copy(update={"path": "goals[1].indicators[0]"}))
    assert not at_goal.matches("a", hit.model_copy(update={"path": "goals[10].indicators[0]"}))


def test_config_merged_cli_flags() -> None:
    config = Config(select=["PF1"], ignore=["PF101"], waivers=[{"file": "*", "code": "PF104", "reason": "r"}])
    merged = config.merged(select=["PF10"], ignore=["PF102"], strict=True)
    assert codes(merged) == ["PF103", "PF104", "PF105", "PF106"]
    assert merged.strict and not config.strict
    assert merged.waivers == config.waivers
    assert codes(config.merged()) == codes(config)
    with pytest.raises(ConfigError, match=r"^command line: select: .*'PF777'"):
        config.merged(select=["PF777"])


# -- finding and reading the file ------------------------------------------------------------------------


def test_load_config_finds_perfform_toml_upwards(tmp_path: Path) -> None:
    (tmp_path / "perfform.toml").write_text(
        'ignore = ["PF203"]\n[severity]\nPF204 = "off"\n', encoding="utf-8"
    )
    folder = tmp_path / "filings" / "2022"
    folder.mkdir(parents=True)
    form = folder / "form.docx"
    form.write_bytes(b"")
    for start in (folder, form):
        config = load_config(start, None)
        assert config.ignore == ["PF203"]
        assert "PF204" not in codes(config)


def test_load_config_reads_tool_perfform_and_skips_other_pyprojects(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.perfform]\nselect = ["funding"]\n', encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert load_config(inner, None).select == ["funding"]


def test_load_config_prefers_perfform_toml_in_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.perfform]\nselect = ["funding"]\n', encoding="utf-8")
    (tmp_path / "perfform.toml").write_text('select = ["goals"]\n', encoding="utf-8")
    assert load_config(tmp_path, None).select == ["goals"]


def test_load_config_explicit_file(tmp_path: Path) -> None:
    explicit = tmp_path / "ci.toml"
    explicit.write_text("[options.PF104]\ntolerance_points = 0.5\n", encoding="utf-8")
    config = load_config(tmp_path / "elsewhere", explicit)
    rule = perfform.rules.get("PF104")
    assert rule is not None
    assert config.options_of(rule) == rule.options.model_validate({"tolerance_points": Decimal("0.5")})
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_config(tmp_path, tmp_path / "missing.toml")


def test_load_config_errors_name_the_file_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "perfform.toml"
    bad.write_text('[[waivers]]\nfile = "*"\ncode = "PF104"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path, None)
    assert caught.value.message == f"{bad}: waivers[0].reason: required key is missing"
    bad.write_text("select = [PF104\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(tmp_path, None)


def test_load_config_defaults_when_nothing_is_found(tmp_path: Path) -> None:
    assert load_config(tmp_path, None) == Config()


def test_default_config_is_the_validated_one_without_validating() -> None:
    default, validated = Config.default(), Config()
    assert default == validated and default.model_fields_set == validated.model_fields_set
    assert default.selected() == validated.selected()
    assert default._severity == validated._severity and default._options == validated._options
    assert default.merged() is default


def test_default_rule_options_equal_validated_ones() -> None:
    """`options_of` gives each rule its options model's defaults without validating them."""
    config = Config.default()
    for rule in perfform.rules.all_rules():
        options = config.options_of(rule)
        assert type(options) is rule.options
        assert options == rule.options() and options.model_dump() == rule.options().model_dump()
