"""Filing exporters: a registry from format name to a function that renders one filing as text."""

from __future__ import annotations

import json
from collections.abc import Callable

from perfform.model import Filing


def to_json(filing: Filing) -> str:
    return json.dumps(filing.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def to_yaml(filing: Filing) -> str:
    import yaml

    return str(
        yaml.safe_dump(filing.model_dump(mode="json"), allow_unicode=True, sort_keys=False, width=1000)
    )


EXPORTERS: dict[str, Callable[[Filing], str]] = {"json": to_json, "yaml": to_yaml}
EXTENSIONS = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


def format_for(path_suffix: str) -> str | None:
    return EXTENSIONS.get(path_suffix.lower())
