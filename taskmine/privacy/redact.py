"""Privacy, stage 0: clean every string of an event before it is stored or shown.

Guarantees: after ``redact_event`` no detector of the policy matches any string of the event
(value, window title, element name, automation id and class name, every path node name, URL
including its query and fragment, and every string inside ``attrs``); password fields never carry
a value; the capture level of the event's app is applied to its value. ``redact_text`` is
idempotent, so redacting twice (agent, then server) changes nothing more.

The field policy (``fields``): a value typed into a field whose labels ask for a name or an
address (``Last name``, ``txtStreet``, ``PLZ``) is replaced whole by ``[PERSON]`` or ``[ADDRESS]``,
whatever it holds, as are the ``selection`` / ``clipboard`` / ``source_value`` attrs of that field.
It applies while the policy has the ``person`` / ``address`` detector. URL query parameters
named like such fields (``?last_name=...``) are blanked the same way.

Speed (the server redacts every uploaded event): a string with no digit and no ``@`` cannot
match a structured detector, so one C-level regex search skips those; the name and address
finders have their own word pre-check. Short strings (UI names and titles repeat all day) are
remembered in a bounded per-policy LRU cache, in process memory only; an event whose strings
all come back unchanged is returned as it is, without a copy.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from taskmine.domain import Element, Event, PathNode
from taskmine.privacy.detectors import BUILTIN_DETECTORS, ContextDetector, Detector
from taskmine.privacy.fields import field_label, labels_of_element
from taskmine.privacy.lexicon import UPPER
from taskmine.privacy.name_scripts import UNCASED_LETTERS
from taskmine.privacy.policy import DEFAULT_POLICY, CaptureLevel, CustomPattern, PrivacyPolicy

PASSWORD_ROLES = frozenset({"password text", "password", "password edit"})
MASK_LIMIT = 200
CACHE_ENTRIES = 32_768
CACHE_MAX_CHARS = 256
# Every built-in detector needs a digit, or an @ for e-mails: no match, nothing to do.
_MAY_HOLD_PII = re.compile(r"[\d@]").search
_URL_MAY_HOLD_PII = re.compile(r"[\d@%]").search
_ALWAYS = re.compile("").search  # a match (not None) for every string
# A name or address needs a digit, an @, a colon, or a capitalised word that is not the first
# word (``Jane Doe``, ``Frau Müller``, ``rue Alphonse``, ``dear Jane,``): single words and
# strings in lower case after their first letter cannot hold one, and skip the cache lookup.
# A letter of a script without capitals (Arabic, CJK...) may hold a name too (``name_scripts``).
_PLACE_AFTER_ADDRESS = re.compile(r"\[ADDRESS\](?:,?[ \t]+(?:[^\W\d_]{1,4}[ \t]+)?|,)\[PERSON\]")
_MAY_HOLD_CONTEXT_PII = re.compile(rf"[\d@:：]|[\s.][{UPPER}]|[{UNCASED_LETTERS}]").search


def redact_text(text: str, *, policy: PrivacyPolicy | None = None) -> str:
    """Replace every personal-data match in ``text`` by ``[LABEL]`` (e.g. ``[EMAIL]``)."""
    if not text:
        return text
    return redactor_for(policy or DEFAULT_POLICY).text(text)


class Redactor:
    """The detectors of one policy, with the cheap pre-check and the cache of short strings."""

    def __init__(
        self,
        custom: tuple[Detector, ...],
        builtin: tuple[Detector | ContextDetector, ...],
        *,
        policy: PrivacyPolicy,
    ) -> None:
        self._custom = custom
        self._structured = tuple(d for d in builtin if isinstance(d, Detector))
        self._context = tuple(d for d in builtin if isinstance(d, ContextDetector))
        self._policy = policy
        self.field_labels = frozenset(d.label for d in self._context)
        self._cached = lru_cache(maxsize=CACHE_ENTRIES)(self._apply)
        self._cached_url = lru_cache(maxsize=CACHE_ENTRIES)(self._apply_url)
        # With custom patterns every string has to be looked at (the cache answers repeated
        # ones); with the word-reading detectors, only strings that can hold a name or an
        # address; otherwise no digit and no @ means nothing to do.
        if custom:
            self.may_hold_pii = _ALWAYS
        elif self._context:
            self.may_hold_pii = _MAY_HOLD_CONTEXT_PII
        else:
            self.may_hold_pii = _MAY_HOLD_PII

    def text(self, text: str) -> str:
        if not text:
            return text
        if self.may_hold_pii(text) is None:
            return text
        if len(text) <= CACHE_MAX_CHARS:
            out = self._cached(text)
            # The cache may hold an equal string from an earlier event: hand back this one, so
            # callers can tell "unchanged" by identity and skip the copy.
            return text if out == text else out
        out = self._apply(text)
        return text if out == text else out

    def optional(self, text: str | None) -> str | None:
        return None if text is None else self.text(text)

    def url(self, url: str) -> str:
        if len(url) <= CACHE_MAX_CHARS * 4:
            return self._cached_url(url)
        return self._apply_url(url)

    def scrub(self, mapping: dict[str, Any], keys: tuple[str, ...]) -> None:
        """Redact, in place, the string values of ``keys`` in ``mapping`` (the hot path)."""
        may_hold_pii = self.may_hold_pii
        for key in keys:
            item = mapping.get(key)
            if item.__class__ is str and may_hold_pii(item) is not None:
                mapping[key] = self.text(item)

    def field_of(self, labels: list[str | None]) -> str | None:
        """``PERSON`` / ``ADDRESS`` when the field policy blanks a field with these labels."""
        if not self.field_labels:
            return None
        label = field_label(labels)
        return label if label in self.field_labels else None

    def _apply(self, text: str) -> str:
        for detector in self._custom:
            text = _replace_spans(text, detector)
        if _MAY_HOLD_PII(text) is not None:
            for structured in self._structured:
                text = _replace_spans(text, structured)
        for context in self._context:
            text = _replace_spans(text, context)
        if "[PERSON]" in text and "[ADDRESS]" in text:
            # ``[ADDRESS], [PERSON]`` or ``[ADDRESS] da [PERSON]``: what the name finder took
            # right after an address, in the same run of parts, is its town.
            text = _PLACE_AFTER_ADDRESS.sub("[ADDRESS]", text)
        return text

    def _apply_url(self, url: str) -> str:
        return redact_url(url, policy=self._policy)


def redactor_for(policy: PrivacyPolicy) -> Redactor:
    """The (shared, cached) redactor of ``policy``'s detectors, patterns and URL rule."""
    return _redactor_of(policy.detectors, policy.patterns, policy.drop_url_query)


