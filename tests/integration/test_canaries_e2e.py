"""Canaries through the whole real pipeline (issue 9 §1 and §8, RELIABILITY.md §7
"pii-canary-all-sinks", "temporal-payload-canary", "password-never-stored", "log-hygiene").

Unique canaries (e-mail, Luhn-valid card, IBAN, phone, national id; ``test_canaries.Canaries``)
are planted in every captured string: value, typed text, a password field's text, window
title, element name / automation id / class name, every path node, URL, attrs, clipboard and
selection. They reach a real ``taskmine serve`` subprocess (its embedded Temporal dev server, an
SQLite database, an LLM endpoint that is a local fake recording every request body) by the two
ways events arrive:

- the recorder: a real ``RecorderAgent`` plays a scripted session (keys typed, a copy and a
  paste, a password field) and planted sample events pass its ``PrivacyGuard`` into the
  ``SqliteSpool`` through ``SpoolSink``, exactly as ``RecorderAgent._write`` does; the
  ``Uploader`` then drains the spool with an ``agent`` token (consent checked). Redaction runs
  twice on this path: in the guard, then again at ingest.
- a third-party platform: planted events POSTed raw to ``events:batch`` with an analyst
  token; the server's ingest redaction (``taskmine.api.ingest.INGEST_POLICY``) is the only one.

A mining job then runs as a Temporal workflow; candidates, PDDs (json, md, html, docx: drafted
through the LLM endpoint), all five exports, analytics, audit log and the web pages are read.
Searched for every canary (and its bare digits), the password, every token and the LLM API key:
the spool (before and after upload), the database file and its -wal, the Temporal dev server's
database and log, every workflow's full history (every payload decoded) and description (memo,
search attributes), the blob files the activities wrote, the server's stdout/stderr, every
API response, every export and PDD file (archives unzipped), every LLM request body and every
other file under the data dir. Target: 0 hits. Positive controls make the search fail if
nothing was planted or nothing was searched: the bodies sent carry the canaries, the stored
events carry redaction labels, the Temporal store and histories carry the job's ids.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import itertools
import json
import logging
import re
import threading
import time
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import httpx
import orjson
import pytest
from google.protobuf.message import Message
from sqlalchemy import create_engine, text
from temporalio.api.common.v1 import Payload
from temporalio.client import Client
from test_api_pdd import ChatServer
from test_canaries import EXPORT_TARGETS, Canaries, plant

from bench import bench_load as bench
from recorder.agent import InputSource, RecorderAgent
from recorder.config import load_config
from recorder.guard import PrivacyGuard
from recorder.model import (
    ElementInfo,
    FocusChanged,
    KeyPress,
    MousePress,
    SessionInfo,
    TextChanged,
    WindowActivated,
)
from recorder.replay import ScriptedSource, StaticResolver, Step
from recorder.sinks import SpoolSink
from recorder.spool import SqliteSpool
from recorder.uploader import Uploader
from taskmine.domain import Event
from taskmine.samples.generator import generate_events
from taskmine.storage import create_token, open_store
from tests.integration.fakes import serving

pytestmark = pytest.mark.temporal
ROOT = Path(__file__).resolve().parents[2]

PASSWORD = "Hunter2-CanaryPassword-7731"
LLM_API_KEY = "sk-canary-llm-key-5f0c2a9e7d41"
LABELS = (b"[EMAIL]", b"[CARD]", b"[IBAN]", b"[PHONE]", b"[NATIONAL_ID]")
PDD_FORMATS = ("json", "md", "html", "docx")
RECORDER_USERS = ("u01", "u02")  # their sample events go through the recorder's spool
RAW_USERS = ("u03", "u04")  # theirs are uploaded raw, as another platform would


@pytest.fixture
def chat() -> Iterator[ChatServer]:
    with serving(ChatServer()) as server:
        yield server


# -- what is searched ------------------------------------------------------------------------


@dataclass
class Sinks:
    """Named byte blobs to search; a sink may be fed many times."""

    parts: dict[str, list[bytes]] = field(default_factory=dict)

    def add(self, name: str, data: bytes) -> None:
        self.parts.setdefault(name, []).append(data)

    def add_files(self, name: str, paths: Iterable[Path]) -> int:
        count = 0
        for path in paths:
            if path.is_file():
                self.add(name, path.read_bytes())
                count += 1
        return count

    def blob(self, name: str) -> bytes:
        return b"\n".join(self.parts.get(name, []))

    def hits(self, needles: Iterable[bytes]) -> dict[str, list[str]]:
        search = NeedleSearch(needles)
        return {
            name: sorted(n.decode() for n in search.find(self.blob(name))) for name in self.parts
        }


class NeedleSearch:
    """Which of many needles occur in a blob, in a few regex passes instead of one ``in`` per
    needle (tens of thousands of needles x tens of MB would take minutes).

    Each needle's shape (its digits as ``\\d``, the rest literal) becomes one regex; every
    match is looked up in the needle set. Needles of digits only are found inside any longer run
    of digits: every substring of each run of >= 9 digits of a needle's length is looked up."""

    def __init__(self, needles: Iterable[bytes]) -> None:
        self.needles = set(needles)
        self.digit_lengths = sorted({len(n) for n in self.needles if n.isdigit()})
        shapes = {_shape(n) for n in self.needles if not n.isdigit()}
        self.patterns = [re.compile(shape) for shape in sorted(shapes)]

    def find(self, data: bytes) -> set[bytes]:
        found: set[bytes] = set()
        for pattern in self.patterns:
            found.update(m for m in pattern.findall(data) if m in self.needles)
        for run in re.findall(rb"\d{9,}", data):
            for size in self.digit_lengths:
                for start in range(len(run) - size + 1):
                    if (part := run[start : start + size]) in self.needles:
                        found.add(part)
        return found


