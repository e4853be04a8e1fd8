"""The committed OpenAPI document matches the app, and documents what clients rely on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from taskmine.api import create_app
from taskmine.api.app import render_openapi_json
from taskmine.settings import Settings

COMMITTED = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
REGENERATE = "regenerate it with: uv run python scripts/export_openapi.py"


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> str:
    return render_openapi_json(create_app(Settings(data_dir=tmp_path_factory.mktemp("openapi"))))


def test_the_committed_openapi_file_matches_the_app(document: str) -> None:
    assert COMMITTED.exists(), f"{COMMITTED} is missing; {REGENERATE}"
    assert COMMITTED.read_text(encoding="utf-8") == document, f"{COMMITTED} is stale; {REGENERATE}"


def test_the_document_describes_ingest_and_auth(document: str) -> None:
    spec = json.loads(document)
    batch = spec["paths"]["/v1/projects/{project_id}/events:batch"]["post"]
    content = batch["requestBody"]["content"]
    assert set(content) == {"application/json", "application/x-ndjson"}
    assert content["application/json"]["schema"]["items"]["$ref"] == "#/components/schemas/Event"
    event = spec["components"]["schemas"]["Event"]
    assert {"event_id", "timestamp", "kind", "element"} <= set(event["properties"])
    assert "HTTPBearer" in spec["components"]["securitySchemes"]
    assert "security" not in spec["paths"]["/health"]["get"]
    assert spec["paths"]["/v1/projects/{project_id}/candidates"]["get"]["responses"]["200"]


def test_every_reference_resolves_and_errors_are_detail_strings(document: str) -> None:
    spec = json.loads(document)
    names = set(spec["components"]["schemas"])
    refs: list[str] = []

    def collect(node: object) -> None:
        if isinstance(node, dict):
            refs.extend(value for key, value in node.items() if key == "$ref")
            for key, value in node.items():
                if key != "$ref":
                    collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    collect(spec)
    assert refs
    assert [ref for ref in refs if ref.removeprefix("#/components/schemas/") not in names] == []
    for operations in spec["paths"].values():
        for operation in operations.values():
            for code, response in operation["responses"].items():
                if code.startswith("4"):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/Error"}, code
