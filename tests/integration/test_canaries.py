"""Canaries in every sink: PII planted in every string of uploaded events never lands anywhere.

Events shaped like a real recording (``taskmine.samples``) get unique canaries (e-mail,
Luhn-valid card, IBAN, phone, national id) in every captured string: value, window title,
element name / automation id / class name, every path node, URL path and query, and attrs
(clipboard, selection, nested lists, keys). They are uploaded through
``POST /v1/projects/{id}/events:batch`` (as a third-party platform would, bypassing the
recorder's redaction), mined in-process, and the candidates, PDDs and exports are fetched.
Then the SQLite file and its -wal, every API response and every log record are searched for
each canary (and for its bare digits): 0 hits. Names and street addresses are planted the way
they reach the server: typed into fields whose element says what they are (``Last name``,
``Street``: the field policy), after a label (``Customer: ...``, ``Ship to: ...``), in a
mail window title (``Inbox - ... - Outlook``) and, in Japanese, in a maps title
(``Deliver to 千葉県松戸市…町3丁目12番5号 - Google Maps``, which only ``address_scripts``
finds: with it switched off this test fails); their invented words are searched for too.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient

from taskmine.api import create_app
from taskmine.privacy import is_luhn_valid
from taskmine.samples.generator import generate_events
from taskmine.settings import Settings, sqlite_url_for
from taskmine.storage import create_token, open_store

EXPORT_TARGETS = ("uipath", "power-automate", "xes", "ocel", "bpmn")


class Canaries:
    """Unique, detectable personal data; every one handed out is remembered for the search."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.planted: list[str] = []
        self.words: list[str] = []  # invented name and street words
        self.count = 0

    def next(self) -> str:
        self.count += 1
        maker = (self.email, self.card, self.iban, self.phone, self.ssn)[self.count % 5]
        value = maker()
        self.planted.append(value)
        return value

    def email(self) -> str:
        return f"canary.{self.count:05d}.{self.rng.randint(10**5, 10**6)}@leak.example.org"

    def card(self) -> str:
        body = "4" + "".join(str(self.rng.randint(0, 9)) for _ in range(14))
        number = next(body + d for d in "0123456789" if is_luhn_valid(body + d))
        return " ".join(number[i : i + 4] for i in range(0, 16, 4))

    def iban(self) -> str:
        bban = f"{self.rng.randint(10**17, 10**18 - 1)}"
        numeric = "".join(str(int(c, 36)) for c in bban + "DE00")
        return f"DE{98 - int(numeric) % 97:02d}{bban}"

    def phone(self) -> str:
        return f"+44 20 7946 {self.rng.randint(0, 9999):04d}"

    def ssn(self) -> str:
        return f"{self.rng.randint(1, 665):03d}-{self.rng.randint(10, 99)}-{self.rng.randint(1000, 9999)}"

    def word(self) -> str:
        """An invented capitalised word that occurs nowhere else in the run."""
        syllables = ("zor", "bel", "quin", "vax", "dru", "mel", "tov", "kir", "sul", "yan")
        body = "".join(self.rng.choice(syllables) for _ in range(3))
        return f"{body.capitalize()}{'abcdefghij'[self.count % 10]}x"

    def person(self) -> str:
        self.count += 1
        first, last = self.word(), self.word()
        self.words.extend((first, last))
        return f"{first} {last}"

    def street(self) -> str:
        self.count += 1
        name = self.word()
        self.words.append(name)
        number = self.rng.randint(10, 999)
        self.planted.append(f"{number} {name}")
        return f"{number} {name} Street"

    def japanese_street(self) -> str:
        """An invented town and block in a Japanese address (``address_scripts``)."""
        self.count += 1
        town = "".join(self.rng.choice("梓楓椿榎柊樫桐楠櫻欅") for _ in range(3)) + "町"
        self.words.append(town)
        block = (
            f"{self.rng.randint(1, 9)}丁目{self.rng.randint(1, 30)}番{self.rng.randint(1, 20)}号"
        )
        self.planted.append(block)
        return f"千葉県松戸市{town}{block}"

    def needles(self) -> set[bytes]:
        found: set[bytes] = {word.encode() for word in self.words}
        for canary in self.planted:
            found.add(canary.encode())
            digits = "".join(c for c in canary if c.isdigit())
            if len(digits) >= 9:
                found.add(digits.encode())
            if "@" in canary:
                found.add(canary.split("@")[0].encode())
        return found


def plant_people(events: list[dict[str, Any]], canaries: Canaries) -> None:
    """Names and addresses where a recorder meets them: labelled fields, labels, mail titles."""
    for index, event in enumerate(events[1:121]):
        element = event["element"]
        shape = index % 7
        if shape == 0:
            element["name"], event["value"] = "Last name", canaries.person().split()[1]
        elif shape == 1:
            element["automation_id"], event["value"] = "txtFullName", canaries.person()
        elif shape == 2:
            element["name"], event["value"] = "Street", canaries.street()
        elif shape == 3:
            event["window"] = f"Inbox - {canaries.person()} - Outlook"
        elif shape == 4:
            event["window"] = f"Customer: {canaries.person()} - CRM - Google Chrome"
        elif shape == 5:
            event["value"] = f"Ship to: {canaries.street()}, Springfield"
        else:
            event["window"] = f"Deliver to {canaries.japanese_street()} - Google Maps"
        if shape in (0, 1, 2, 5):
            event["kind"] = "type"