def redact_url(url: str, *, policy: PrivacyPolicy | None = None) -> str:
    """Redact a URL part by part, decoding first so ``a%40b.com`` is seen as an e-mail."""
    policy = policy or DEFAULT_POLICY
    redactor = redactor_for(policy)
    if _URL_MAY_HOLD_PII(url) is None and not policy.patterns and "=" not in url:
        return url  # no digit, no @, no %-escape, no query value: nothing to find, no credentials
    try:
        parts = urlsplit(url)
        port = parts.port  # a property: raises ValueError on "h:1:2" or a port out of range
    except ValueError:
        return redact_text(unquote(url), policy=policy)
    host = parts.hostname or ""
    netloc = host if port is None else f"{host}:{port}"  # drops user:password@
    path = "/".join(
        quote(redact_text(unquote(s), policy=policy), safe="@:[]") for s in parts.path.split("/")
    )
    query = ""
    if parts.query and not policy.drop_url_query:
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        query = urlencode(
            [(k, _query_value(k, v, redactor, policy=policy)) for k, v in pairs], safe="[]"
        )
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
    """A copy of ``event`` with the capture level applied and every string redacted.

    The event itself is returned when nothing changes (the common case on the server, where
    the recorder has redacted already).
    """
    redactor = redactor_for(policy)
    level = policy.capture_level_for(event.app)
    element = event.element
    is_password = element is not None and (element.role or "").lower() in PASSWORD_ROLES
    field = None
    # The field policy matters only for a value or a content attr: skip the label work else.
    if element is not None and (event.value is not None or _has_content(event.attrs)):
        path = ((node.role, node.name) for node in element.path)
        field = redactor.field_of(labels_of_element(element.name, element.automation_id, path))
    value = event.value
    if value is not None:
        if is_password or level is CaptureLevel.STRUCTURE:
            value = None
        elif field is not None:
            value = f"[{field}]"
        elif level is CaptureLevel.MASKED:
            value = mask_value(value)
        else:
            value = redactor.text(value)
    if is_password:
        level = CaptureLevel.STRUCTURE  # nothing typed into a password field survives in attrs
    update = {
        "app": redactor.text(event.app),
        "window": redactor.optional(event.window),
        "element": _redact_element(element, redactor),
        "value": value,
        "url": redactor.url(event.url) if event.url else event.url,
        "attrs": _redact_json(event.attrs, policy, redactor, level=level, field=field),
    }
    changed = {name: new for name, new in update.items() if new is not getattr(event, name)}
    return event.model_copy(update=changed) if changed else event


