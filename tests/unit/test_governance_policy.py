"""Governance's pure policy: who may be recorded, what is filtered, categories, analytics time
attribution and k-anonymity, retention cut-offs, and what a withdrawal scrubs from results."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from taskmine.domain import Event
from taskmine.governance import (
    CategoryRule,
    ConsentStatus,
    DataClass,
    DataRequest,
    EventFilters,
    ProjectPolicy,
    RequestStatus,
    RetentionPolicy,
    categorise,
    filter_reason,
    judge_recording,
    retention_cutoffs,
    scrub_user_from_result,
    summarise_activity,
)
from taskmine.governance.consent import GovernanceError, check_consent_change, check_decision

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def make_event(user: str = "u01", seconds: float = 0, **fields: Any) -> Event:
    return Event.model_validate(
        {
            "event_id": f"{user}-{seconds}-{fields.get('app', 'excel.exe')}",
            "session_id": f"s-{user}",
            "user_id": user,
            "machine_id": "m",
            "timestamp": T0 + timedelta(seconds=seconds),
            "kind": "click",
            "app": "excel.exe",
            "attrs": {},
            **fields,
        }
    )


def make_request(**fields: Any) -> DataRequest:
    base: dict[str, Any] = {
        "id": "dreq_1",
        "project_id": "prj_1",
        "users": ("u01",),
        "apps": (),
        "starts_at": T0 - timedelta(days=1),
        "ends_at": T0 + timedelta(days=1),
        "purpose": "p",
        "approver": "mia",
        "status": RequestStatus.APPROVED,
        "created_by": "ana",
        "created_at": T0,
        "consents": {"u01": ConsentStatus.CONSENTED},
    }
    return DataRequest(**{**base, **fields})


def test_an_approved_consented_request_in_its_window_lets_the_event_in() -> None:
    assert judge_recording(make_event(), [make_request()]) is None


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"status": RequestStatus.PENDING}, "not approved by a manager yet"),
        ({"status": RequestStatus.REJECTED}, "was rejected"),
        ({"consents": {}}, "has not consented"),
        ({"consents": {"u01": ConsentStatus.PAUSED}}, "paused recording"),
        ({"consents": {"u01": ConsentStatus.WITHDRAWN}}, "withdrew consent"),
        ({"ends_at": T0}, "outside data request"),
        ({"apps": ("sap*",)}, "not among the apps"),
        ({"users": ("u02",)}, "no data request names user 'u01'"),
    ],
)
def test_each_missing_condition_is_named_in_the_reason(
    changes: dict[str, Any], reason: str
) -> None:
    verdict = judge_recording(make_event(), [make_request(**changes)])
    assert verdict is not None
    assert reason in verdict


def test_one_covering_request_is_enough_and_the_closest_reason_is_reported() -> None:
    pending = make_request(id="dreq_p", status=RequestStatus.PENDING)
    paused = make_request(id="dreq_q", consents={"u01": ConsentStatus.PAUSED})
    assert "paused" in (judge_recording(make_event(), [pending, paused]) or "")
    assert judge_recording(make_event(), [pending, paused, make_request()]) is None


def test_decisions_and_consent_follow_the_workflow() -> None:
    check_decision(make_request(status=RequestStatus.PENDING), RequestStatus.APPROVED)
    check_decision(make_request(), RequestStatus.REJECTED)  # an approval can be revoked
    with pytest.raises(GovernanceError, match="final"):
        check_decision(make_request(status=RequestStatus.REJECTED), RequestStatus.APPROVED)
    with pytest.raises(GovernanceError, match="once a manager has approved"):
        check_consent_change(
            make_request(status=RequestStatus.PENDING, consents={}), "u01", ConsentStatus.CONSENTED
        )
    with pytest.raises(GovernanceError, match="final"):
        check_consent_change(
            make_request(consents={"u01": ConsentStatus.WITHDRAWN}), "u01", ConsentStatus.CONSENTED
        )
    with pytest.raises(GovernanceError, match="does not name"):
        check_consent_change(make_request(), "u02", ConsentStatus.CONSENTED)


def test_filters_match_apps_urls_and_kinds_case_blind() -> None:
    filters = EventFilters(
        drop_apps=("keepass*",), drop_url_patterns=("*://*.bank.example/*",), drop_kinds=("key",)
    )
    assert "KeePassXC" in (filter_reason(make_event(app="KeePassXC"), filters) or "")
    assert filter_reason(make_event(url="https://www.bank.example/login"), filters)
    assert filter_reason(make_event(kind="key"), filters)
    assert filter_reason(make_event(url="https://intranet.example/"), filters) is None
    assert (filter_reason(make_event(kind="key"), filters) or "").startswith(
        "filtered by project policy"
    )


def test_the_first_matching_category_rule_wins() -> None:
    rules = (
        CategoryRule(category="Finance", app="sap*"),
        CategoryRule(category="Email", app="outlook.exe"),
        CategoryRule(category="Web banking", url="*bank*"),
        CategoryRule(category="Anything"),  # no pattern: never matches
    )
    assert categorise(make_event(app="SAPlogon.exe"), rules) == "Finance"
    assert categorise(make_event(app="chrome", url="https://bank.example"), rules) == "Web banking"
    assert categorise(make_event(app="notepad.exe"), rules) == "uncategorised"


def test_gaps_up_to_the_idle_threshold_are_active_time_of_the_earlier_app() -> None:
    session = [
        make_event(seconds=0, app="outlook.exe"),
        make_event(seconds=10, app="excel.exe"),
        make_event(seconds=40, app="excel.exe"),
        make_event(seconds=1000, app="outlook.exe"),  # 960 s gap: idle
        make_event(seconds=1005, app="outlook.exe", kind="idle"),
        make_event(seconds=2000, app="outlook.exe"),  # after an idle event: idle
    ]
    in_task = {session[1].event_id}
    summary = summarise_activity(
        [session], policy=ProjectPolicy(), in_task_event_ids=in_task, idle_after_s=300
    )
    assert summary.active_s == 10 + 30 + 5
    assert summary.idle_s == 960 + 995
    assert summary.in_task_s == 30
    assert summary.out_of_task_s == 15
    assert summary.app_switches == 2
    per_app = {usage.app: usage.active_s for usage in summary.per_app}
    assert per_app == {"excel.exe": 30, "outlook.exe": 15}


def test_per_user_figures_appear_only_from_k_users() -> None:
    sessions = [[make_event(f"u{n}", 0), make_event(f"u{n}", 5)] for n in range(4)]
    few = summarise_activity(sessions, policy=ProjectPolicy())
    assert few.per_user is None
    assert few.per_user_withheld is not None
    assert "k=5" in few.per_user_withheld
    enough = summarise_activity(
        [*sessions, [make_event("u9", 0)]], policy=ProjectPolicy(k_anonymity=5)
    )
    assert enough.per_user is not None
    assert [u.user_id for u in enough.per_user] == ["u0", "u1", "u2", "u3", "u9"]


def test_the_landscape_flags_unapproved_apps_and_denied_sites() -> None:
    policy = ProjectPolicy(approved_apps=("excel.exe", "sap*"), denied_sites=("*torrent*",))
    session = [
        make_event(seconds=0, app="excel.exe"),
        make_event(seconds=5, app="dropbox.exe"),
        make_event(seconds=9, app="chrome", url="https://piratetorrent.example/x"),
    ]
    summary = summarise_activity([session], policy=policy)
    assert [a.app for a in summary.unapproved_apps] == ["chrome", "dropbox.exe"]
    assert [(s.site, s.visits) for s in summary.suspicious_sites] == [("piratetorrent.example", 1)]


def test_retention_cutoffs_follow_the_policy_days() -> None:
    cutoffs = retention_cutoffs(RetentionPolicy(), now=T0)
    assert cutoffs[DataClass.RAW_EVENTS] == T0 - timedelta(days=30)
    assert cutoffs[DataClass.MINED_RESULTS] == T0 - timedelta(days=10)
    assert cutoffs[DataClass.PDDS] == T0 - timedelta(days=10)


def test_scrubbing_a_user_removes_their_occurrences_and_renumbers_ranks() -> None:
    def occurrence(user: str) -> dict[str, Any]:
        return {"user_id": user, "session_id": "s", "event_ids": ["e"]}

    result = {
        "candidates": [
            {"id": "c1", "rank": 1, "occurrences": [occurrence("u01")], "frequency": 1},
            {"id": "c2", "rank": 2, "occurrences": [occurrence("u01"), occurrence("u02")]},
        ]
    }
    scrubbed = scrub_user_from_result(result, "u01")
    assert [(c["id"], c["rank"], c["frequency"]) for c in scrubbed["candidates"]] == [("c2", 1, 1)]
    assert result["candidates"][0]["occurrences"]  # the input is not changed
