"""JUnit XML for CI test tabs: one testsuite, one testcase per checked file.

An error-severity finding is a `<failure>` (with `strict`, warnings are failures too; otherwise they go to
`<system-out>`); an unreadable file is an `<error>`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from perfform.batch import FileResult
from perfform.diagnostics import Diagnostic, Severity
from perfform.report import Summary

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class Reporter:
    def __init__(self, stream: TextIO, *, strict: bool = False) -> None:
        self.stream = stream
        self.strict = strict
        self.cases: list[ET.Element] = []
        self.failures = 0
        self.errors = 0

    def add(self, result: FileResult) -> None:
        case = ET.Element("testcase", classname="perfform", name=_xml(result.path), file=_xml(result.path))
        failing = {Severity.ERROR, Severity.WARNING} if self.strict else {Severity.ERROR}
        problems = [d for d in result.diagnostics if d.severity in failing]
        notes = [_describe(d) for d in result.diagnostics if d.severity not in failing]
        tag = "error" if result.status == "unreadable" else "failure"
        for d in problems:
            problem = ET.SubElement(case, tag, type=d.code, message=_xml(f"{d.code} {d.name}: {d.message}"))
            problem.text = _xml(_describe(d))
        if notes:
            ET.SubElement(case, "system-out").text = _xml("\n".join(notes))
        if problems and tag == "error":
            self.errors += 1
        elif problems:
            self.failures += 1
        self.cases.append(case)

    def finish(self, summary: Summary) -> None:
        counts = {"tests": str(len(self.cases)), "failures": str(self.failures), "errors": str(self.errors)}
        root = ET.Element("testsuites", {"name": "perfform", **counts})
        suite = ET.SubElement(root, "testsuite", {"name": "perfform", "skipped": "0", **counts})
        suite.extend(sorted(self.cases, key=lambda case: case.get("name", "")))
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode") + "\n")


def _describe(d: Diagnostic) -> str:
    where = f"{d.where()}: " if d.where() else ""
    text = f"{d.severity.value} {d.code} {d.name}: {where}{d.message}"
    if d.path:
        text += f"\n  at {d.path}"
    if d.suggestion:
        text += f"\n  suggestion: {d.suggestion}"
    return text


def _xml(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (control bytes from a broken file name or cell)."""
    return _NOT_XML.sub("\ufffd", text)
