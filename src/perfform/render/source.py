"""Read a parsed filing (.json or .yaml, as `perfform parse` writes it) back into a `Filing`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from perfform.errors import UnreadableInput
from perfform.model import Filing


def load_filing(path: Path) -> Filing:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UnreadableInput(f"cannot read file: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UnreadableInput("not UTF-8 text: a parsed filing is UTF-8 JSON or YAML") from None
    data = _decode(text, path.suffix.lower())
    try:
        return Filing.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "top level"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise UnreadableInput(f"not a filing: {where}: {first['msg']}{more}") from None


def _decode(text: str, suffix: str) -> Any:
    if suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise UnreadableInput(
                f"invalid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
            ) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise UnreadableInput(f"invalid YAML{at}") from None
