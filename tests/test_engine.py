"""The rule engine: stamping, severities, options, waivers, ordering, internal errors."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Any

import pytest

import perfform.rules
from factory import clean_filing, value
from perfform.config import Config
from perfform.diagnostics import Severity
from perfform.engine import check_filing, input_diagnostic
from perfform.errors import NotAFiling, UnreadableInput
from perfform.model import Filing, Location
from perfform.rules.base import Finding, Rule

# The rules of families 0–2: enough for engine and config behaviour, independent of the later families.
MODULES = tuple(m for m in perfform.rules.MODULES if m[2] in "012")


def _boom(filing: Filing, options: Any) -> Iterable[Finding]:
    yield Finding("first")
    raise RuntimeError("list index out of range\nsecond line")


def _not_a_finding(filing: Filing, options: Any) -> Iterable[Finding]:
    return ["a string"]  # type: ignore[list-item]


def _never(filing: Filing, options: Any) -> Iterable[Finding]:
    raise AssertionError("input-only rules are not run on a filing")


BOOM = Rule(code="PF998", name="boom", severity=Severity.WARNING, doc="Raises.", check=_boom, tags=("test",))
WRONG = Rule(
    code="PF997", name="wrong", severity=Severity.INFO, doc="Bad.", check=_not_a_finding, tags=("test",)
)
INPUT = Rule(code="PF099", name="input", severity=Severity.ERROR, doc="X.", check=_never, input_only=True)


@pytest.fixture(autouse=True)
def registry(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = (*(importlib.import_module(f"perfform.rules.{m}").RULE for m in MODULES), BOOM, WRONG, INPUT)
    monkeypatch.setattr(perfform.rules, "all_rules", lambda: rules)


def plain() -> Config:
    """Every rule but the test doubles."""
    return Config(ignore=["test"])


def broken() -> Filing:
    """Three findings: PF104 and PF105 at line 60, PF203 (a warning) at the annual goal at line 90."""
    filing = clean_filing().model_copy(deep=True)
    assert filing.funding is not None
    filing.funding.expenditure.items[0].share = value("70%", line=60)
    filing.goals[1].indicators = [i for i in filing.goals[1].indicators if i.level1 != "效益指标"]
    filing.goals[1].loc = Location(line=90)
    return filing


def test_engine_clean_filing_has_no_diagnostics() -> None:
    assert check_filing(clean_filing(), plain()) == []


def test_engine_stamps_code_name_severity_and_sorts_by_location() -> None:
    diagnostics = check_filing(broken(), plain())
    assert [(d.code, d.name, d.severity, d.path, d.where()) for d in diagnostics] == [
        ("PF104", "share-mismatch", Severity.ERROR, "funding.expenditure.items[0].share", "line 60"),
        ("PF105", "share-total", Severity.ERROR, "funding.expenditure.items", "line 60"),
        ("PF203", "goal-without-outcome", Severity.WARNING, "goals[1].indicators", "line 90"),
    ]
    assert diagnostics[0].expected == "62%" and diagnostics[0].found == "70%"
    assert diagnostics[0].suggestion == "改为 62%"


def test_engine_findings_without_location_come_first() -> None:
    filing = broken()
    filing.tracked_changes = 2
    assert [d.code for d in check_filing(filing, plain())] == ["PF005", "PF104", "PF105", "PF203"]


def test_engine_severity_override_and_off() -> None:
    config = Config(ignore=["test"], severity={"PF203": "error", "share-mismatch": "off", "PF105": "info"})
    diagnostics = check_filing(broken(), config)
    assert [(d.code, d.severity) for d in diagnostics] == [
        ("PF105", Severity.INFO),
        ("PF203", Severity.ERROR),
    ]


def test_engine_selection() -> None:
    assert [d.code for d in check_filing(broken(), Config(select=["goals"]))] == ["PF203"]
    assert [d.code for d in check_filing(broken(), Config(select=["PF1"], ignore=["PF105"]))] == ["PF104"]
    assert check_filing(broken(), Config(select=["PF2"], ignore=["goal-without-outcome"])) == []


def test_engine_passes_rule_options() -> None:
    config = Config(ignore=["test", "PF105"], options={"PF104": {"tolerance_points": 10}})
    assert [d.code for d in check_filing(broken(), config)] == ["PF203"]


def test_engine_a_raising_rule_becomes_pf000_and_the_batch_goes_on() -> None:
    diagnostics = check_filing(broken(), Config())
    internal = [d for d in diagnostics if d.code == "PF000"]
    assert len(internal) == 2
    wrong, boom = sorted(internal, key=lambda d: d.message)
    assert boom.name == "internal-error" and boom.severity is Severity.ERROR
    assert boom.message == "rule PF998 boom failed: RuntimeError: list index out of range second line"
    assert "PF997" in wrong.message and "TypeError" in wrong.message
    assert {"PF104", "PF105", "PF203"} <= {d.code for d in diagnostics}
    assert "boom" not in {d.name for d in diagnostics}, "partial findings of a failed rule are dropped"


def _odd_rule(finding: Finding) -> Rule:
    return Rule(code="PF996", name="odd", severity=Severity.INFO, doc="Odd.", check=lambda f, o: [finding])


@pytest.mark.parametrize(
    "finding",
    [
        Finding(42),  # type: ignore[arg-type]
        Finding("m", path=("goals", 1)),  # type: ignore[arg-type]
        Finding("m", suggestion=95),  # type: ignore[arg-type]
    ],
)
def test_engine_a_finding_of_the_wrong_types_becomes_pf000(
    finding: Finding, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(perfform.rules, "all_rules", lambda: (_odd_rule(finding),))
    [diagnostic] = check_filing(clean_filing(), Config())
    assert diagnostic.code == "PF000" and diagnostic.message.startswith("rule PF996 odd failed: ")


def test_engine_validates_a_finding_it_cannot_build_directly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Diagnostics are built without validation when a finding has the exact field types; other findings
    are validated as before (a mapping for the location, a str subclass for a text are coerced)."""
    odd = Finding("m", loc={"line": 3}, found=Severity.INFO)  # type: ignore[arg-type]
    monkeypatch.setattr(perfform.rules, "all_rules", lambda: (_odd_rule(odd),))
    [diagnostic] = check_filing(clean_filing(), Config())
    assert diagnostic.code == "PF996"
    assert diagnostic.location == Location(line=3)
    assert diagnostic.found == "info"


