"""App resolution for the RPA exporters: process names, display names in any spelling, URL-only
and web steps, and unknown apps that stay placeholders with a reason saying what is missing."""

from __future__ import annotations

import pytest

from exporters.apps import (
    DEFAULT_BROWSER,
    Platform,
    find_process,
    is_web_url,
    navigable_url,
    resolve_target,
    window_title_pattern,
)
from exporters.uipath_selectors import build_full_selector
from taskmine.domain import EventKind, PathNode, Step


def step(app: str, **fields: object) -> Step:
    return Step(kind=EventKind.CLICK, app=app, role="push button", name="OK", **fields)


@pytest.mark.parametrize(
    ("app", "process"),
    [
        ("excel.exe", "excel.exe"),
        ("EXCEL.EXE", "excel.exe"),
        (r"C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE", "winword.exe"),
        ("sapgui.exe", "sapgui.exe"),  # any process name is taken as written
        ("myerp.exe", "myerp.exe"),
    ],
)
def test_process_names_are_used_as_written_in_lower_case(app, process):
    target = resolve_target(step(app))
    assert target.process == process
    assert target.platform is Platform.WINDOWS_DESKTOP
    assert target.reason == ""


@pytest.mark.parametrize(
    ("app", "process"),
    [
        ("Excel", "excel.exe"),
        ("Microsoft Excel", "excel.exe"),
        ("microsoft office excel 2016", "excel.exe"),
        ("MS Excel", "excel.exe"),
        ("excel", "excel.exe"),
        ("Word", "winword.exe"),
        ("winword", "winword.exe"),
        ("PowerPoint", "powerpnt.exe"),
        ("Notepad", "notepad.exe"),
        ("Notepad++", "notepad++.exe"),
        ("Outlook", "outlook.exe"),
        ("File Explorer", "explorer.exe"),
        ("SAP", "saplogon.exe"),
        ("SAP GUI for Windows 7.70", "saplogon.exe"),
        ("Microsoft Teams", "ms-teams.exe"),
        ("Adobe Acrobat Reader DC", "acrord32.exe"),
        ("Adobe Acrobat Pro", "acrobat.exe"),
    ],
)
def test_desktop_display_names_map_to_their_windows_process(app, process):
    target = resolve_target(step(app))
    assert (target.platform, target.process) == (Platform.WINDOWS_DESKTOP, process)
    assert app in target.note  # the annotation says where the process came from


@pytest.mark.parametrize(
    ("app", "process", "browser_type"),
    [
        ("Chrome", "chrome.exe", "Chrome"),
        ("Google Chrome", "chrome.exe", "Chrome"),
        ("google-chrome", "chrome.exe", "Chrome"),
        ("CHROME.EXE", "chrome.exe", "Chrome"),
        ("Microsoft Edge", "msedge.exe", "Edge"),
        ("msedge", "msedge.exe", "Edge"),
        ("Mozilla Firefox", "firefox.exe", "Firefox"),
        ("Internet Explorer 11", "iexplore.exe", "IE"),
    ],
)
def test_browser_names_map_to_their_process_and_browser_type(app, process, browser_type):
    target = resolve_target(step(app, url="https://example.org/form"))
    assert target.platform is Platform.WINDOWS_BROWSER
    assert (target.process, target.browser_type) == (process, browser_type)
    assert target.url == "https://example.org/form"


@pytest.mark.parametrize("app", ["Web", "browser", "WEB BROWSER", "Fiori", "Gmail", "Salesforce"])
def test_generic_browser_words_and_web_products_are_browser_steps(app):
    target = resolve_target(step(app))
    assert target.platform is Platform.WINDOWS_BROWSER
    assert target.process == DEFAULT_BROWSER
    assert "assumed" in target.note


def test_a_web_product_uses_the_browser_its_window_title_names():
    target = resolve_target(step("Fiori", window="Purchase Orders - Microsoft Edge"))
    assert target.process == "msedge.exe"


@pytest.mark.parametrize(
    ("app", "url"),
    [
        ("unknown", "https://portal.example.com/orders?id=4"),
        ("forms.zoho.com", "forms.zoho.com/university/form/NewRecord"),  # the miner's form
        ("Acme Portal", "www.webpage.com<data>"),
        ("", "http://10.0.0.5:8080/app"),
    ],
)
def test_a_step_with_a_web_url_is_a_browser_step_whatever_its_app(app, url):
    target = resolve_target(step(app, url=url))
    assert target.platform is Platform.WINDOWS_BROWSER
    assert target.process == DEFAULT_BROWSER
    assert target.url.startswith(("https://", "http://"))
    assert "<" not in target.url


