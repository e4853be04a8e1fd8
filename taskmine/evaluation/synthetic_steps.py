"""Evaluation data, the synthetic log's vocabulary: step templates and the work between routines.

A ``StepTemplate`` is one UI action with ``{placeholders}`` the generator fills per instance
(``taskmine.evaluation.synthetic``); the routines it draws from are ``synthetic_data_entry``
and ``synthetic_portals``. ``NOISE`` is the unrelated work (mail, chat, browsing, files) drawn
between routine instances and inside them. No I/O.
"""

from __future__ import annotations

from dataclasses import dataclass


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


def make_step(
    kind: str, app: str, window: str, role: str, name: str, **extra: object
) -> StepTemplate:
    return StepTemplate(kind, app, window, role, name, **extra)  # type: ignore[arg-type]


_s = make_step  # one letter keeps the tables below readable

NOISE: list[StepTemplate] = [
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
