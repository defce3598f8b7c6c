"""What a rule is: metadata, an options model and a check function over a `Filing`.

Each rule lives in its own module `perfform/rules/pfNNN_<name>.py` whose docstring is the user documentation
(first line: summary; then sections "Why", "Fails", "Passes") and which defines `RULE = Rule(...)`.
Rules report *what* and *where* (`Finding`); the engine stamps code, name and severity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict

from perfform.diagnostics import Severity
from perfform.model import Filing, Location


class RuleOptions(BaseModel):
    """Options of a rule; subclass per rule. Unknown option names are a configuration error."""

    # defer_build: an options model is made into a validator only when a configuration sets its options.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


@dataclass(frozen=True, slots=True)
class Finding:
    message: str
    path: str | None = None
    loc: Location | None = None
    expected: str | None = None
    found: str | None = None
    suggestion: str | None = None


Check = Callable[[Filing, Any], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    doc: str
    check: Check
    tags: tuple[str, ...] = ()
    options: type[RuleOptions] = RuleOptions
    input_only: bool = field(default=False)
    """Reported by the reader/runner (PF001, PF002), not by checking a parsed filing."""

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip() if self.doc.strip() else ""


def no_check(filing: Filing, options: Any) -> Iterable[Finding]:
    """For rules the runner reports from a failed read; there is nothing to check on a filing."""
    return ()
