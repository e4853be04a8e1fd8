"""Privacy at the source: the guard between synthesis and the spool."""

from __future__ import annotations

from recorder.guard import DENIED_APP, PrivacyGuard
from recorder.model import ElementInfo, KeyPress, SessionInfo, WindowActivated
from recorder.synthesis import ActionSynthesizer
from taskmine.privacy import CaptureLevel, PrivacyPolicy


def copy_paste(source_app: str, target_app: str, text: str) -> list:
    synth = ActionSynthesizer(SessionInfo("s", "u", "m"))
    source = ElementInfo(
        app=source_app, window="w", role="text", name="Note", selection=text, is_editable=True
    )
    target = ElementInfo(
        app=target_app, window="Form", role="text", name="Reference", is_editable=True
    )
    events = synth.feed(KeyPress(combo="ctrl+c"), element=source, now=1.0)
    events += synth.feed(KeyPress(combo="ctrl+v"), element=target, now=2.0)
    return events


def test_events_in_denied_apps_are_dropped_and_their_copies_do_not_leak() -> None:
    guard = PrivacyGuard(PrivacyPolicy(deny_apps=("keepass*",), default_capture=CaptureLevel.FULL))
    out = [guard.apply(e) for e in copy_paste("keepassxc", "form-app", "s3cret")]
    assert out[0] is None
    paste = out[1]
    assert paste is not None
    assert paste.value is None
    assert paste.attrs["source_app"] == DENIED_APP
    assert paste.attrs["source_element"] is None
    assert guard.dropped == 1


def test_a_paste_keeps_no_more_than_the_source_app_allowed() -> None:
    policy = PrivacyPolicy(
        capture={"mail*": CaptureLevel.MASKED}, default_capture=CaptureLevel.FULL
    )
    guard = PrivacyGuard(policy)
    paste = guard.apply(copy_paste("mailer", "form-app", "Order 42")[1])
    assert paste is not None
    assert paste.value == "Xxxxx 99"


def test_switching_away_from_a_denied_app_does_not_name_it() -> None:
    synth = ActionSynthesizer(SessionInfo("s", "u", "m"))
    guard = PrivacyGuard(PrivacyPolicy(deny_apps=("keepass*",)))
    synth.feed(WindowActivated("keepassxc", "Passwords.kdbx"), element=None, now=1.0)
    events = synth.feed(WindowActivated("form-app", "Form"), element=None, now=2.0) + synth.flush(
        3.0
    )
    out = [guard.apply(e) for e in events]
    assert out[0] is not None
    assert out[0].attrs == {"from_app": DENIED_APP, "from_window": None}
