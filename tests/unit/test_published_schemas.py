"""The JSON Schemas published in schemas/ match the models, and accept what the models accept."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.script_modules import load_script

ROOT = Path(__file__).resolve().parents[2]


def _exporter():  # type: ignore[no-untyped-def]
    return load_script("scripts/export_schemas.py")


def test_the_committed_schemas_match_the_models() -> None:
    for name, text in _exporter().build_documents().items():
        committed = ROOT / "schemas" / name
        assert committed.exists(), f"{committed} missing: run scripts/export_schemas.py"
        assert committed.read_text("utf-8") == text, (
            f"{committed} stale: run scripts/export_schemas.py"
        )


def test_the_event_schema_accepts_a_canonical_event_and_rejects_a_bad_kind() -> None:
    schema = json.loads((ROOT / "schemas/taskmine.event.v1.schema.json").read_text("utf-8"))
    event = {
        "event_id": "e1",
        "session_id": "s1",
        "user_id": "u1",
        "machine_id": "m1",
        "timestamp": "2026-03-02T09:10:03.593Z",
        "kind": "click",
        "app": "gedit",
        "window": "Untitled",
        "element": {"role": "push button", "name": "Save", "path": []},
        "value": None,
        "url": None,
        "attrs": {},
    }
    jsonschema.validate(event, schema)
    with pytest.raises(jsonschema.ValidationError, match="teleport"):
        jsonschema.validate({**event, "kind": "teleport"}, schema)
