"""Meta-tests over the rule registry: modules, metadata, docs and tests stay in step.

Per-module checks run over the rule modules that exist on disk, so a module being written elsewhere does not
fail them; `test_registry_lists_exactly_the_modules_on_disk` is the one that insists on both directions.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import ModuleType

import pytest

import perfform.rules
from perfform.diagnostics import Severity
from perfform.rules import MODULES
from perfform.rules.base import Rule, RuleOptions, no_check

RULES_DIR = Path(perfform.rules.__file__).resolve().parent
TESTS_DIR = Path(__file__).resolve().parent
ON_DISK = sorted(p.stem for p in RULES_DIR.glob("pf[0-9][0-9][0-9]_*.py"))
FAMILY_TAGS = {"0": "input", "1": "funding", "2": "goals", "3": "taxonomy", "4": "values"}
KEBAB = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
SECTION = re.compile(r"^(Why|Fails|Passes):", re.MULTILINE)


def load(name: str) -> ModuleType:
    return importlib.import_module(f"perfform.rules.{name}")


def rule_of(name: str) -> Rule:
    rule = load(name).RULE
    assert isinstance(rule, Rule)
    return rule


def test_registry_lists_exactly_the_modules_on_disk() -> None:
    assert sorted(MODULES) == ON_DISK
    assert len(set(MODULES)) == len(MODULES)


@pytest.mark.parametrize("name", ON_DISK)
def test_registry_code_and_name_match_the_module(name: str) -> None:
    rule = rule_of(name)
    assert re.fullmatch(r"PF\d{3}", rule.code)
    assert KEBAB.match(rule.name), rule.name
    assert name == f"{rule.code.lower()}_{rule.name.replace('-', '_')}"
    assert isinstance(rule.severity, Severity)


def test_registry_codes_and_names_are_unique() -> None:
    rules = [rule_of(name) for name in ON_DISK]
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)


@pytest.mark.parametrize("name", ON_DISK)
def test_registry_docstring_is_the_user_doc(name: str) -> None:
    module, rule = load(name), rule_of(name)
    assert rule.doc == module.__doc__
    lines = rule.doc.strip().splitlines()
    assert lines and lines[0].strip() == rule.summary and len(rule.summary) > 10
    assert len(lines) > 1 and not lines[1].strip(), "the summary is one line, followed by a blank line"
    assert SECTION.findall(rule.doc) == ["Why", "Fails", "Passes"]


@pytest.mark.parametrize("name", ON_DISK)
def test_registry_family_tag_and_options(name: str) -> None:
    rule = rule_of(name)
    family = FAMILY_TAGS[rule.code[2]]
    assert family in rule.tags
    assert not set(rule.tags) & (set(FAMILY_TAGS.values()) - {family}), "a family tag selects one family"
    assert issubclass(rule.options, RuleOptions)
    rule.options()  # every option has a default
    if rule.input_only:
        assert rule.check is no_check


@pytest.mark.parametrize("name", ON_DISK)
def test_registry_every_rule_module_has_a_test_module(name: str) -> None:
    assert (TESTS_DIR / f"test_{name}.py").is_file(), f"tests/rules/test_{name}.py is missing"
