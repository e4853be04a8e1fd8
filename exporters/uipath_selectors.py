"""Exporters, UiPath selectors: a mined step's captured element path as a UiPath selector.

A selector is an XML fragment of single-quoted attributes, one tag per level: ``<wnd app=...
title=... />`` for the top-level window (``<html app=... title=... />`` in a browser) and then
``<ctrl name=... role=... />`` / ``<uia automationid=... />`` (``<webctrl .../>`` on a page)
down to the element. Attribute values are XML-escaped here exactly once (``&`` -> ``&amp;``);
the XAML writer escapes the whole selector string once more as an attribute, which gives the
``&amp;amp;`` that real Studio files carry. Titles that vary between instances get wildcards.
"""

from __future__ import annotations

from exporters.apps import window_title_pattern
from exporters.roles import spell_role
from exporters.steps import Platform, resolve_target, wildcard_text, wildcard_title
from taskmine.domain import Step

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&apos;", '"': "&quot;"}


def escape_selector_value(value: str) -> str:
    """Escape one attribute value for a single-quoted selector attribute."""
    return "".join(_ESCAPES.get(ch, ch) for ch in value)


def format_tag(tag: str, attributes: list[tuple[str, str]]) -> str:
    """``<tag a='1' b='2' />`` with empty values left out and values escaped."""
    body = " ".join(
        f"{name}='{escape_selector_value(value)}'" for name, value in attributes if value
    )
    return f"<{tag} {body} />" if body else f"<{tag} />"


def build_scope_selector(step: Step) -> str:
    """The top-level part: ``<wnd .../>`` for desktop apps, ``<html .../>`` for browsers.

    ``app`` is the resolved Windows process (``exporters.apps``), so a log that says ``Excel``
    or ``Google Chrome`` still gives ``excel.exe`` / ``chrome.exe``."""
    target = resolve_target(step)
    title = scope_title(step)
    if target.platform is Platform.WINDOWS_BROWSER:
        return format_tag("html", [("app", target.process), ("title", title)])
    return format_tag("wnd", [("app", target.process), ("title", title)])


def scope_title(step: Step) -> str:
    """The window-title pattern of the step's scope (``*`` when nothing better is known)."""
    target = resolve_target(step)
    return window_title_pattern(step.window, target.process, wildcard=wildcard_title(step.window))


def build_partial_selector(step: Step) -> str:
    """The part below the scope: named ancestors, then the element itself.

    Anonymous intermediate containers are dropped (they only add brittleness); the first path
    node is skipped when it is the window the scope selector already names.
    """
    if resolve_target(step).platform is Platform.WINDOWS_BROWSER:
        return _build_web_part(step)
    tags: list[str] = []
    path = list(step.path)
    if path and path[0].role.lower() in {"frame", "window", "dialog"} and len(path) > 1:
        path = path[1:]
    # The last node is the element; the step's own fields describe it better.
    for node in path[:-1]:
        if not node.name:
            continue
        tags.append(
            format_tag(
                "ctrl", [("name", wildcard_text(node.name)), ("role", spell_role(node.role).msaa)]
            )
        )
    tags.append(_build_element_tag(step))
    return "".join(tags)


def build_full_selector(step: Step) -> str:
    """Scope plus partial: what a standalone activity (outside any scope) needs."""
    return build_scope_selector(step) + build_partial_selector(step)


def _build_element_tag(step: Step) -> str:
    name = wildcard_text(step.name)
    if step.automation_id:
        return format_tag(
            "uia",
            [("automationid", step.automation_id), ("cls", step.class_name or ""), ("name", name)],
        )
    return format_tag("ctrl", [("name", name), ("role", spell_role(step.role).msaa)])


def _build_web_part(step: Step) -> str:
    spelling = spell_role(step.role)
    return format_tag(
        "webctrl",
        [
            ("id", step.automation_id or ""),
            ("tag", spelling.html_tag or ""),
            ("aaname", wildcard_text(step.name)),
        ],
    )
