"""Errors that end the reading of one input; each becomes a diagnostic with its code, never a traceback."""

from __future__ import annotations


class PerfformError(Exception):
    """Base class: `code` is the rule code the failure is reported under, `message` one line."""

    code = "PF001"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnreadableInput(PerfformError):
    """The bytes cannot be read as any supported format (PF001 unreadable-input)."""

    code = "PF001"


class NotAFiling(PerfformError):
    """The input reads, but it is not a performance-target form (PF002 not-a-filing)."""

    code = "PF002"