def _shape(needle: bytes) -> bytes:
    out = re.sub(rb"\d+", lambda m: rb"\d{%d}" % len(m.group()), re.escape(needle))
    return out


def expand(data: bytes) -> list[bytes]:
    """``data`` and, for a zip archive (docx, UiPath / Power Automate packages), every member,
    recursively; a JSON document also in its decoded form (escapes undone)."""
    out = [data]
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                out += expand(archive.read(member))
    else:
        try:
            out.append(orjson.dumps(json.loads(data), option=orjson.OPT_INDENT_2))
            out.append(json.dumps(json.loads(data), ensure_ascii=False).encode())
        except ValueError:
            pass
    return out


def sqlite_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("", "-wal", "-shm", "-journal")]


# -- the recorder side -----------------------------------------------------------------------


def recorder_script(canaries: Canaries) -> list[Step]:
    """A session on a CRM form with a canary in every string the resolver reports: window
    titles, URLs, names, ids, class names, path nodes, values as typed, a selection that is
    copied and pasted, and a password field typed into."""
    c = canaries.next
    window = f"Customer {c()} - CRM"
    url = f"https://crm.example.com/customers/{c()}?mail={c()}"

    def field_at(name: str, y: int, value: str | None, *, secret: bool = False) -> ElementInfo:
        role = "password text" if secret else "text"
        return ElementInfo(
            app="crm.exe",
            window=window,
            role=role,
            name=f"{name} {c()}",
            automation_id=f"fld_{c().replace(' ', '')}",
            class_name=f"Edit {c()}",
            path=(("frame", window, 0), ("panel", f"Contact {c()}", 1), (role, name, 2)),
            bounds=(60, y - 15, 200, 30),
            value=None if secret else value,
            selection=None if secret or value is None else value,
            is_password=secret,
            is_editable=True,
            url=url,
        )

    steps: list[Step] = [(0.0, WindowActivated(app="crm.exe", title=window, url=url), None)]
    y = 40
    for name, typed, secret in (
        ("Email", c(), False),
        ("Card", c(), False),
        ("Password", PASSWORD, True),
        ("IBAN", c(), False),
    ):
        steps.append((0.01, MousePress(150, y, "left"), field_at(name, y, "")))
        steps.append((0.0, FocusChanged(gained=True), field_at(name, y, "")))
        for i, char in enumerate(typed):
            steps.append((0.001, KeyPress(combo=char.lower(), char=char), None))
            steps.append((0.0, TextChanged(), field_at(name, y, typed[: i + 1], secret=secret)))
        if not secret:  # copy the whole field, paste it into the next one
            steps.append((0.0, FocusChanged(gained=True), field_at(name, y, typed)))
            steps.append((0.01, KeyPress(combo="ctrl+c"), None))
        y += 40
        steps.append((0.01, MousePress(150, y, "left"), field_at("Notes", y, c())))
        steps.append((0.0, FocusChanged(gained=True), field_at("Notes", y, c())))
        steps.append((0.01, KeyPress(combo="ctrl+v"), None))
        y += 40
    save = ElementInfo(
        app="crm.exe",
        window=window,
        role="push button",
        name=f"Save {c()}",
        path=(("frame", window, 0), ("push button", f"Save {c()}", 3)),
        bounds=(0, 400, 66, 30),
        url=url,
    )
    steps.append((0.01, MousePress(30, 410, "left"), save))
    steps.append((0.3, MousePress(500, 500, "right"), save))  # releases the held click
    return steps


