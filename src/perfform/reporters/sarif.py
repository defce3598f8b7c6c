"""SARIF 2.1.0 (OASIS), for code-scanning dashboards: one run, every rule in `tool.driver.rules`.

A finding in a text dump gets `region.startLine`. A finding in a .docx cell has no line, so it gets no region
(no invented line numbers) and a logical location instead: `{"name": "table 1, row 27, column 4",
"fullyQualifiedName": "<model path>", "kind": "element"}`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from perfform import __version__
from perfform.batch import INTERNAL_ERROR, FileResult
from perfform.diagnostics import Diagnostic, Severity
from perfform.report import Summary
from perfform.rules import all_rules
from perfform.rules.base import Rule

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
JSON = dict[str, Any]


class Reporter:
    def __init__(self, stream: TextIO, *, strict: bool = False) -> None:
        self.stream = stream
        self.rules = [rule_descriptor(rule) for rule in all_rules()]
        self.index = {rule["id"]: i for i, rule in enumerate(self.rules)}
        self.results: list[JSON] = []

    def add(self, result: FileResult) -> None:
        for diagnostic in result.diagnostics:
            if diagnostic.code not in self.index:
                self.index[diagnostic.code] = len(self.rules)
                self.rules.append(unregistered_descriptor(diagnostic))
            self.results.append(sarif_result(result.path, diagnostic, self.index[diagnostic.code]))

    def finish(self, summary: Summary) -> None:
        driver = {
            "name": "perfform",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": self.rules,
        }
        log = {
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "results": self.results}],
        }
        self.stream.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")


def rule_descriptor(rule: Rule) -> JSON:
    doc = rule.doc.strip()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": doc or rule.name},
        "help": {"text": doc or rule.name},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": list(rule.tags)},
    }


def unregistered_descriptor(d: Diagnostic) -> JSON:
    """PF000 internal-error is not a rule anyone selects, but a result still needs a descriptor."""
    text = "perfform failed while checking a file" if d.code == INTERNAL_ERROR else d.name
    return {
        "id": d.code,
        "name": d.name,
        "shortDescription": {"text": text},
        "defaultConfiguration": {"level": LEVELS[d.severity]},
    }


def sarif_result(path: str, d: Diagnostic, rule_index: int) -> JSON:
    message = f"{d.message} ({d.suggestion})" if d.suggestion else d.message
    physical: JSON = {"artifactLocation": {"uri": artifact_uri(path)}}
    location: JSON = {"physicalLocation": physical}
    loc = d.location
    if loc is not None and loc.line is not None:
        physical["region"] = {"startLine": loc.line}
    elif d.where():
        # Code-scanning UIs ignore logical locations; the cell goes into the message too.
        message = f"{d.where()}: {message}"
        logical: JSON = {"name": d.where(), "kind": "element"}
        if d.path:
            logical["fullyQualifiedName"] = d.path
        location["logicalLocations"] = [logical]
    result: JSON = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": LEVELS[d.severity],
        "message": {"text": message},
        "locations": [location],
    }
    if d.path or d.expected is not None or d.found is not None:
        properties = {"modelPath": d.path, "expected": d.expected, "found": d.found}
        result["properties"] = {k: v for k, v in properties.items() if v is not None}
    return result


def artifact_uri(path: str) -> str:
    """A relative URI reference for a relative path (as SARIF wants), a file: URI for an absolute one."""
    local = Path(path)
    if local.is_absolute():
        return local.as_uri()
    return quote(local.as_posix(), safe="/")
