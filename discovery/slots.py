"""Stage 1 helper, normalise: read an event's identifying fields as (slot, raw value) pairs.

A slot names where a value sits (``app/role/field``), so that the same text in different
places is learned about separately. Pairs are interned as integers; an event reads as a tuple
of pair ids assembled from cached parts (its element, window, url), since a log repeats each
part far more often than it has distinct ones. One reader serves one run over one log.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from taskmine.domain.events import Element, Event

Slot = tuple[str, str]
Slots = tuple[Slot, ...]
PairIds = tuple[int, ...]

FIXED_SLOTS = frozenset({"kind", "app", "role"})
INDEX_SUFFIX = "#index"


class SlotReader:
    """Reads events into interned (slot, value) pair ids; caches hold references to the parts."""

    def __init__(self, *, remember_events: bool = False) -> None:
        self.pairs: list[Slot] = []
        self._pair_ids: dict[Slot, int] = {}
        self._heads: dict[tuple[str, str], tuple[str, PairIds]] = {}
        self._elements: dict[int, tuple[Element, str, str, PairIds]] = {}
        self._windows: dict[tuple[str, str], PairIds] = {}
        self._urls: dict[tuple[str, str], PairIds] = {}
        self._combined: dict[tuple[object, ...], tuple[Element | None, PairIds]] = {}
        # remember_events: also cache per event object, for two passes over one list of events
        # (the list keeps the events alive, so their ids stay unique meanwhile).
        self._by_event: dict[int, tuple[Event, PairIds]] | None = {} if remember_events else None

    def read(self, event: Event) -> Slots:
        """(slot, raw value) pairs that identify what the event acted on."""
        pairs = self.pairs
        return tuple(pairs[index] for index in self.read_ids(event))

    def read_ids(self, event: Event) -> PairIds:
        """The interned ids of ``read(event)``."""
        if self._by_event is not None:
            known = self._by_event.get(id(event))
            if known is not None and known[0] is event:
                return known[1]
            ids = self._assemble(event)
            self._by_event[id(event)] = (event, ids)
            return ids
        return self._assemble(event)

    def _assemble(self, event: Event) -> PairIds:
        element = event.element
        if event.attrs or event.kind == "key":
            return self._assemble_parts(event)
        # Most events repeat an (element, window, url) seen just before: one lookup for all.
        key = (event.app, event.kind, id(element), event.window, event.url)
        known = self._combined.get(key)
        if known is not None and known[0] is element:
            return known[1]
        ids = self._assemble_parts(event)
        self._combined[key] = (element, ids)
        return ids

    def _assemble_parts(self, event: Event) -> PairIds:
        head = self._heads.get((event.app, event.kind))
        if head is None:
            app = event.app.strip().lower()
            kind = str(event.kind.value)
            head = (app, (self._intern(("kind", kind)), self._intern(("app", app))))
            self._heads[(event.app, event.kind)] = head
        app, ids = head
        role = ""
        element = event.element
        if element is not None:
            known = self._elements.get(id(element))
            if known is None or known[0] is not element or known[1] != app:
                known = (
                    element,
                    app,
                    (element.role or "").strip(),
                    self._element_ids(app, element),
                )
                self._elements[id(element)] = known
            role = known[2]
            ids = ids + known[3]
        if event.window:
            window = self._windows.get((app, event.window))
            if window is None:
                window = (self._intern((app + "//window", event.window.strip())),)
                self._windows[(app, event.window)] = window
            ids = ids + window
        if event.url:
            url = self._urls.get((app, event.url))
            if url is None:
                url = tuple(self._intern(pair) for pair in _url_slots(app, event.url))
                self._urls[(app, event.url)] = url
            ids = ids + url
        if event.kind == "key" and event.value:
            ids = (*ids, self._intern((f"{app}/{role}/key", event.value.strip())))
        if event.attrs:
            for name in sorted(event.attrs):
                item = event.attrs[name]
                if isinstance(item, str) and item.strip() and len(item) < 200:
                    ids = (*ids, self._intern((f"{app}//attr.{name}", item.strip())))
        return ids

    def _intern(self, pair: Slot) -> int:
        known = self._pair_ids.get(pair)
        if known is None:
            known = self._pair_ids[pair] = len(self.pairs)
            self.pairs.append(pair)
        return known

    def _element_ids(self, app: str, element: Element) -> PairIds:
        return tuple(self._intern(pair) for pair in _element_slots(app, element))


def is_index_slot(slot: str) -> bool:
    """The position of an anonymous path node: a number that is identity, not data, unless
    it varies like data (learned in ``vocabulary``)."""
    return slot.endswith(INDEX_SUFFIX)


def is_fixed_slot(slot: str) -> bool:
    """Kind, app, role and url host are identity by construction, never data."""
    return slot in FIXED_SLOTS or slot.endswith("//host")


def _element_slots(app: str, element: Element) -> Slots:
    role = (element.role or "").strip()
    base = f"{app}/{role}/"
    slots: list[Slot] = []
    if role:
        slots.append(("role", role))
    if element.automation_id:
        slots.append((base + "automation_id", element.automation_id.strip()))
    if element.class_name:
        slots.append((base + "class_name", element.class_name.strip()))
    if element.name:
        slots.append((base + "name", element.name.strip()))
    for depth, node in enumerate(element.path):
        name = (node.name or "").strip()
        slots.append((f"{app}/{node.role}/path{depth}", name))
        # An anonymous node (a DOM div, a table row) is told apart only by its position.
        if not name and node.index is not None:
            slots.append((f"{app}/{node.role}/path{depth}{INDEX_SUFFIX}", str(node.index)))
    return tuple(slots)


def _url_slots(app: str, url: str) -> Slots:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ((f"{app}//url", url.strip()),)
    host = parts.netloc.lower() or parts.path.split("/", 1)[0].lower()
    slots: list[Slot] = [(f"{app}//host", host)]
    path = parts.path if parts.netloc else parts.path.partition("/")[2]
    if path.strip("/"):
        slots.append((f"{app}/{host}/urlpath", path.rstrip("/")))
    if parts.query:
        keys = sorted({pair.partition("=")[0] for pair in parts.query.split("&") if pair})
        slots.append((f"{app}/{host}/query", "&".join(keys)))
    return tuple(slots)
