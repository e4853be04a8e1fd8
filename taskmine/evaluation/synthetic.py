"""Evaluation data: a seeded generator of realistic UI logs whose truth is known.

People at desks run a few routines each (copy an invoice from Outlook into an ERP, update a CRM
address from an e-mail, raise a purchase order, ...) between unrelated work (mail, chat,
browsing, files), with optional and swapped steps, noise inside instances, data values in
element names and window titles (invoice numbers, customer names, dates), and idle gaps
(breaks, lunch). Every event carries its truth outside the event: the routine name and instance
number, or None for other work. Deterministic for a given seed; no I/O.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from taskmine.domain.events import Element, Event, EventKind, PathNode

_FIRST = ["Ana", "Ben", "Chloe", "Dmitri", "Emeka", "Fatima", "Goran", "Hana", "Ivo", "Jun", "Kofi"]
_LAST = ["Silva", "Okafor", "Novak", "Tanaka", "Berg", "Haddad", "Kowalski", "Moreau", "Rossi"]
_CITIES = ["Lyon", "Porto", "Graz", "Ghent", "Turku", "Bergen", "Split", "Cork", "Brno"]


@dataclass(frozen=True, slots=True)
class StepTemplate:
    kind: str
    app: str
    window: str
    role: str
    name: str
    automation_id: str | None = None
    url: str | None = None
    value: str | None = None
    optional: bool = False
    swap_with_next: bool = False


@dataclass(frozen=True, slots=True)
class LabelledEvent:
    event: Event
    routine: str | None
    instance: int | None


def _s(kind: str, app: str, window: str, role: str, name: str, **extra: object) -> StepTemplate:
    return StepTemplate(kind, app, window, role, name, **extra)  # type: ignore[arg-type]


ROUTINES: dict[str, list[StepTemplate]] = {
    "invoice_entry": [
        _s("click", "outlook.exe", "Inbox - Outlook", "list item", "Invoice {inv} from {vendor}"),
        _s("double_click", "outlook.exe", "Inbox - Outlook", "attachment", "invoice_{inv}.pdf"),
        _s(
            "copy", "acrobat.exe", "invoice_{inv}.pdf - Acrobat", "text", "Amount", value="{amount}"
        ),
        _s(
            "click",
            "chrome.exe",
            "ERP - Invoices",
            "link",
            "New invoice",
            url="https://erp.example.com/invoices/new",
        ),
        _s(
            "type",
            "chrome.exe",
            "ERP - New invoice",
            "edit",
            "Invoice number",
            automation_id="inv_no",
            url="https://erp.example.com/invoices/new",
            value="{inv}",
            swap_with_next=True,
        ),
        _s(
            "type",
            "chrome.exe",
            "ERP - New invoice",
            "edit",
            "Vendor",
            automation_id="vendor",
            url="https://erp.example.com/invoices/new",
            value="{vendor}",
        ),
        _s(
            "paste",
            "chrome.exe",
            "ERP - New invoice",
            "edit",
            "Amount",
            automation_id="amount",
            url="https://erp.example.com/invoices/new",
            value="{amount}",
        ),
        _s(
            "type",
            "chrome.exe",
            "ERP - New invoice",
            "edit",
            "Due date",
            automation_id="due",
            url="https://erp.example.com/invoices/new",
            value="{date}",
            optional=True,
        ),
        _s(
            "click",
            "chrome.exe",
            "ERP - New invoice",
            "button",
            "Save",
            automation_id="save",
            url="https://erp.example.com/invoices/new",
        ),
    ],
    "address_change": [
        _s("click", "outlook.exe", "Inbox - Outlook", "list item", "Address change {first} {last}"),
        _s(
            "copy",
            "outlook.exe",
            "Address change {first} {last} - Message",
            "document",
            "Message body",
            value="{city}",
        ),
        _s("click", "crm.exe", "CRM - Customers", "edit", "Search", automation_id="search"),
        _s(
            "type",
            "crm.exe",
            "CRM - Customers",
            "edit",
            "Search",
            automation_id="search",
            value="{last}",
        ),
        _s("double_click", "crm.exe", "CRM - Customers", "row", "{last}, {first}"),
        _s(
            "paste",
            "crm.exe",
            "CRM - Customer {last}",
            "edit",
            "City",
            automation_id="city",
            value="{city}",
        ),
        _s(
            "type",
            "crm.exe",
            "CRM - Customer {last}",
            "edit",
            "Postcode",
            automation_id="zip",
            value="{zip}",
            optional=True,
        ),
        _s("click", "crm.exe", "CRM - Customer {last}", "button", "Save", automation_id="save"),
        _s("click", "outlook.exe", "Address change {first} {last} - Message", "button", "Reply"),
        _s(
            "type",
            "outlook.exe",
            "RE: Address change {first} {last}",
            "document",
            "Message body",
            value="Done, {first}.",
        ),
        _s("click", "outlook.exe", "RE: Address change {first} {last}", "button", "Send"),
    ],
    "purchase_order": [
        _s("click", "sapgui.exe", "SAP Easy Access", "edit", "Command field", automation_id="okcd"),
        _s(
            "type",
            "sapgui.exe",
            "SAP Easy Access",
            "edit",
            "Command field",
            automation_id="okcd",
            value="ME21N",
        ),
        _s(
            "type",
            "sapgui.exe",
            "Create Purchase Order",
            "edit",
            "Vendor",
            automation_id="lifnr",
            value="{vendor_id}",
            swap_with_next=True,
        ),
        _s(
            "type",
            "sapgui.exe",
            "Create Purchase Order",
            "edit",
            "Material",
            automation_id="matnr",
            value="{material}",
        ),
        _s(
            "type",
            "sapgui.exe",
            "Create Purchase Order",
            "edit",
            "Quantity",
            automation_id="menge",
            value="{qty}",
        ),
        _s(
            "click",
            "sapgui.exe",
            "Create Purchase Order",
            "button",
            "Check",
            automation_id="btn_check",
            optional=True,
        ),
        _s(
            "click",
            "sapgui.exe",
            "Create Purchase Order",
            "button",
            "Save",
            automation_id="btn_save",
        ),
        _s(
            "copy",
            "sapgui.exe",
            "Create Purchase Order",
            "status bar",
            "Purchase order {po} created",
            value="{po}",
        ),
        _s("click", "excel.exe", "po_log.xlsx - Excel", "cell", "A{row}"),
        _s("paste", "excel.exe", "po_log.xlsx - Excel", "cell", "A{row}", value="{po}"),
    ],
    "report_export": [
        _s("click", "chrome.exe", "BI Portal", "link", "Reports", url="https://bi.example.com/"),
        _s(
            "click",
            "chrome.exe",
            "BI Portal - Reports",
            "link",
            "Weekly sales",
            url="https://bi.example.com/reports",
        ),
        _s(
            "select",
            "chrome.exe",
            "BI Portal - Weekly sales",
            "combo box",
            "Region",
            url="https://bi.example.com/reports/weekly",
            value="{city}",
        ),
        _s(
            "click",
            "chrome.exe",
            "BI Portal - Weekly sales",
            "button",
            "Export to Excel",
            url="https://bi.example.com/reports/weekly",
        ),
        _s("click", "explorer.exe", "Downloads", "list item", "weekly_sales_{date}.xlsx"),
        _s("click", "outlook.exe", "Inbox - Outlook", "button", "New Email"),
        _s(
            "type",
            "outlook.exe",
            "Untitled - Message",
            "edit",
            "To",
            value="{first}.{last}@example.com",
        ),
        _s(
            "type",
            "outlook.exe",
            "Untitled - Message",
            "edit",
            "Subject",
            value="Weekly sales {date}",
            optional=True,
        ),
        _s("click", "outlook.exe", "Untitled - Message", "button", "Attach File"),
        _s("click", "outlook.exe", "Untitled - Message", "button", "Send"),
    ],
    "ticket_triage": [
        _s(
            "click",
            "chrome.exe",
            "Helpdesk - Queue",
            "row",
            "Ticket #{ticket}: {subject}",
            url="https://help.example.com/queue",
        ),
        _s(
            "select",
            "chrome.exe",
            "Helpdesk - Ticket {ticket}",
            "combo box",
            "Category",
            url="https://help.example.com/ticket/{ticket}",
            value="{category}",
        ),
        _s(
            "select",
            "chrome.exe",
            "Helpdesk - Ticket {ticket}",
            "combo box",
            "Priority",
            url="https://help.example.com/ticket/{ticket}",
            value="{priority}",
            swap_with_next=True,
        ),
        _s(
            "type",
            "chrome.exe",
            "Helpdesk - Ticket {ticket}",
            "edit",
            "Internal note",
            url="https://help.example.com/ticket/{ticket}",
            value="Checked by {first}",
            optional=True,
        ),
        _s(
            "click",
            "chrome.exe",
            "Helpdesk - Ticket {ticket}",
            "button",
            "Assign to me",
            url="https://help.example.com/ticket/{ticket}",
        ),
        _s(
            "click",
            "chrome.exe",
            "Helpdesk - Ticket {ticket}",
            "button",
            "Update",
            url="https://help.example.com/ticket/{ticket}",
        ),
    ],
    "timesheet": [
        _s(
            "click",
            "chrome.exe",
            "Workday - Home",
            "link",
            "Time",
            url="https://workday.example.com/home",
        ),
        _s(
            "click",
            "chrome.exe",
            "Workday - Enter Time",
            "button",
            "This week",
            url="https://workday.example.com/time",
        ),
        _s(
            "type",
            "chrome.exe",
            "Workday - Enter Time",
            "edit",
            "Hours",
            url="https://workday.example.com/time",
            value="{qty}",
        ),
        _s(
            "select",
            "chrome.exe",
            "Workday - Enter Time",
            "combo box",
            "Project",
            url="https://workday.example.com/time",
            value="P-{po}",
        ),
        _s(
            "click",
            "chrome.exe",
            "Workday - Enter Time",
            "button",
            "Submit",
            url="https://workday.example.com/time",
        ),
    ],
}

_NOISE: list[StepTemplate] = [
    _s("click", "outlook.exe", "Inbox - Outlook", "list item", "{subject}"),
    _s("scroll", "outlook.exe", "{subject} - Message", "document", "Message body"),
    _s("click", "teams.exe", "Chat | Microsoft Teams", "list item", "{first} {last}"),
    _s(
        "type",
        "teams.exe",
        "Chat | Microsoft Teams",
        "edit",
        "Type a new message",
        value="ok {first}",
    ),
    _s(
        "click",
        "chrome.exe",
        "{subject} - News",
        "link",
        "{subject}",
        url="https://news.example.com/{ticket}",
    ),
    _s(
        "scroll",
        "chrome.exe",
        "{subject} - News",
        "document",
        "{subject}",
        url="https://news.example.com/{ticket}",
    ),
    _s("click", "explorer.exe", "Documents", "list item", "notes_{date}.docx"),
    _s("key", "excel.exe", "budget.xlsx - Excel", "cell", "B{row}", value="ctrl+s"),
    _s("click", "excel.exe", "budget.xlsx - Excel", "cell", "C{row}"),
    _s("app_switch", "explorer.exe", "Desktop", "pane", "Desktop"),
]

_SUBJECTS = ["Budget", "Offsite plan", "Lunch?", "Q3 numbers", "Server maintenance", "Welcome"]
_VENDORS = ["Acme Supplies", "Northwind", "Contoso Ltd", "Globex", "Initech", "Umbrella Corp"]


def generate_labelled_log(
    *,
    users: int = 3,
    days: int = 2,
    events_per_day: int = 300,
    routines_per_user: int = 3,
    noise_share: float = 0.35,
    seed: int = 7,
) -> list[LabelledEvent]:
    """A labelled log: per user and working day one session, in time order."""
    return list(
        iterate_labelled_log(
            users=users,
            days=days,
            events_per_day=events_per_day,
            routines_per_user=routines_per_user,
            noise_share=noise_share,
            seed=seed,
        )
    )


def iterate_labelled_log(
    *,
    users: int,
    days: int,
    events_per_day: int,
    routines_per_user: int = 3,
    noise_share: float = 0.35,
    seed: int = 7,
) -> Iterator[LabelledEvent]:
    """Like ``generate_labelled_log`` but lazily (a million events need not sit in a list)."""
    rng = random.Random(seed)
    names = sorted(ROUTINES)
    origin = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    counter = 0
    instance = 0
    elements: dict[tuple[str, str, str | None], Element] = {}
    for user in range(1, users + 1):
        user_id = f"u{user:03d}"
        mine = rng.sample(names, k=min(routines_per_user, len(names)))
        weights = [rng.uniform(0.5, 2.0) for _ in mine]
        machine = f"m-{user_id}"
        for day in range(days):
            clock = origin + timedelta(days=day, minutes=rng.uniform(0, 45))
            session = f"{user_id}-d{day + 1:02d}"
            produced = 0
            lunch_done = False
            while produced < events_per_day:
                if not lunch_done and produced > events_per_day / 2:
                    clock += timedelta(minutes=rng.uniform(30, 60))
                    lunch_done = True
                elif rng.random() < 0.02:
                    clock += timedelta(minutes=rng.uniform(4, 15))
                if rng.random() < noise_share:
                    block = [(rng.choice(_NOISE), None) for _ in range(rng.randint(1, 8))]
                    label: str | None = None
                else:
                    label = rng.choices(mine, weights=weights)[0]
                    block = _instance_steps(ROUTINES[label], rng)
                    instance += 1
                data = _draw_data(rng)
                texts: dict[str, str] = {}
                for template, _ in block:
                    noise = template in _NOISE
                    clock += timedelta(seconds=rng.lognormvariate(1.0, 0.6))
                    ids = (session, user_id, machine)
                    event = _make_event(template, data, texts, elements, counter, ids, clock)
                    yield LabelledEvent(
                        event, None if noise else label, None if noise else instance
                    )
                    counter += 1
                    produced += 1


def _instance_steps(
    steps: list[StepTemplate], rng: random.Random
) -> list[tuple[StepTemplate, None]]:
    chosen = [step for step in steps if not (step.optional and rng.random() < 0.3)]
    index = 0
    while index < len(chosen) - 1:
        if chosen[index].swap_with_next and rng.random() < 0.35:
            chosen[index], chosen[index + 1] = chosen[index + 1], chosen[index]
            index += 1
        index += 1
    result: list[tuple[StepTemplate, None]] = []
    for step in chosen:
        result.append((step, None))
        if rng.random() < 0.04:
            result.append((rng.choice(_NOISE), None))
    return result


def _draw_data(rng: random.Random) -> dict[str, str]:
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    return {
        "inv": str(rng.randint(100000, 999999)),
        "vendor": rng.choice(_VENDORS),
        "vendor_id": str(rng.randint(10000, 99999)),
        "amount": f"{rng.randint(10, 9999)}.{rng.randint(0, 99):02d}",
        "date": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "first": first,
        "last": last,
        "city": rng.choice(_CITIES),
        "zip": str(rng.randint(1000, 99999)),
        "material": f"MAT-{rng.randint(100, 999)}",
        "qty": str(rng.randint(1, 40)),
        "po": str(rng.randint(4500000000, 4599999999)),
        "row": str(rng.randint(2, 5000)),
        "ticket": str(rng.randint(10000, 99999)),
        "subject": f"{rng.choice(_SUBJECTS)} {first}",
        "category": rng.choice(["Hardware", "Access", "Software"]),
        "priority": rng.choice(["Low", "Medium", "High"]),
    }


# Shared by every generated event: a million events must fit in memory beside the miner.
_FIELDS_SET = set(Event.model_fields)
_NO_ATTRS: dict[str, object] = {}


def _make_event(
    template: StepTemplate,
    data: dict[str, str],
    texts: dict[str, str],
    elements: dict[tuple[str, str, str | None], Element],
    counter: int,
    ids: tuple[str, str, str],
    clock: datetime,
) -> Event:
    window = _fill(template.window, data, texts)
    name = _fill(template.name, data, texts)
    key = (template.role, name, template.automation_id)
    element = elements.get(key)
    if element is None:
        element = Element.model_construct(
            role=template.role,
            name=name,
            automation_id=template.automation_id,
            class_name=None,
            path=(
                PathNode.model_construct(role="window", name=template.app.split(".")[0], index=0),
            ),
            bounds=None,
        )
        if len(elements) < 200_000:
            elements[key] = element
    session, user, machine = ids
    return Event.model_construct(
        _fields_set=_FIELDS_SET,
        event_id=f"e{counter:08d}",
        session_id=session,
        user_id=user,
        machine_id=machine,
        timestamp=clock,
        kind=EventKind(template.kind),
        app=template.app,
        window=window,
        element=element,
        value=_fill(template.value, data, texts) if template.value else None,
        url=_fill(template.url, data, texts) if template.url else None,
        attrs=_NO_ATTRS,
    )


def _fill(template: str, data: dict[str, str], texts: dict[str, str]) -> str:
    text = texts.get(template)
    if text is None:
        text = texts.setdefault(template, template.format(**data))
    return text
