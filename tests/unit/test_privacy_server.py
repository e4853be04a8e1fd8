"""Server-side redaction on ingest: every string cleaned, passwords dropped, fail closed."""

from __future__ import annotations

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import taskmine.api.ingest as ingest
from taskmine.api.ingest import INGEST_POLICY, parse_batch
from taskmine.domain import Event
from taskmine.privacy import redact_event, redact_event_data

RAW = {
    "event_id": "e1",
    "session_id": "s1",
    "user_id": "u1",
    "machine_id": "m1",
    "timestamp": "2026-03-02T09:00:00.000Z",
    "kind": "type",
    "app": "crm.exe",
    "window": "Customer jane@x.org - CRM",
    "element": {
        "role": "text",
        "name": "IBAN DE89370400440532013000",
        "automation_id": "txt_4111111111111111",
        "class_name": "SSN 123-45-6789",
        "path": [{"role": "frame", "name": "call +44 20 7946 0958", "index": 0}],
    },
    "value": "jane@x.org",
    "url": "https://crm.example/c/jane%40x.org?phone=%2B442079460958",
    "attrs": {"clipboard": "4111 1111 1111 1111", "jane@x.org": [{"n": "123-45-6789"}]},
}
SECRETS = ("jane", "DE8937", "4111", "123-45-6789", "7946")


def parse(*events: dict) -> ingest.ParsedBatch:
    return parse_batch(orjson.dumps(list(events)), content_type="application/json", max_events=10)


def test_every_string_of_an_uploaded_event_is_redacted_before_storage() -> None:
    batch = parse(RAW)
    assert batch.rejected == []
    blob = orjson.dumps(batch.events[0].to_json_dict()).decode()
    assert [s for s in SECRETS if s in blob] == []
    assert batch.events[0].value == "[EMAIL]"


def test_a_password_field_never_keeps_its_value_or_attrs() -> None:
    event = {
        **RAW,
        "element": {"role": "Password Text", "name": "Password"},
        "value": "hunter2",
        "attrs": {"selection": "hunter2"},
    }
    stored = parse(event).events[0]
    assert stored.value is None
    assert "hunter2" not in orjson.dumps(stored.to_json_dict()).decode()


def test_redaction_fails_closed_the_event_is_rejected_not_stored(monkeypatch) -> None:
    def broken(data, *, policy):
        if data["event_id"] == "bad":
            raise RuntimeError("detector crashed on jane@x.org")
        return redact_event_data(data, policy=policy)

    monkeypatch.setattr(ingest, "redact_event_data", broken)
    batch = parse({**RAW, "event_id": "ok"}, {**RAW, "event_id": "bad"})
    assert [e.event_id for e in batch.events] == ["ok"]
    assert len(batch.rejected) == 1
    index, reason = batch.rejected[0]
    assert index == 1
    assert "could not be redacted" in reason
    assert "jane" not in reason


def test_rejection_reasons_do_not_echo_personal_data() -> None:
    batch = parse({**RAW, "timestamp": "jane@x.org 4111 1111 1111 1111"})
    assert len(batch.rejected) == 1
    assert "jane" not in batch.rejected[0][1]
    assert "4111" not in batch.rejected[0][1]


_TEXT = st.text(alphabet="ab @.+-0123456789x/%", max_size=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    window=_TEXT,
    name=_TEXT,
    value=st.none() | _TEXT,
    node_names=st.lists(st.none() | _TEXT, max_size=3),
    attr=_TEXT,
    role=st.sampled_from(["text", "password text", "button"]),
)
def test_server_redaction_of_json_equals_the_recorders_redact_event(
    window, name, value, node_names, attr, role
) -> None:
    data = {
        **RAW,
        "window": window,
        "value": value,
        "element": {
            "role": role,
            "name": name,
            "path": [{"role": "pane", "name": n, "index": i} for i, n in enumerate(node_names)],
        },
        "url": f"https://x.example/{attr}",
        "attrs": {"note": attr, "selection": attr},
    }
    model = redact_event(Event.model_validate_json(orjson.dumps(data)), policy=INGEST_POLICY)
    raw = Event.model_validate_json(orjson.dumps(redact_event_data(data, policy=INGEST_POLICY)))
    assert raw == model


@pytest.mark.parametrize("text", ["Save", "Invoice INV-37724", "https://crm.example/a/b"])
def test_clean_events_are_returned_as_they_are_without_a_copy(text: str) -> None:
    event = Event.model_validate_json(
        orjson.dumps(
            {**RAW, "window": text, "element": None, "value": None, "url": None, "attrs": {}}
        )
    )
    assert redact_event(event, policy=INGEST_POLICY) is event
