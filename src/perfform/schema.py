"""JSON Schemas generated from the models; the committed copies in schemas/ are kept equal by a test."""

from __future__ import annotations

from typing import Any

from perfform.model import Filing


def filing_schema() -> dict[str, Any]:
    schema = Filing.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


SCHEMA_DIR = "schemas"


def schema_text(schema: dict[str, Any]) -> str:
    import json

    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    """`python -m perfform.schema --write`: regenerate the committed schemas."""
    import sys
    from pathlib import Path

    if "--write" not in sys.argv:
        sys.stdout.write(schema_text(filing_schema()))
        return
    Path(SCHEMA_DIR, "filing.schema.json").write_text(schema_text(filing_schema()), encoding="utf-8")


if __name__ == "__main__":
    main()
