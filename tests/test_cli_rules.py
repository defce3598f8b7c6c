"""`perfform rules`, `perfform explain` and the generated docs/rules.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from perfform.cli import main
from perfform.commands.rules import DOCS_COMMAND, option_docs, render_rules_markdown
from perfform.rules import all_rules, get

ROOT = Path(__file__).resolve().parent.parent


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_rules_table_lists_every_rule_on_one_line() -> None:
    result = invoke("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["code", "name", "severity", "tags", "summary"]
    for rule in all_rules():
        line = next(line for line in lines if line.split()[:1] == [rule.code])
        assert line.split()[1:3] == [rule.name, rule.severity.value]


def test_rules_json() -> None:
    records = json.loads(invoke("rules", "--format", "json").stdout)
    assert [r["code"] for r in records] == [rule.code for rule in all_rules()]
    share = next(r for r in records if r["code"] == "PF104")
    assert share["name"] == "share-mismatch"
    assert "tolerance_points" in [option["name"] for option in share["options"]]


@pytest.mark.parametrize("selector", ["PF104", "pf104", "share-mismatch"])
def test_explain_prints_the_docstring_and_options(selector: str) -> None:
    result = invoke("explain", selector)
    assert result.exit_code == 0
    assert result.stdout.startswith("PF104 share-mismatch  (severity error;")
    assert "Fails:" in result.stdout
    assert "tolerance_points = 0.1  (Decimal)" in result.stdout


def test_explain_a_rule_without_options() -> None:
    assert invoke("explain", "PF001").stdout.rstrip().endswith("Options: none")


def test_explain_unknown_rule_exits_2_with_one_line() -> None:
    result = invoke("explain", "PF999")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "PF999" in result.stderr


def test_option_docs_read_the_attribute_docstrings() -> None:
    rule = get("PF104")
    assert rule is not None
    option = next(o for o in option_docs(rule.options) if o.name == "tolerance_points")
    assert (option.name, option.type, option.default) == ("tolerance_points", "Decimal", "0.1")
    assert option.description.startswith("Smallest difference")


def test_markdown_has_a_section_per_rule() -> None:
    text = render_rules_markdown()
    for rule in all_rules():
        assert f"\n## {rule.code} {rule.name}\n" in text
        assert f"(#{rule.code.lower()}-{rule.name})" in text


def test_committed_rules_doc_is_current() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render_rules_markdown(), f"regenerate: {DOCS_COMMAND}"
