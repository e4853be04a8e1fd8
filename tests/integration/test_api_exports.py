"""Exports over the REST API, from a real recorded log: every target, validated, and recorded.

Leno et al.'s Reimbursement log (shared/datasets/leno-sr-rt) is uploaded through
``events:batch`` and mined in-process; the top candidate is then downloaded as every export
target and each file is checked with the validator its format has (``exporters.validate``, the
OCEL 2.0 JSON schema, the OMG BPMN 2.0 XSD, pm4py for XES). Each download leaves a record of
who took what.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import orjson
import pytest
from fastapi.testclient import TestClient
from lxml import etree

from exporters import EXPORT_TARGETS, validate_robin, validate_uipath_project
from exporters.uipath_profiles import resolve_profile
from taskmine.api import create_app
from taskmine.api.routes.candidates import ExportTargetName
from taskmine.importers import import_file
from taskmine.settings import Settings, sqlite_url_for
from taskmine.storage import SqlStore, create_token, open_store

ROOT = Path(__file__).resolve().parents[2]
LOG_FILE = ROOT / ".." / "shared" / "datasets" / "leno-sr-rt" / "Reimbursement.csv"
SCHEMAS = ROOT / "exporters" / "schemas"


@dataclass
class World:
    client: TestClient
    store: SqlStore
    project_id: str
    candidate_id: str
    result: dict[str, Any]
    analyst: dict[str, str]
    owner: dict[str, str]
    agent: dict[str, str]

    @property
    def candidate(self) -> dict[str, Any]:
        key = self.candidate_id.rsplit(":", 1)[1]
        return next(c for c in self.result["candidates"] if c["id"] == key)

    def export(self, target: str, headers: dict[str, str] | None = None, **params: str) -> Any:
        return self.client.get(
            f"/v1/candidates/{self.candidate_id}/exports/{target}",
            params=params,
            headers=headers or self.analyst,
        )


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    if not LOG_FILE.exists():
        pytest.skip(f"dataset missing: {LOG_FILE} (shared/datasets is not mounted)")
    folder = tmp_path_factory.mktemp("exports-api")
    store = open_store(sqlite_url_for(folder / "api.db"))
    client = TestClient(create_app(Settings(data_dir=folder), store=store))
    analyst = {"Authorization": f"Bearer {create_token(store, role='analyst', user='ana')}"}
    owner = {"Authorization": f"Bearer {create_token(store, role='business_owner', user='bea')}"}
    agent = {"Authorization": f"Bearer {create_token(store, role='agent', user='rec')}"}
    project_id = client.post("/v1/projects", json={"name": "claims"}, headers=analyst).json()["id"]
    for user in ("bea", "rec"):
        client.post(f"/v1/projects/{project_id}/shares", json={"user": user}, headers=analyst)
    body = [e.model_dump(mode="json", by_alias=True, exclude_none=True) for e in load_events()]
    for start in range(0, len(body), 2_000):
        answer = client.post(
            f"/v1/projects/{project_id}/events:batch",
            content=orjson.dumps(body[start : start + 2_000]),
            headers={**analyst, "Content-Type": "application/json"},
        )
        assert answer.status_code == 200, answer.text
    job = client.post(f"/v1/projects/{project_id}/mining-jobs", headers=analyst).json()
    assert client.get(f"/v1/mining-jobs/{job['job_id']}", headers=analyst).json()["status"] == (
        "completed"
    )
    listed = client.get(f"/v1/projects/{project_id}/candidates", headers=analyst)
    result = listed.json()
    assert result["candidates"], "Reimbursement mined no candidate"
    candidate_id = (
        f"{project_id}:{listed.headers['X-Result-Version']}:{result['candidates'][0]['id']}"
    )
    yield World(client, store, project_id, candidate_id, result, analyst, owner, agent)
    store.close()


def load_events() -> list[Any]:
    return list(import_file(LOG_FILE).events)


def file_name(answer: Any) -> str:
    disposition = answer.headers["content-disposition"]
    assert disposition.startswith("attachment; ")
    return disposition.split('"')[1]


def test_the_route_offers_exactly_the_export_targets() -> None:
    assert {t.value for t in ExportTargetName} == set(EXPORT_TARGETS)


@pytest.mark.parametrize("profile", ["classic", "modern"])
def test_the_uipath_project_validates_for_either_profile(world: World, profile: str) -> None:
    answer = world.export("uipath", profile=profile)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/zip"
    assert file_name(answer).endswith(f"_uipath-{profile}.zip")
    assert validate_uipath_project(answer.content, profile=resolve_profile(profile)) == []


def test_the_default_uipath_profile_is_classic(world: World) -> None:
    assert world.export("uipath").content == world.export("uipath", profile="classic").content


def test_the_power_automate_package_and_text_pass_the_robin_checks(world: World) -> None:
    package = world.export("power-automate")
    assert package.headers["content-type"] == "application/zip"
    assert file_name(package).endswith("_power-automate.zip")
    archive = zipfile.ZipFile(io.BytesIO(package.content))
    flows = [name for name in archive.namelist() if name.endswith(".txt")]
    assert "Main.txt" in flows
    for name in flows:
        assert validate_robin(archive.read(name).decode("utf-8")) == [], name
    text = world.export("power-automate", form="text")
    assert text.headers["content-type"].startswith("text/plain")
    assert file_name(text).endswith("_power-automate.txt")
    assert text.text == archive.read("Main.txt").decode("utf-8")
    assert validate_robin(text.text) == []


def test_the_xes_log_holds_one_trace_per_occurrence(world: World, tmp_path: Path) -> None:
    answer = world.export("xes")
    assert answer.headers["content-type"] == "application/xml"
    assert file_name(answer).endswith(".xes")
    pm4py = pytest.importorskip("pm4py")
    path = tmp_path / "log.xes"
    path.write_bytes(answer.content)
    log = pm4py.read_xes(str(path))
    assert log["case:concept:name"].nunique() == len(world.candidate["occurrences"])
    recorded = {e for o in world.candidate["occurrences"] for e in o["event_ids"]}
    assert len(log) == len(recorded)


def test_the_ocel_log_validates_against_the_ocel2_schema(world: World) -> None:
    answer = world.export("ocel")
    assert answer.headers["content-type"] == "application/json"
    assert file_name(answer).endswith("_ocel.json")
    document = answer.json()
    schema = json.loads((SCHEMAS / "ocel20-schema-json.json").read_text())
    jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())
    instances = [o for o in document["objects"] if o["type"] == "routine-instance"]
    assert len(instances) == len(world.candidate["occurrences"])


def test_the_bpmn_model_validates_against_the_bpmn2_xsd(world: World) -> None:
    answer = world.export("bpmn", headers=world.owner)
    assert answer.status_code == 200, answer.text
    assert file_name(answer).endswith(".bpmn")
    xsd = etree.XMLSchema(etree.parse(str(SCHEMAS / "bpmn" / "BPMN20.xsd")))
    root = etree.fromstring(answer.content)
    assert xsd.validate(root), xsd.error_log


def test_every_download_records_who_took_what(world: World) -> None:
    before = len(world.store.pdds.list_exports(world.project_id))
    answer = world.export("bpmn", headers=world.owner)
    records = world.store.pdds.list_exports(world.project_id)
    assert len(records) == before + 1
    record = records[-1]
    assert (record.artifact, record.user_name, record.role) == ("bpmn", "bea", "business_owner")
    assert record.sha256 == hashlib.sha256(answer.content).hexdigest()
    assert record.candidate.candidate_key == world.candidate["id"]
    [entry] = [
        e
        for e in world.store.audit.list_entries(project_id=world.project_id, limit=1)
        if e.action == "candidate.exported"
    ]
    assert (entry.actor_name, entry.target_id) == ("bea", world.candidate_id)
    assert entry.details["sha256"] == record.sha256
    assert world.export("uipath", profile="modern").status_code == 200
    assert world.store.pdds.list_exports(world.project_id)[-1].options == {"profile": "modern"}


def test_options_of_another_target_and_unknown_targets_are_refused(world: World) -> None:
    before = len(world.store.pdds.list_exports(world.project_id))
    wrong = world.export("bpmn", profile="modern")
    assert wrong.status_code == 422
    assert "uipath export only" in wrong.json()["detail"]
    assert world.export("xes", form="text").status_code == 422
    assert world.export("pdf").status_code == 422
    assert world.export("uipath", profile="future").status_code == 422
    assert len(world.store.pdds.list_exports(world.project_id)) == before


def test_a_recorder_may_not_export(world: World) -> None:
    answer = world.export("bpmn", headers=world.agent)
    assert answer.status_code == 403
    assert "agent" in answer.json()["detail"]
