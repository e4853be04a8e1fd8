"""Adapter (test and demo data): a seeded generator of realistic recorded UI work.

It plays the role of a small office team doing three routines between other work, in the shape
the recorder writes (canonical ``taskmine.event/v1`` events with element paths from the window
down): invoices keyed into a web ERP from Outlook and Excel, customer address changes copied
from e-mail into a CRM, and a weekly report exported from the ERP. People skip optional steps,
swap the order of fields, and do unrelated things in between; data values (invoice numbers,
amounts, names) differ in every instance. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from taskmine.domain import Event, format_timestamp

_FIRST = ["Ana", "Ben", "Chloe", "Dmitri", "Emeka", "Fatima", "Goran", "Hana", "Ivo", "Jun"]
_LAST = ["Silva", "Okafor", "Novak", "Tanaka", "Berg", "Haddad", "Kowalski", "Moreau"]
_VENDORS = ["Acme Supplies", "Northwind", "Contoso Ltd", "Globex", "Initech", "Umbrella Corp"]


@dataclass(frozen=True, slots=True)
class _Action:
    kind: str
    app: str
    window: str
    role: str
    name: str
    path: tuple[tuple[str, str], ...]
    automation_id: str | None = None
    value: str | None = None
    url: str | None = None
    optional: bool = False
    attrs: tuple[tuple[str, Any], ...] = ()


def generate_events(
    *, users: int = 4, days: int = 3, seed: int = 7, start: datetime | None = None
) -> Iterator[Event]:
    """Events of ``users`` people over ``days`` working days, in time order per session."""
    rng = random.Random(seed)
    origin = start or datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    counter = 0
    for user in range(1, users + 1):
        user_id = f"u{user:02d}"
        for day in range(days):
            clock = origin + timedelta(days=day, minutes=rng.randint(0, 40))
            session_id = f"{user_id}-d{day + 1:02d}"
            for action in _working_day(rng):
                clock += timedelta(seconds=rng.uniform(0.8, 4.5))
                if action.kind == "idle":
                    clock += timedelta(minutes=rng.uniform(3, 12))
                yield _to_event(action, f"e{counter:07d}", session_id, user_id, clock)
                counter += 1


def _working_day(rng: random.Random) -> Iterator[_Action]:
    for _ in range(rng.randint(14, 20)):
        choice = rng.random()
        if choice < 0.45:
            yield from _vary(rng, _enter_invoice(rng))
        elif choice < 0.75:
            yield from _vary(rng, _update_customer_address(rng))
        elif choice < 0.85:
            yield from _vary(rng, _export_report(rng))
        for _ in range(rng.randint(0, 3)):
            yield _other_work(rng)
        if rng.random() < 0.08:
            yield _Action("idle", "explorer.exe", "Desktop", "desktop", "Desktop", ())


def _vary(rng: random.Random, actions: list[_Action]) -> Iterator[_Action]:
    """Skip optional steps now and then and swap neighbouring form fields."""
    kept = [a for a in actions if not (a.optional and rng.random() < 0.3)]
    for i in range(len(kept) - 1):
        a, b = kept[i], kept[i + 1]
        if a.kind == b.kind == "type" and a.app == b.app and rng.random() < 0.25:
            kept[i], kept[i + 1] = b, a
    for index, action in enumerate(kept):
        if index and rng.random() < 0.05:
            yield _other_work(rng)
        yield action


def _enter_invoice(rng: random.Random) -> list[_Action]:
    number = f"INV-{rng.randint(10000, 99999)}"
    vendor = rng.choice(_VENDORS)
    amount = f"{rng.randint(100, 20000)}.{rng.randint(0, 99):02d}"
    mail = f"Invoice {number} from {vendor} - Outlook"
    erp = "https://erp.example.com/ap/invoices/new"
    form = (
        ("window", "New supplier invoice - ERP - Google Chrome"),
        ("document", "New supplier invoice"),
    )
    return [
        _Action(
            "click",
            "outlook.exe",
            "Inbox - Outlook",
            "list item",
            f"Invoice {number} from {vendor}",
            (("window", "Inbox - Outlook"), ("list", "Message list")),
        ),
        _Action(
            "double_click",
            "outlook.exe",
            mail,
            "list item",
            f"{number}.xlsx",
            (("window", mail), ("list", "Attachments")),
            optional=True,
        ),
        _Action(
            "copy",
            "excel.exe",
            f"{number}.xlsx - Excel",
            "cell",
            "B4",
            (("window", f"{number}.xlsx - Excel"), ("table", "Sheet1")),
            value=amount,
        ),
        _Action(
            "navigate",
            "chrome.exe",
            form[0][1],
            "document",
            "New supplier invoice",
            form[:1],
            url=erp,
        ),
        _Action(
            "type",
            "chrome.exe",
            form[0][1],
            "text",
            "Invoice number",
            form,
            automation_id="invoiceNumber",
            value=number,
            url=erp,
        ),
        _Action(
            "type",
            "chrome.exe",
            form[0][1],
            "text",
            "Vendor",
            form,
            automation_id="vendor",
            value=vendor,
            url=erp,
        ),
        _Action(
            "paste",
            "chrome.exe",
            form[0][1],
            "text",
            "Amount",
            form,
            automation_id="amount",
            value=amount,
            url=erp,
            attrs=(("source_app", "excel.exe"),),
        ),
        _Action(
            "select",
            "chrome.exe",
            form[0][1],
            "combo box",
            "Currency",
            form,
            automation_id="currency",
            value="EUR",
            url=erp,
            optional=True,
        ),
        _Action(
            "click",
            "chrome.exe",
            form[0][1],
            "push button",
            "Submit",
            form,
            automation_id="submit",
            url=erp,
        ),
    ]


def _update_customer_address(rng: random.Random) -> list[_Action]:
    person = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    customer = f"CUST-{rng.randint(1000, 9999)}"
    street = f"{rng.randint(1, 200)} {rng.choice(['Elm', 'Oak', 'Harbour', 'Mill'])} Street"
    mail = f"Address change {customer} - Outlook"
    crm = f"https://crm.example.com/customers/{customer}"
    page = (("window", f"{person} - CRM - Google Chrome"), ("document", "Customer"))
    return [
        _Action(
            "click",
            "outlook.exe",
            "Inbox - Outlook",
            "list item",
            f"Address change {customer}",
            (("window", "Inbox - Outlook"), ("list", "Message list")),
        ),
        _Action(
            "copy", "outlook.exe", mail, "text", "Message body", (("window", mail),), value=street
        ),
        _Action("navigate", "chrome.exe", page[0][1], "document", "Customer", page[:1], url=crm),
        _Action(
            "click",
            "chrome.exe",
            page[0][1],
            "push button",
            "Edit",
            page,
            automation_id="edit",
            url=crm,
        ),
        _Action(
            "paste",
            "chrome.exe",
            page[0][1],
            "text",
            "Street",
            page,
            automation_id="street",
            value=street,
            url=crm,
            attrs=(("source_app", "outlook.exe"),),
        ),
        _Action(
            "click",
            "chrome.exe",
            page[0][1],
            "check box",
            "Address verified",
            page,
            automation_id="verified",
            url=crm,
            optional=True,
        ),
        _Action(
            "click",
            "chrome.exe",
            page[0][1],
            "push button",
            "Save",
            page,
            automation_id="save",
            url=crm,
        ),
    ]


def _export_report(rng: random.Random) -> list[_Action]:
    week = f"Week {rng.randint(1, 52)}"
    url = "https://erp.example.com/reports/open-items"
    page = (("window", "Open items - ERP - Google Chrome"), ("document", "Open items"))
    return [
        _Action("navigate", "chrome.exe", page[0][1], "document", "Open items", page[:1], url=url),
        _Action(
            "select",
            "chrome.exe",
            page[0][1],
            "combo box",
            "Period",
            page,
            automation_id="period",
            value=week,
            url=url,
        ),
        _Action(
            "click",
            "chrome.exe",
            page[0][1],
            "push button",
            "Export to Excel",
            page,
            automation_id="export",
            url=url,
        ),
        _Action(
            "key",
            "excel.exe",
            "open-items.xlsx - Excel",
            "table",
            "Sheet1",
            (("window", "open-items.xlsx - Excel"),),
            attrs=(("keys", "ctrl+s"),),
        ),
    ]


def _other_work(rng: random.Random) -> _Action:
    topic = rng.choice(["Standup notes", "Lunch?", "Q3 planning", "Holiday rota", "IT ticket"])
    return rng.choice(
        [
            _Action(
                "click",
                "teams.exe",
                "Chat - Microsoft Teams",
                "list item",
                topic,
                (("window", "Chat - Microsoft Teams"), ("list", "Chats")),
            ),
            _Action(
                "type",
                "teams.exe",
                "Chat - Microsoft Teams",
                "text",
                "Type a message",
                (("window", "Chat - Microsoft Teams"),),
                value=f"re {topic.lower()}",
            ),
            _Action(
                "scroll",
                "chrome.exe",
                "News - Google Chrome",
                "document",
                "News",
                (("window", "News - Google Chrome"),),
                url="https://news.example.org/",
            ),
            _Action(
                "click",
                "explorer.exe",
                "Documents",
                "list item",
                f"{topic}.docx",
                (("window", "Documents"), ("list", "Items View")),
            ),
        ]
    )


def _to_event(action: _Action, event_id: str, session_id: str, user_id: str, at: datetime) -> Event:
    path = [{"role": role, "name": name, "index": 0} for role, name in action.path]
    element = None
    if action.kind != "idle":
        element = {
            "role": action.role,
            "name": action.name,
            "automation_id": action.automation_id,
            "class_name": None,
            "path": [*path, {"role": action.role, "name": action.name, "index": 0}],
        }
    return Event.model_validate(
        {
            "event_id": event_id,
            "session_id": session_id,
            "user_id": user_id,
            "machine_id": f"ws-{user_id}",
            "timestamp": format_timestamp(at),
            "kind": action.kind,
            "app": action.app,
            "window": action.window,
            "element": element,
            "value": action.value,
            "url": action.url,
            "attrs": dict(action.attrs),
        }
    )
