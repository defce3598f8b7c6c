"""The rule engine: run the selected rules over one filing and turn their findings into diagnostics.

Rules report what and where (`Finding`); the engine stamps code, name and the configured severity, drops
waived findings and sorts the rest by place in the source. A rule that raises does not stop the batch: it
becomes one `PF000 internal-error` diagnostic naming the rule and the exception.
"""

from __future__ import annotations

from perfform import rules as registry
from perfform._construct import positional_builder
from perfform.config import Config
from perfform.diagnostics import Diagnostic, Severity
from perfform.model import Filing, Location
from perfform.rules._indicators import shared_rows
from perfform.rules.base import Finding, Rule, RuleOptions

INTERNAL_ERROR = ("PF000", "internal-error")
_PARTS = {"header": 0, "body": 1, "footer": 2}


def check_filing(filing: Filing, config: Config) -> list[Diagnostic]:
    """Every diagnostic of `filing` under `config`, sorted by location (findings without one first)."""
    diagnostics: list[Diagnostic] = []
    waivers = bool(config.waivers)
    with shared_rows(filing):
        for rule, severity, options in _plan(config):
            try:
                found = [_stamp(rule, severity, finding) for finding in rule.check(filing, options)]
            except Exception as exc:
                diagnostics.append(internal_error(rule, exc))
                continue
            if waivers:
                found = [d for d in found if config.waiver_for(filing.source.path, d) is None]
            diagnostics.extend(found)
    return sorted(diagnostics, key=_order)


_Plan = tuple[tuple[Rule, Severity, RuleOptions], ...]
_plans: list[tuple[Config, _Plan]] = []


def _plan(config: Config) -> _Plan:
    """The rules to run with their severity and options, worked out once per (frozen) configuration."""
    for known, plan in _plans:
        if known is config:
            return plan
    plan = tuple(
        (rule, severity, config.options_of(rule))
        for rule in config.selected()
        if (severity := config.severity_of(rule)) is not None and not rule.input_only
    )
    _plans[:] = [*_plans[-3:], (config, plan)]
    return plan


def input_diagnostic(
    code: str, message: str, path: str | None = None, location: Location | None = None
) -> Diagnostic:
    """A reader/parser failure (PF001 unreadable-input, PF002 not-a-filing) as a diagnostic.

    `path` is a model path when the failure concerns one part of the filing (None for the whole input).
    These findings cannot be turned off: without a filing there is nothing else to report.
    """
    rule = registry.get(code)
    if rule is None:
        raise ValueError(f"{code} is not a registered rule code")
    return Diagnostic(
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=_one_line(message),
        path=path,
        location=location,
    )


def internal_error(rule: Rule, exc: BaseException) -> Diagnostic:
    code, name = INTERNAL_ERROR
    return Diagnostic(
        code=code,
        name=name,
        severity=Severity.ERROR,
        message=_one_line(f"rule {rule.code} {rule.name} failed: {type(exc).__name__}: {exc}"),
    )


_DIAGNOSTIC_FIELDS = (
    "code",
    "name",
    "severity",
    "message",
    "path",
    "location",
    "expected",
    "found",
    "suggestion",
)
_diagnostic = positional_builder(Diagnostic, *_DIAGNOSTIC_FIELDS)
"""`Diagnostic(...)` without validation, for findings whose fields already have the exact types."""


def _stamp(rule: Rule, severity: Severity, finding: Finding) -> Diagnostic:
    if not isinstance(finding, Finding):
        raise TypeError(f"check yielded {type(finding).__name__}, not a Finding")
    loc = finding.loc
    texts = (finding.expected, finding.found, finding.suggestion)
    fields = (rule.code, rule.name, severity, _one_line(finding.message), finding.path, loc, *texts)
    if (
        (loc is None or type(loc) is Location)
        and (finding.path is None or type(finding.path) is str)
        and all(text is None or type(text) is str for text in texts)
    ):
        return _diagnostic(*fields)
    # Anything else is validated, as every diagnostic once was: coerced where pydantic can, refused if not.
    return Diagnostic(**dict(zip(_DIAGNOSTIC_FIELDS, fields, strict=True)))


def _one_line(text: str) -> str:
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def _order(d: Diagnostic) -> tuple[int, int, int, int, int, int, str, str]:
    loc = d.location
    if loc is None:
        return (0, 0, 0, 0, 0, 0, d.code, d.path or "")
    return (
        1,
        _PARTS.get(loc.part, 1),
        loc.line or 0,
        loc.table or 0,
        loc.row or 0,
        loc.column or 0,
        d.code,
        d.path or "",
    )