def record_session(spool: SqliteSpool, guard: PrivacyGuard, script: list[Step]) -> int:
    """Run the real agent on ``script`` into ``spool``; the events it wrote."""
    resolver = StaticResolver()
    source = ScriptedSource(script, resolver)
    sink = SpoolSink(spool)
    agent = RecorderAgent(
        session=SessionInfo(session_id=uuid.uuid4().hex, user_id="u01", machine_id="ws-u01"),
        resolver=resolver,
        sink=sink,
        guard=guard,
        source=cast(InputSource, source),  # the agent takes any object with start / stop
    )
    thread = threading.Thread(target=agent.run)
    thread.start()
    assert source.finished.wait(30), "the scripted session did not finish"
    time.sleep(0.2)
    agent.request_stop()
    thread.join(timeout=30)
    return sink.written


# -- governance: an agent may upload the recorder users' events --------------------------------


@dataclass(frozen=True)
class Tokens:
    admin: str
    analyst: str
    manager: str
    agent: str
    users: tuple[str, ...]

    def all(self) -> tuple[str, ...]:
        return (self.admin, self.analyst, self.manager, self.agent, *self.users)


def provision(
    http: httpx.Client, database_url: str, admin: str, *, since: datetime
) -> tuple[str, Tokens]:
    """A project shared with a recorder account, a data request naming the recorder users,
    approved by the manager and consented to by each user (as bench/bench_load.py does)."""
    store = open_store(database_url)
    try:
        analyst = create_token(store, role="analyst", user="canary-analyst")
        manager = create_token(store, role="manager", user="canary-manager")
        agent = create_token(store, role="agent", user="canary-recorder")
        users = tuple(create_token(store, role="workstation_user", user=u) for u in RECORDER_USERS)
    finally:
        store.close()

    def call(method: str, path: str, token: str, body: Any, expect: int) -> Any:
        response = http.request(
            method, path, json=body, headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == expect, (method, path, response.text)
        return response.json()

    project = call("POST", "/v1/projects", analyst, {"name": "canaries e2e"}, 201)["id"]
    call("POST", f"/v1/projects/{project}/shares", analyst, {"user": "canary-recorder"}, 201)
    request = {
        "users": list(RECORDER_USERS),
        "apps": [],
        "starts_at": (since - timedelta(days=1)).isoformat(),
        "ends_at": (datetime.now(UTC) + timedelta(days=1)).isoformat(),
        "purpose": "canary test",
        "approver": "canary-manager",
    }
    request_id = call("POST", f"/v1/projects/{project}/data-requests", analyst, request, 201)["id"]
    call("POST", f"/v1/data-requests/{request_id}/decision", manager, {"decision": "approved"}, 200)
    for token in users:
        consent = {"status": "consented"}
        call("PUT", f"/v1/data-requests/{request_id}/consent", token, consent, 200)
    return project, Tokens(admin, analyst, manager, agent, users)


# -- Temporal ---------------------------------------------------------------------------------


@dataclass
class HistoryDump:
    workflows: list[str] = field(default_factory=list)
    payloads: int = 0
    events: int = 0
    raw: list[bytes] = field(default_factory=list)  # serialized protos: payload bytes verbatim
    decoded: list[bytes] = field(default_factory=list)  # every payload's data and metadata


def walk_payloads(message: Message) -> Iterator[Payload]:
    """Every ``Payload`` anywhere in ``message`` (inputs, results, heartbeat details, memo,
    search attributes, failure details, query results...)."""
    if isinstance(message, Payload):
        yield message
        return
    for descriptor, value in message.ListFields():
        if descriptor.type != descriptor.TYPE_MESSAGE:
            continue
        if descriptor.is_repeated:
            kind = descriptor.message_type
            items = value.values() if kind is not None and kind.GetOptions().map_entry else value
            for item in items:
                if isinstance(item, Message):
                    yield from walk_payloads(item)
        else:
            yield from walk_payloads(value)


async def dump_histories(address: str) -> HistoryDump:
    client = await Client.connect(address)
    dump = HistoryDump()
    async for execution in client.list_workflows():
        handle = client.get_workflow_handle(execution.id, run_id=execution.run_id)
        dump.workflows.append(execution.id)
        history = await handle.fetch_history()
        described = await handle.describe()
        messages: list[Message] = [*history.events, described.raw_description]
        dump.events += len(history.events)
        for message in messages:
            dump.raw.append(message.SerializeToString())
            for payload in walk_payloads(message):
                dump.payloads += 1
                dump.decoded.append(payload.data)
                dump.decoded += [bytes(v) for v in payload.metadata.values()]
                if payload.metadata.get("encoding", b"").startswith(b"json/"):
                    dump.decoded += expand(payload.data)[1:]
        dump.raw.append(history.to_json().encode())
    return dump


# -- the test ---------------------------------------------------------------------------------


def test_no_canary_token_or_password_lands_anywhere_in_a_full_run(
    tmp_path: Path, chat: ChatServer, caplog: pytest.LogCaptureFixture
) -> None:
    pytest.importorskip("discovery.pipeline", reason="the discovery package is not installed")
    caplog.set_level(logging.DEBUG, logger="recorder")  # the agent's and the uploader's logs
    canaries = Canaries(seed=9_2026)
    since = datetime.now(UTC) - timedelta(days=3)
    planted = [plant(e.to_json_dict(), canaries) for e in generate_events(users=4, days=2, seed=5)]
    for event in planted:  # inside the data request's window
        stamp = datetime.fromisoformat(event["timestamp"].replace("Z", "+00:00"))
        event["timestamp"] = (stamp - datetime(2026, 3, 2, tzinfo=UTC) + since).isoformat()
    in_samples = len(canaries.planted)
    raw_batch = [e for e in planted if e["user_id"] in RAW_USERS]
    via_recorder = [e for e in planted if e["user_id"] in RECORDER_USERS]
    for events in (raw_batch, via_recorder):  # a password field in each path
        typed = next(e for e in events if e["kind"] == "type")
        typed["element"]["role"] = "password text"
        typed["value"] = PASSWORD

    data_dir = tmp_path / "data"
    server = bench.ServeProcess(data_dir)  # no Temporal address: the embedded dev server
    server.env.update(
        OPENAI_BASE_URL=chat.base_url, OPENAI_API_KEY=LLM_API_KEY, TASKMINE_LLM_MODEL="local-model"
    )
    database_url = bench.sqlite_database_url(data_dir)
    database = data_dir / "taskmine.db"
    temporal_dir = data_dir / "temporal"
    sinks = Sinks()
    sent: list[bytes] = []
    fetched: dict[str, int] = {}
    marks = [("start", time.monotonic())]
    server.start()
    marks.append(("serve up", time.monotonic()))
    try:
        assert server.admin_token, "the first start printed no admin token"
        http = httpx.Client(base_url=server.base_url, timeout=60)
        project, tokens = provision(http, database_url, server.admin_token, since=since)

        def call(method: str, path: str, token: str = tokens.analyst, **kwargs: Any) -> Any:
            headers = {"Authorization": f"Bearer {token}", **kwargs.pop("headers", {})}
            response = http.request(method, path, headers=headers, **kwargs)
            fetched[f"{method} {path}"] = response.status_code
            sinks.add("api responses", response.content)
            sinks.add("api responses", orjson.dumps(dict(response.headers)))
            document = "/exports/" in path or "/pdd" in path
            for part in expand(response.content)[1:]:  # unzipped, JSON unescaped
                sinks.add("exports + pdds (decoded)" if document else "api (decoded)", part)
            return response

        # (1) the recorder: real agent session + planted events through the guard into the spool
        spool_path = tmp_path / "recorder" / "spool.sqlite3"
        spool = SqliteSpool(spool_path)
        _, policy = load_config(None)
        guard = PrivacyGuard(policy)
        recorded = record_session(spool, guard, recorder_script(canaries))
        assert recorded >= 10, f"the scripted session wrote {recorded} events"
        sink = SpoolSink(spool)
        for item in via_recorder:
            safe = guard.apply(Event.model_validate(item))
            if safe is not None:
                sink.write(safe)
        spooled = spool.counts()[0]
        assert spooled == sink.written + recorded
        sinks.add_files("spool", sqlite_files(spool_path))
        spool_before = sinks.blob("spool")
        upload_bodies: list[bytes] = []

        class Recording(httpx.Client):
            def post(self, url: Any, **kwargs: Any) -> httpx.Response:
                upload_bodies.append(kwargs.get("content") or b"")
                return super().post(url, **kwargs)

        uploader = Uploader(
            spool,
            server=server.base_url,
            project=project,
            token=tokens.agent,
            client=Recording(timeout=60),
        )
        assert uploader.drain(deadline=time.monotonic() + 60)
        assert spool.counts() == (0, 0), uploader.stats
        spool.close()
        sinks.add_files("spool", sqlite_files(spool_path))

        marks.append(("recorder + upload", time.monotonic()))
        # (2) another platform: the raw events straight to the API
        for start in range(0, len(raw_batch), 250):
            body = orjson.dumps(raw_batch[start : start + 250])
            sent.append(body)
            answer = call(
                "POST",
                f"/v1/projects/{project}/events:batch",
                content=body,
                headers={"Content-Type": "application/json"},
            ).json()
            assert answer["rejected"] == [], answer["rejected"][:3]

        marks.append(("raw upload", time.monotonic()))
        # (3) mining as a Temporal workflow, the blob files watched while it runs
        blobs_seen: dict[str, bytes] = {}
        stop_watch = threading.Event()

        def watch_blobs() -> None:
            while not stop_watch.is_set():
                # a file or folder renamed or deleted while it is listed or read: skip it
                with contextlib.suppress(OSError):
                    for path in (data_dir / "blobs").rglob("*"):
                        if path.is_file() and str(path) not in blobs_seen:
                            blobs_seen[str(path)] = path.read_bytes()
                time.sleep(0.005)

        watcher = threading.Thread(target=watch_blobs)
        watcher.start()
        try:
            job = call("POST", f"/v1/projects/{project}/mining-jobs").json()
            deadline = time.monotonic() + 90
            while (status := call("GET", f"/v1/mining-jobs/{job['job_id']}").json())[
                "status"
            ] not in ("completed", "failed"):
                assert time.monotonic() < deadline, status
                time.sleep(0.1)
        finally:
            stop_watch.set()
            watcher.join()
        assert status["status"] == "completed", status.get("error")
        for data in blobs_seen.values():
            sinks.add("blobs", data)
        sinks.add_files("blobs", (data_dir / "blobs").rglob("*"))

        marks.append(("mining", time.monotonic()))
        # (4) everything that reads event-derived data
        result = call("GET", f"/v1/projects/{project}/candidates")
        assert result.status_code == 200
        version = result.headers["X-Result-Version"]
        candidates = result.json()["candidates"]
        assert candidates, "mining found no candidates: the sinks past mining were not exercised"
        pdd_json: list[dict[str, Any]] = []
        # Every format of the first candidate's PDD (html and docx take seconds each), the JSON
        # and Markdown of the second, all exports of both.
        for n, candidate in enumerate(candidates[:2]):
            candidate_id = f"{project}:{version}:{candidate['id']}"
            for fmt in PDD_FORMATS if n == 0 else ("json", "md"):
                answer = call("GET", f"/v1/candidates/{candidate_id}/pdd?format={fmt}")
                assert answer.status_code == 200, (fmt, answer.text[:300])
                if fmt == "json":
                    pdd_json.append(answer.json())
            call("GET", f"/v1/candidates/{candidate_id}/pdd/versions")
            for target in EXPORT_TARGETS:
                answer = call("GET", f"/v1/candidates/{candidate_id}/exports/{target}")
                assert answer.status_code == 200, (target, answer.text[:300])
        for path in (
            f"/v1/projects/{project}/analytics",
            f"/v1/projects/{project}/audit-log",
            f"/v1/projects/{project}/data-requests",
            f"/v1/projects/{project}",
            "/v1/projects",
            "/v1/me",
        ):
            call("GET", path)
        call("GET", "/v1/audit-log", token=server.admin_token)
        call("GET", "/v1/tokens", token=server.admin_token)
        first = f"{project}:{version}:{candidates[0]['id']}"
        web_pages = fetch_web_pages(server.base_url, tokens.analyst, project, first, sinks)

        marks.append(("reads", time.monotonic()))
        # (5) Temporal: histories while the server runs; files while it runs and after it stops
        dump = asyncio.run(dump_histories(temporal_address(server.log_path)))
        assert job["job_id"] in dump.workflows, dump.workflows
        sinks.parts["temporal histories"] = dump.raw + dump.decoded
        sinks.add_files("database", sqlite_files(database))
        sinks.add_files("temporal store", sqlite_files(temporal_dir / "temporal.db"))
        stored_values = stored_event_text(database_url, project)
        marks.append(("histories", time.monotonic()))
    finally:
        server.stop()
    marks.append(("stopped", time.monotonic()))
    sinks.add_files("database", sqlite_files(database))
    sinks.add_files("temporal store", sqlite_files(temporal_dir / "temporal.db"))
    sinks.add_files("temporal log", [temporal_dir / "temporal.log"])
    serve_log = server.log_path.read_bytes()
    sinks.add("server log", serve_log)
    every_file = [p for p in data_dir.rglob("*") if p.is_file()]
    sinks.add_files("data dir (every file)", every_file)
    sinks.parts["llm requests"] = list(chat.bodies)
    sinks.add(
        "recorder logs",
        "\n".join(
            f"{r.getMessage()} {r.args!r} {r.exc_text or ''}" for r in caplog.records
        ).encode(),
    )

    # -- the search
    needles = canaries.needles() | {PASSWORD.encode()}
    sinks.add("uploads sent by the recorder", b"\n".join(upload_bodies))
    hits = sinks.hits(needles)
    secrets = [*tokens.all(), LLM_API_KEY]
    secret_hits = sinks.hits(s.encode() for s in secrets)
    # The first start prints the admin token once, on purpose (only its hash is kept): that one
    # line of serve's stdout is the only place a token may appear.
    admin_lines = [
        line for line in serve_log.decode(errors="replace").splitlines() if tokens.admin in line
    ]
    assert admin_lines == [tokens.admin], admin_lines
    for name in ("server log", "data dir (every file)"):
        secret_hits[name] = [s for s in secret_hits[name] if s != tokens.admin]
        if serve_log.count(tokens.admin.encode()) != 1:
            secret_hits[name].append("admin token printed more than once")
    print(
        f"\ncanaries e2e: {len(canaries.planted)} canaries planted ({len(needles)} needles), "
        f"{len(planted)} sample events + {recorded} recorded, {dump.payloads} Temporal payloads "
        f"in {dump.events} history events of {len(dump.workflows)} workflows, "
        f"{len(chat.bodies)} LLM requests, {len(blobs_seen)} blob files, {web_pages} web pages"
    )
    # Not a canary (ids are left alone, ``plant``): user and session ids do travel in Temporal
    # payloads (``PartitionKey``), so a platform that uploads e-mail addresses as user ids puts
    # them in the histories. Printed, so the figure is seen; see docs/workflows.md.
    ids_in_history = sorted(
        u for u in RAW_USERS if f'"{u}"'.encode() in sinks.blob("temporal histories")
    )
    print(f"  user ids in Temporal histories: {ids_in_history or 'none'}")
    phases = (f"{b[0]} {b[1] - a[1]:.1f} s" for a, b in itertools.pairwise(marks))
    print("  phases: " + ", ".join(phases))
    for name in sinks.parts:
        print(
            f"  {name:28s} {len(sinks.blob(name)):>11,d} bytes  canary hits {len(hits[name])}  "
            f"secret hits {len(secret_hits[name])}"
        )
    # -- positive controls: the canaries were planted and the sinks were really searched
    sent_blob = b"\n".join([*sent, orjson.dumps(via_recorder)])
    assert len(needles) > 3000
    missing = [
        c
        for c in canaries.planted[:in_samples]
        if c.encode() not in sent_blob and c.replace(" ", "").encode() not in sent_blob
    ]
    assert len(missing) <= 2, missing[:5]  # the two values the password replaced
    assert PASSWORD.encode() in sent_blob
    assert all(label in stored_values for label in LABELS), "no redaction label was stored"
    assert all(label in spool_before for label in LABELS[:3]), "the spool held no redacted text"
    assert upload_bodies, "the uploader sent nothing"
    assert chat.bodies, "no PDD was drafted through the LLM endpoint"
    assert all(p["document_control"]["drafting"]["method"] == "llm" for p in pdd_json), [
        p["document_control"]["drafting"] for p in pdd_json
    ]
    assert all(a == f"Bearer {LLM_API_KEY}" for a in chat.authorizations)
    assert dump.payloads >= 10, dump
    assert blobs_seen, "no blob file was seen while the job ran"
    assert any(b"recording session" in part for part in sinks.parts["recorder logs"])
    for where in ("temporal histories", "temporal store"):
        assert job["job_id"].encode() in sinks.blob(where), f"{where}: the job id is not there"
        assert project.encode() in sinks.blob(where), f"{where}: the project id is not there"

    assert all(not found for found in hits.values()), {k: v[:5] for k, v in hits.items() if v}
    assert all(not found for found in secret_hits.values()), {
        k: v for k, v in secret_hits.items() if v
    }
    assert all(code < 400 for code in fetched.values()), {
        k: v for k, v in fetched.items() if v >= 400
    }


def fetch_web_pages(base_url: str, token: str, project: str, candidate: str, sinks: Sinks) -> int:
    """Sign in to the web UI and read the project's pages and every page they link to, of
    one candidate only (``project:version:id``): each PDD page drafts and renders a document."""
    short = candidate.rsplit(":", 1)[1]

    def wanted(href: str) -> bool:
        if not href.startswith("/web/") or "logout" in href or "/candidates/" not in href:
            return href.startswith("/web/") and "logout" not in href
        return href.endswith(f"/candidates/{short}") or f"/candidates/{candidate}/" in href

    with httpx.Client(base_url=base_url, timeout=60, follow_redirects=True) as web:
        signed_in = web.post("/web/login", data={"token": token, "next": "/web/"})
        assert signed_in.status_code == 200, signed_in.text[:300]
        queue = [f"/web/projects/{project}", f"/web/projects/{project}/analytics", "/web/"]
        seen: set[str] = set()
        while queue and len(seen) < 40:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.add(path)
            page = web.get(path)
            assert page.status_code == 200, (path, page.status_code)
            for part in expand(page.content):
                sinks.add("web pages", part)
            if page.headers.get("content-type", "").startswith("text/html"):
                for href in _links(page.text):
                    if wanted(href) and href not in seen:
                        queue.append(href)
        return len(seen)


def _links(html: str) -> list[str]:
    return [m.replace("&amp;", "&") for m in re.findall(r'href="([^"#]+)"', html)]


def temporal_address(log_path: Path) -> str:
    """The embedded dev server's address, from serve's start-up line."""
    found = re.search(r"\(Temporal at ([\d.:]+)\)", log_path.read_text(errors="replace"))
    assert found, "serve did not say where its Temporal server listens"
    return found.group(1)


def stored_event_text(database_url: str, project: str) -> bytes:
    """Every stored event row of ``project`` as text (the positive control for redaction)."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT * FROM events WHERE project_id = :p"), {"p": project}
            ).fetchall()
    finally:
        engine.dispose()
    assert rows, "no event was stored"
    return b"\n".join(repr(tuple(row)).encode() for row in rows)
