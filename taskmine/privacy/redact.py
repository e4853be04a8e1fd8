"""Privacy, stage 0: clean every string of an event before it is stored or shown.

Guarantees: after ``redact_event`` no detector of the policy matches any string of the event
(value, window title, element name, automation id and class name, every path node name, URL
including its query and fragment, and every string inside ``attrs``); password fields never carry
a value; the capture level of the event's app is applied to its value. ``redact_text`` is
idempotent, so redacting twice (agent, then server) changes nothing more.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from taskmine.domain import Element, Event, PathNode
from taskmine.privacy.detectors import BUILTIN_DETECTORS, Detector
from taskmine.privacy.policy import DEFAULT_POLICY, CaptureLevel, CustomPattern, PrivacyPolicy

PASSWORD_ROLES = frozenset({"password text", "password", "password edit"})
MASK_LIMIT = 200


def redact_text(text: str, *, policy: PrivacyPolicy | None = None) -> str:
    """Replace every personal-data match in ``text`` by ``[LABEL]`` (e.g. ``[EMAIL]``)."""
    if not text:
        return text
    policy = policy or DEFAULT_POLICY
    for detector in _detectors_of(policy.detectors, policy.patterns):
        spans = list(detector.find_spans(text))
        for start, end in reversed(spans):
            text = f"{text[:start]}[{detector.label}]{text[end:]}"
    return text


def redact_url(url: str, *, policy: PrivacyPolicy | None = None) -> str:
    """Redact a URL part by part, decoding first so ``a%40b.com`` is seen as an e-mail."""
    policy = policy or DEFAULT_POLICY
    try:
        parts = urlsplit(url)
    except ValueError:
        return redact_text(unquote(url), policy=policy)
    host = parts.hostname or ""
    netloc = host if parts.port is None else f"{host}:{parts.port}"  # drops user:password@
    path = "/".join(
        quote(redact_text(unquote(s), policy=policy), safe="@:[]") for s in parts.path.split("/")
    )
    query = ""
    if parts.query and not policy.drop_url_query:
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        query = urlencode([(k, redact_text(v, policy=policy)) for k, v in pairs], safe="[]")
    fragment = quote(redact_text(unquote(parts.fragment), policy=policy), safe="/?=&[]")
    return urlunsplit((parts.scheme, redact_text(netloc, policy=policy), path, query, fragment))


def mask_value(text: str) -> str:
    """The shape of ``text`` without its content: letters become x/X, digits 9."""
    out = []
    for char in text[:MASK_LIMIT]:
        if char.isdigit():
            out.append("9")
        elif char.isalpha():
            out.append("X" if char.isupper() else "x")
        else:
            out.append(char)
    return "".join(out)


def redact_event(event: Event, *, policy: PrivacyPolicy) -> Event:
    """A copy of ``event`` with the capture level applied and every string redacted."""
    level = policy.capture_level_for(event.app)
    value = event.value
    is_password = event.element is not None and (event.element.role or "").lower() in PASSWORD_ROLES
    if value is not None:
        if is_password or level is CaptureLevel.STRUCTURE:
            value = None
        elif level is CaptureLevel.MASKED:
            value = mask_value(value)
        else:
            value = redact_text(value, policy=policy)
    return event.model_copy(
        update={
            "app": redact_text(event.app, policy=policy),
            "window": _redact_optional(event.window, policy),
            "element": _redact_element(event.element, policy),
            "value": value,
            "url": redact_url(event.url, policy=policy) if event.url else event.url,
            "attrs": _redact_json(event.attrs, policy, level=level),
        }
    )


def is_event_allowed(event: Event, *, policy: PrivacyPolicy) -> bool:
    """False for events of a denied app or URL: those are dropped, not redacted."""
    return policy.is_app_allowed(event.app) and policy.is_url_allowed(event.url)


def _redact_optional(text: str | None, policy: PrivacyPolicy) -> str | None:
    return None if text is None else redact_text(text, policy=policy)


def _redact_element(element: Element | None, policy: PrivacyPolicy) -> Element | None:
    if element is None:
        return None
    path = tuple(
        PathNode(role=node.role, name=_redact_optional(node.name, policy), index=node.index)
        for node in element.path
    )
    return element.model_copy(
        update={
            "name": _redact_optional(element.name, policy),
            "automation_id": _redact_optional(element.automation_id, policy),
            "class_name": _redact_optional(element.class_name, policy),
            "path": path,
        }
    )


# attrs keys whose strings are user content, so the capture level applies to them as to `value`.
_CONTENT_KEYS = frozenset({"source_value", "selection", "clipboard"})


def _redact_json(data: Any, policy: PrivacyPolicy, *, level: CaptureLevel, key: str = "") -> Any:
    if isinstance(data, str):
        if key in _CONTENT_KEYS and level is not CaptureLevel.FULL:
            return None if level is CaptureLevel.STRUCTURE else mask_value(data)
        if key == "url" or key.endswith("_url"):
            return redact_url(data, policy=policy)
        return redact_text(data, policy=policy)
    if isinstance(data, dict):
        return {k: _redact_json(v, policy, level=level, key=str(k)) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_redact_json(v, policy, level=level, key=key) for v in data]
    return data


@lru_cache(maxsize=32)
def _detectors_of(
    names: tuple[str, ...], patterns: tuple[CustomPattern, ...]
) -> tuple[Detector, ...]:
    builtin = [BUILTIN_DETECTORS[name] for name in BUILTIN_DETECTORS if name in names]
    custom = [Detector(p.name, p.label, re.compile(p.regex)) for p in patterns]
    # Custom patterns run first: an organisation's id format is more specific than a phone.
    return (*custom, *builtin)
