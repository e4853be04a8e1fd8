"""Regenerate the published JSON Schemas of the contracts in schemas/ (a test checks drift).

uv run python scripts/export_schemas.py          # write the files
uv run python scripts/export_schemas.py --check  # exit 1 if a committed file is stale
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_DIR = ROOT / "schemas"


def build_documents() -> dict[str, str]:
    """File name -> JSON Schema text of each versioned contract (DESIGN.md §2, §3)."""
    sys.path.insert(0, str(ROOT))
    from pydantic import TypeAdapter

    from taskmine.domain import DiscoveryResult, Event

    documents = {}
    for name, model, schema_id in (
        ("taskmine.event.v1.schema.json", Event, "taskmine.event/v1"),
        ("taskmine.discovery.v1.schema.json", DiscoveryResult, "taskmine.discovery/v1"),
    ):
        schema = TypeAdapter(model).json_schema(by_alias=True)
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": schema_id,
            **schema,
        }
        documents[name] = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return documents


def main() -> int:
    documents = build_documents()
    stale = [
        name
        for name, text in documents.items()
        if not (TARGET_DIR / name).exists() or (TARGET_DIR / name).read_text("utf-8") != text
    ]
    if "--check" in sys.argv[1:]:
        for name in stale:
            print(
                f"schemas/{name} is stale; run: uv run python scripts/export_schemas.py",
                file=sys.stderr,
            )
        return 1 if stale else 0
    TARGET_DIR.mkdir(exist_ok=True)
    for name, text in documents.items():
        (TARGET_DIR / name).write_text(text, encoding="utf-8")
        print(f"wrote schemas/{name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