def redact_event_data(data: dict[str, Any], *, policy: PrivacyPolicy) -> dict[str, Any]:
    """``redact_event`` on a JSON-shaped event, in place, before it is validated (the server).

    Same rules as ``redact_event`` (tests hold the two equal on valid events), without building
    models: the ingest hot path. Fields of the wrong type are left for validation to reject.
    """
    redactor = redactor_for(policy)
    app = data.get("app")
    level = policy.capture_level_for(app) if isinstance(app, str) else policy.default_capture
    redactor.scrub(data, _EVENT_TEXT_KEYS)
    element = data.get("element")
    is_password = False
    field = None
    if isinstance(element, dict):
        role = element.get("role")
        is_password = isinstance(role, str) and role.lower() in PASSWORD_ROLES
        path = element.get("path")
        nodes = path if isinstance(path, list) else []
        attrs_in = data.get("attrs")
        if data.get("value") is not None or (isinstance(attrs_in, dict) and _has_content(attrs_in)):
            field = redactor.field_of(_element_labels(element, nodes))
        redactor.scrub(element, _ELEMENT_TEXT_KEYS)
        for node in nodes:
            if isinstance(node, dict):
                redactor.scrub(node, _NODE_TEXT_KEYS)
    value = data.get("value")
    if value is not None:
        if is_password or level is CaptureLevel.STRUCTURE:
            data["value"] = None
        elif not isinstance(value, str):
            pass  # validation rejects it
        elif field is not None:
            data["value"] = f"[{field}]"
        elif level is CaptureLevel.MASKED:
            data["value"] = mask_value(value)
        else:
            data["value"] = redactor.text(value)
    url = data.get("url")
    if isinstance(url, str) and url:
        data["url"] = redactor.url(url)
    attrs = data.get("attrs")
    if isinstance(attrs, dict) and attrs:
        if is_password:
            level = CaptureLevel.STRUCTURE
        data["attrs"] = _redact_json(attrs, policy, redactor, level=level, field=field)
    return data


_EVENT_TEXT_KEYS = ("app", "window")
_ELEMENT_TEXT_KEYS = ("role", "name", "automation_id", "class_name")
_NODE_TEXT_KEYS = ("role", "name")


def _element_labels(element: dict[str, Any], nodes: list[Any]) -> list[str | None]:
    """The labels of a JSON-shaped element, strings only (validation rejects the rest)."""

    def text(item: Any) -> str | None:
        return item if isinstance(item, str) else None

    pairs = ((text(n.get("role")), text(n.get("name"))) for n in nodes if isinstance(n, dict))
    return labels_of_element(text(element.get("name")), text(element.get("automation_id")), pairs)