def test_engine_does_not_run_input_only_rules() -> None:
    assert check_filing(clean_filing(), Config(select=["PF099", "PF001"])) == []


def test_engine_waiver_by_file_glob_and_model_path() -> None:
    waiver = {"file": "*.txt", "code": "share-mismatch", "at": "funding.expenditure", "reason": "口径不同"}
    codes = [d.code for d in check_filing(broken(), Config(ignore=["test"], waivers=[waiver]))]
    assert codes == ["PF105", "PF203"], "the waiver covers PF104 only"
    elsewhere = {**waiver, "file": "*.docx"}
    assert len(check_filing(broken(), Config(ignore=["test"], waivers=[elsewhere]))) == 3
    other_place = {**waiver, "at": "funding.income"}
    assert len(check_filing(broken(), Config(ignore=["test"], waivers=[other_place]))) == 3


def test_engine_waiver_by_location_text() -> None:
    waiver = {"file": "clean.txt", "code": "PF203", "at": "line 90", "reason": "效益在长期目标中体现"}
    assert [d.code for d in check_filing(broken(), Config(ignore=["test"], waivers=[waiver]))] == [
        "PF104",
        "PF105",
    ]


@pytest.mark.parametrize(
    ("error", "name"), [(UnreadableInput, "unreadable-input"), (NotAFiling, "not-a-filing")]
)
def test_input_diagnostic_from_reader_errors(error: type[UnreadableInput], name: str) -> None:
    exc = error("a PDF document:\nnot a form perfform can read")
    diagnostic = input_diagnostic(exc.code, exc.message)
    assert (diagnostic.code, diagnostic.name, diagnostic.severity) == (exc.code, name, Severity.ERROR)
    assert diagnostic.message == "a PDF document: not a form perfform can read"
    located = input_diagnostic("PF002", "no goals", "goals", Location(line=3))
    assert (located.path, located.where()) == ("goals", "line 3")


def test_input_diagnostic_rejects_unknown_codes() -> None:
    with pytest.raises(ValueError, match="PF0001"):
        input_diagnostic("PF0001", "x")


def test_engine_config_instances_do_not_share_state() -> None:
    Config(severity={"PF104": "off"}, options={"PF203": {}})
    assert [d.code for d in check_filing(broken(), plain())] == ["PF104", "PF105", "PF203"]


def test_engine_clean_filing_passes_every_registered_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real registry: skipped (with the missing module named) until every rule module exists."""
    monkeypatch.undo()
    try:
        perfform.rules.all_rules()
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("perfform.rules."):
            raise
        pytest.skip(f"rule module not written yet: {exc.name}")
    assert check_filing(clean_filing(), Config()) == []