def test_an_html_element_path_makes_a_browser_step():
    path = (PathNode(role="document web"), PathNode(role="body"), PathNode(role="push button"))
    assert resolve_target(step("Acme ERP", path=path)).platform is Platform.WINDOWS_BROWSER


def test_an_explicit_desktop_process_is_not_turned_into_a_browser_by_a_url():
    target = resolve_target(step("outlook.exe", url="https://example.org/link"))
    assert (target.platform, target.process) == (Platform.WINDOWS_DESKTOP, "outlook.exe")


def test_the_window_title_names_the_app_when_the_app_field_does_not():
    target = resolve_target(step("unknown", window="Inbox - user@example.org - Outlook"))
    assert target.process == "outlook.exe"
    assert "window title" in target.note


@pytest.mark.parametrize(
    ("app", "window", "url", "expected"),
    [
        ("gedit", "notes.txt - gedit", None, ["'gedit' is not a Windows application", "no URL"]),
        ("unknown", None, None, ["names no application", "no window title", "no URL"]),
        ("", None, "newtab", ["names no application", "'newtab' is not a web address"]),
        ("OS-Clipboard", None, None, ["system event"]),
        ("soffice.bin", "Untitled 1 - LibreOffice Calc", None, ["'soffice.bin'"]),
    ],
)
def test_unidentifiable_steps_stay_placeholders_and_say_what_is_missing(app, window, url, expected):
    target = resolve_target(step(app, window=window, url=url))
    assert target.platform is Platform.UNSUPPORTED
    assert target.process == ""
    for part in expected:
        assert part in target.reason
    assert "fill in the process name" in target.reason


@pytest.mark.parametrize(
    ("name", "process"),
    [("Excel", "excel.exe"), ("ACROBAT", "acrobat.exe"), ("Paintbrush Deluxe", None), ("", None)],
)
def test_find_process(name, process):
    assert find_process(name) == process


@pytest.mark.parametrize(
    ("url", "web"),
    [
        ("https://a.example.com", True),
        ("HTTP://A.EXAMPLE.COM/x", True),
        ("form.jotform.com/<id>", True),
        ("localhost:3000/login", True),
        ("newtab", False),
        ("file:///C:/x.pdf", False),
        ("chrome://settings", False),
        ("", False),
    ],
)
def test_is_web_url(url, web):
    assert is_web_url(url) is web


def test_navigable_url_adds_the_scheme_and_drops_the_varying_tail():
    assert navigable_url("forms.zoho.com/x/form") == "https://forms.zoho.com/x/form"
    assert navigable_url("bpm-diag.github.io<data>") == "https://bpm-diag.github.io"
    assert navigable_url("http://a.example.com/?q=1") == "http://a.example.com/?q=1"


@pytest.mark.parametrize(
    ("window", "process", "pattern"),
    [
        ("Book1 - Excel", "excel.exe", "* - Excel"),
        ("Microsoft Excel - Book1", "excel.exe", "Microsoft Excel - *"),
        # an importer's "workbook - sheet" is no Excel title: matched on the process only
        ("reimbursement.xlsx - Student details", "excel.exe", "*"),
        (None, "excel.exe", "*"),
        ("Orders - MyERP", "myerp.exe", "* - MyERP"),  # unknown app: the general rule
    ],
)
def test_window_title_pattern(window, process, pattern):
    wildcard = "* - " + window.rsplit(" - ", 1)[1] if window else "*"
    assert window_title_pattern(window, process, wildcard=wildcard) == pattern


def test_selector_names_the_resolved_process_for_a_display_name():
    excel = Step(
        kind=EventKind.CLICK,
        app="Microsoft Excel",
        role="cell",
        name="B<id>",
        window="data.xlsx - Sheet1",
        path=(PathNode(role="document spreadsheet", name="data.xlsx"), PathNode(role="cell")),
    )
    assert build_full_selector(excel) == (
        "<wnd app='excel.exe' title='*' /><ctrl name='data.xlsx' role='document' />"
        "<ctrl name='B*' role='cell' />"
    )
    web = Step(kind=EventKind.TYPE, app="Web", role="text", name="email", automation_id="mail")
    assert build_full_selector(web) == (
        "<html app='chrome.exe' title='*' /><webctrl id='mail' tag='INPUT' aaname='email' />"
    )
