"""Recorder, stage 2: privacy at the source, between synthesis and the spool.

Every event passes here before anything is written: events of denied apps or URLs are dropped,
references to a denied app inside another event (the source of a paste, the app switched away
from) are blanked, a paste never carries more of its value than the copy's app allowed, and then
``taskmine.privacy.redact_event`` cleans every string. Nothing downstream sees a raw event.
"""

from __future__ import annotations

from typing import Any

from taskmine.domain import Event
from taskmine.privacy import (
    CaptureLevel,
    PrivacyPolicy,
    is_event_allowed,
    mask_value,
    redact_event,
)

DENIED_APP = "[DENIED_APP]"
_STRICTNESS = {CaptureLevel.FULL: 0, CaptureLevel.MASKED: 1, CaptureLevel.STRUCTURE: 2}
# attrs that name another app, and the attrs that describe what was seen in it
_APP_REFERENCES = {
    "source_app": ("source_window", "source_element"),
    "from_app": ("from_window",),
}


class PrivacyGuard:
    """Apply one ``PrivacyPolicy`` to synthesised events; count what it dropped."""

    def __init__(self, policy: PrivacyPolicy) -> None:
        self.policy = policy
        self.dropped = 0

    def apply(self, event: Event) -> Event | None:
        """The event as it may be stored, or None when policy forbids recording it at all."""
        if not is_event_allowed(event, policy=self.policy):
            self.dropped += 1
            return None
        attrs, value = self._scrub_references(event)
        if attrs is not event.attrs or value is not event.value:
            event = event.model_copy(update={"attrs": attrs, "value": value})
        return redact_event(event, policy=self.policy)

    def _scrub_references(self, event: Event) -> tuple[dict[str, Any], str | None]:
        attrs, value = event.attrs, event.value
        for app_key, detail_keys in _APP_REFERENCES.items():
            other = attrs.get(app_key)
            if not isinstance(other, str):
                continue
            if not self.policy.is_app_allowed(other):
                attrs = {**attrs, app_key: DENIED_APP, **dict.fromkeys(detail_keys)}
                if app_key == "source_app":
                    value = None  # what was copied in a denied app never leaves it
            elif app_key == "source_app" and value is not None:
                value = _limit_to_source_level(value, self.policy, source_app=other, app=event.app)
        return attrs, value


def _limit_to_source_level(
    value: str, policy: PrivacyPolicy, *, source_app: str, app: str
) -> str | None:
    source_level = policy.capture_level_for(source_app)
    if _STRICTNESS[source_level] <= _STRICTNESS[policy.capture_level_for(app)]:
        return value
    return None if source_level is CaptureLevel.STRUCTURE else mask_value(value)
