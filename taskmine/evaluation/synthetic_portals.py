"""Evaluation data, the synthetic log's portal routines: work done mostly in web portals.

A report export (a BI portal, the file mailed on), ticket triage (a helpdesk) and a timesheet
(Workday): three of the routines ``taskmine.evaluation.synthetic`` draws, with optional and
swappable steps marked.
"""

from __future__ import annotations

from taskmine.evaluation.synthetic_steps import StepTemplate
from taskmine.evaluation.synthetic_steps import make_step as _s  # one letter: short table rows

PORTAL_ROUTINES: dict[str, list[StepTemplate]] = {
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