def _query_value(key: str, value: str, redactor: Redactor, *, policy: PrivacyPolicy) -> str:
    """A query value, blanked whole when its key names a name or address field."""
    field = redactor.field_of([key])
    return f"[{field}]" if field is not None else redact_text(value, policy=policy)


def is_event_allowed(event: Event, *, policy: PrivacyPolicy) -> bool:
    """False for events of a denied app or URL: those are dropped, not redacted."""
    return policy.is_app_allowed(event.app) and policy.is_url_allowed(event.url)


def _redact_element(element: Element | None, redactor: Redactor) -> Element | None:
    if element is None:
        return None
    path = tuple(_redact_node(node, redactor) for node in element.path)
    if all(new is old for new, old in zip(path, element.path, strict=True)):
        path = element.path
    update = {
        "role": redactor.optional(element.role),
        "name": redactor.optional(element.name),
        "automation_id": redactor.optional(element.automation_id),
        "class_name": redactor.optional(element.class_name),
        "path": path,
    }
    changed = {name: new for name, new in update.items() if new is not getattr(element, name)}
    return element.model_copy(update=changed) if changed else element


def _redact_node(node: PathNode, redactor: Redactor) -> PathNode:
    role, name = redactor.text(node.role), redactor.optional(node.name)
    if role is node.role and name is node.name:
        return node
    return PathNode(role=role, name=name, index=node.index)


# attrs keys whose strings are user content, so the capture level applies to them as to `value`.
_CONTENT_KEYS = frozenset({"source_value", "selection", "clipboard"})


def _has_content(attrs: dict[str, Any]) -> bool:
    return bool(attrs) and not _CONTENT_KEYS.isdisjoint(attrs)


def _redact_json(
    data: Any,
    policy: PrivacyPolicy,
    redactor: Redactor,
    *,
    level: CaptureLevel,
    key: str = "",
    field: str | None = None,
) -> Any:
    """``data`` with every string (keys too) cleaned; the same object when nothing changed.

    ``field``: the event's element is a name or address field, so its content keys are blanked.
    """
    if isinstance(data, str):
        if key in _CONTENT_KEYS and level is CaptureLevel.STRUCTURE:
            return None
        if key in _CONTENT_KEYS and field is not None:
            return f"[{field}]"
        if key in _CONTENT_KEYS and level is not CaptureLevel.FULL:
            return mask_value(data)
        if key == "url" or key.endswith("_url"):
            return redactor.url(data)
        return redactor.text(data)
    if isinstance(data, dict):
        out = {}
        same = True
        for k, v in data.items():
            name = redactor.text(k) if isinstance(k, str) else k
            new = _redact_json(v, policy, redactor, level=level, key=str(k), field=field)
            same = same and name is k and new is v
            out[name] = new
        return data if same else out
    if isinstance(data, list | tuple):
        items = [_redact_json(v, policy, redactor, level=level, key=key, field=field) for v in data]
        return data if all(n is o for n, o in zip(items, data, strict=True)) else items
    return data


def _replace_spans(text: str, detector: Detector | ContextDetector) -> str:
    spans = list(detector.find_spans(text))
    for start, end in reversed(spans):
        text = f"{text[:start]}[{detector.label}]{text[end:]}"
    return text


@lru_cache(maxsize=32)
def _redactor_of(
    names: tuple[str, ...], patterns: tuple[CustomPattern, ...], drop_url_query: bool
) -> Redactor:
    builtin = tuple(BUILTIN_DETECTORS[name] for name in BUILTIN_DETECTORS if name in names)
    # Custom patterns run first: an organisation's id format is more specific than a phone.
    custom = tuple(Detector(p.name, p.label, re.compile(p.regex)) for p in patterns)
    policy = PrivacyPolicy(detectors=names, patterns=patterns, drop_url_query=drop_url_query)
    return Redactor(custom, builtin, policy=policy)