def plant(event: dict[str, Any], canaries: Canaries) -> dict[str, Any]:
    """The event with a canary appended to every string it carries (ids left alone)."""

    def tag(text: str | None) -> str:
        return f"{text or ''} {canaries.next()}".strip()

    event["window"] = tag(event.get("window"))
    if event.get("value") is not None or event["kind"] in ("type", "paste", "key"):
        event["value"] = tag(event.get("value"))
    element = event.get("element") or {"role": "text", "path": []}
    element["name"] = tag(element.get("name"))
    element["automation_id"] = f"txt_{canaries.next().replace(' ', '')}"
    element["class_name"] = tag(element.get("class_name"))
    element["path"] = [{**node, "name": tag(node.get("name"))} for node in element.get("path", [])]
    event["element"] = element
    base = event.get("url") or "https://crm.example.com/customers"
    event["url"] = f"{base}/{canaries.next()}?q={canaries.next()}&tab=2#{canaries.next()}"
    attrs = event.get("attrs") or {}
    attrs.update(
        {
            "clipboard": tag(None),
            "selection": tag(None),
            "source_window": tag(None),
            "notes": [{"text": tag("note")}, tag(None)],
            canaries.email(): "key",
        }
    )
    canaries.planted.append(next(k for k in attrs if "@" in k))
    event["attrs"] = attrs
    return event


@pytest.fixture
def app_and_client(tmp_path: Path) -> Iterator[tuple[Any, TestClient, Path]]:
    settings = Settings(data_dir=tmp_path)
    db = tmp_path / "canary.db"
    store = open_store(sqlite_url_for(db))
    app = create_app(settings, store=store)  # default launcher: in-process mining
    with TestClient(app) as client:
        yield app, client, db
    store.close()


def test_no_planted_canary_reaches_the_database_responses_or_logs(
    app_and_client: tuple[Any, TestClient, Path], caplog: pytest.LogCaptureFixture
) -> None:
    pytest.importorskip("discovery.pipeline", reason="the discovery package is not installed")
    caplog.set_level(logging.DEBUG)
    app, client, db = app_and_client
    store = app.state.store
    headers = {"Authorization": f"Bearer {create_token(store, role='analyst', user='ana')}"}
    canaries = Canaries(seed=2026)
    events = [plant(e.to_json_dict(), canaries) for e in generate_events(users=3, days=2, seed=5)][
        :600
    ]
    plant_people(events, canaries)
    # A password field: its value must not be stored in any form, even without a detector hit.
    password = "Hunter2-CanaryPassword-7731"
    events[0]["element"]["role"] = "password text"
    events[0]["value"] = password
    events[0]["kind"] = "type"

    responses: list[bytes] = []

    def call(method: str, url: str, **kwargs: Any) -> Any:
        kwargs["headers"] = {**headers, **kwargs.get("headers", {})}
        response = client.request(method, url, **kwargs)
        responses.append(response.content)
        responses.append(orjson.dumps(dict(response.headers)))
        return response

    project = call("POST", "/v1/projects", json={"name": "canaries"}).json()["id"]
    for start in range(0, len(events), 200):
        answer = call(
            "POST",
            f"/v1/projects/{project}/events:batch",
            content=orjson.dumps(events[start : start + 200]),
            headers={"Content-Type": "application/json"},
        ).json()
        assert answer["rejected"] == [], answer["rejected"][:3]
    job = call("POST", f"/v1/projects/{project}/mining-jobs").json()
    status = call("GET", f"/v1/mining-jobs/{job['job_id']}").json()
    assert status["status"] == "completed", status
    result = call("GET", f"/v1/projects/{project}/candidates")
    assert result.status_code == 200
    version = result.headers.get("X-Result-Version")
    candidates = result.json()["candidates"]
    assert candidates, "mining found no candidates: the sinks past mining were not exercised"
    fetched = []
    for candidate in candidates[:2]:
        candidate_id = f"{project}:{version}:{candidate['id']}"
        for path in (
            f"/v1/candidates/{candidate_id}/pdd",
            f"/v1/candidates/{candidate_id}/pdd?format=md",
            *(f"/v1/candidates/{candidate_id}/exports/{t}" for t in EXPORT_TARGETS),
        ):
            fetched.append((path, call("GET", path).status_code))
    call("GET", f"/v1/projects/{project}/analytics")

    store.close()  # checkpoint nothing away: read the file and the WAL as they are
    sinks = {"database": db.read_bytes()}
    for suffix in ("-wal", "-journal"):
        extra = db.with_name(db.name + suffix)
        if extra.exists():
            sinks[f"database{suffix}"] = extra.read_bytes()
    sinks["responses"] = b"\n".join(responses)
    sinks["logs"] = "\n".join(
        f"{r.getMessage()} {r.args!r} {r.exc_text or ''}" for r in caplog.records
    ).encode()
    needles = canaries.needles() | {password.encode()}
    assert len(needles) > 1000
    hits = {
        name: sorted(n.decode() for n in needles if n in blob)[:5] for name, blob in sinks.items()
    }
    assert all(not found for found in hits.values()), hits
    # The sinks past mining answered (a 404 here would make the search above vacuous).
    assert any(code == 200 for path, code in fetched if "/pdd" in path), fetched
    assert any(code == 200 for path, code in fetched if "/exports/" in path), fetched
