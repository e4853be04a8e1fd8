"""Exporters, shared step reading: what a mined step means for an RPA skeleton.

Every skeleton exporter (UiPath, Power Automate Desktop) asks the same questions of a
``Candidate``'s steps: which platform the app runs on, whether it is a browser, where a typed
value comes from (a literal, an argument, a value copied earlier), which earlier steps must
capture a value, and how confident the miner was. Answering them once here keeps the two
exporters consistent. Pure functions over the domain model; nothing here does I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from exporters.apps import Platform, StepTarget, resolve_target
from taskmine.domain import Candidate, EventKind, Step

__all__ = ["Platform", "StepTarget", "resolve_target"]

# Default support below which a step is exported disabled (CommentOut / DISABLE).
DEFAULT_MIN_SUPPORT = 0.5

# The miner's abstracted parts: ``<id>``, ``<data>``, ``<*>`` and ``#`` for a number.
_WILDCARD_TOKEN = re.compile(r"(?:<[^<>]*>|#)+")
_NOT_IDENTIFIER = re.compile(r"[^0-9A-Za-z_]+")


class ValueKind(StrEnum):
    NONE = "none"
    CONSTANT = "constant"
    ARGUMENT = "argument"
    COPIED = "copied"


@dataclass(frozen=True, slots=True)
class StepValue:
    """Where the text a step types or pastes comes from."""

    kind: ValueKind
    literal: str = ""
    # Argument name (ARGUMENT) or variable name holding the copied text (COPIED).
    name: str = ""
    source_step: int | None = None


def classify_platform(step: Step) -> Platform:
    """Windows desktop app, Windows browser, or something the RPA tools cannot automate."""
    return resolve_target(step).platform


def wildcard_text(text: str | None) -> str:
    """Replace the miner's abstracted parts (``<id>``, ``<date>``) with a ``*`` wildcard."""
    if not text:
        return ""
    return _WILDCARD_TOKEN.sub("*", text)


def wildcard_title(title: str | None) -> str:
    """A window-title pattern that survives the document part changing between instances.

    Titles like ``Book1 - Excel`` or ``Invoice 42 - Google Chrome`` carry the document name
    first and the application name last; the document part varies between instances, so it
    becomes ``*``. Titles without that shape keep only the miner's abstracted parts wildcarded.
    """
    text = wildcard_text(title)
    if " - " in text:
        return "* - " + text.rsplit(" - ", 1)[1].strip()
    return text or "*"


def to_identifier(text: str, *, prefix: str = "", fallback: str = "value") -> str:
    """A variable / argument name both UiPath (VB) and PAD accept: letters, digits, ``_``."""
    words = [w for w in _NOT_IDENTIFIER.split(text) if w]
    body = "_".join(w[:1].upper() + w[1:] for w in words)[:40] or fallback
    if body[0].isdigit():
        body = "_" + body
    return prefix + body


def is_low_confidence(step: Step, *, min_support: float) -> bool:
    return step.support < min_support


def copied_source(step: Step) -> int | None:
    """Index of the step a value was copied from (``value_source == "copied:<i>"``)."""
    source = step.value_source or ""
    if not source.startswith("copied:"):
        return None
    try:
        return int(source.split(":", 1)[1])
    except ValueError:
        return None


def capture_steps(candidate: Candidate) -> dict[int, str]:
    """Steps whose element text must be read into a variable, with that variable's name.

    A step is captured when a later step types or pastes a value copied from it; an explicit
    ``copy`` step is captured too, so the skeleton shows what was copied even if the paste was
    not mined.
    """
    captured: set[int] = set()
    for index, step in enumerate(candidate.steps):
        source = copied_source(step)
        if source is not None and 0 <= source < len(candidate.steps) and source != index:
            captured.add(source)
        if step.kind == EventKind.COPY:
            captured.add(index)
    return {index: f"copied_{index + 1}" for index in sorted(captured)}


def argument_names(candidate: Candidate) -> dict[int, str]:
    """One unique ``in_*`` argument name per step whose typed value varies between instances."""
    names: dict[int, str] = {}
    used: set[str] = set()
    for index, step in enumerate(candidate.steps):
        if step.value_source != "varies":
            continue
        base = to_identifier(step.name or step.role or f"step {index + 1}", prefix="in_")
        name, n = base, 2
        while name in used:
            name, n = f"{base}_{n}", n + 1
        used.add(name)
        names[index] = name
    return names


def read_step_value(
    candidate: Candidate,
    index: int,
    *,
    arguments: dict[int, str],
    captures: dict[int, str],
) -> StepValue:
    """Where step ``index``'s typed or pasted text comes from."""
    step = candidate.steps[index]
    source = copied_source(step)
    if source is not None and source in captures:
        return StepValue(ValueKind.COPIED, name=captures[source], source_step=source)
    if index in arguments:
        return StepValue(
            ValueKind.ARGUMENT, literal=step.example_value or "", name=arguments[index]
        )
    if step.example_value is not None:
        return StepValue(ValueKind.CONSTANT, literal=step.example_value)
    return StepValue(ValueKind.NONE)


def describe_step(step: Step, index: int, *, total: int) -> str:
    """One human line for annotations and placeholders: what was recorded, where."""
    target = f"'{step.name}'" if step.name else "(unnamed element)"
    parts = [f"Step {index + 1} of {total}: {step.kind.value} on {target}"]
    details = []
    if step.role:
        details.append(f"role={step.role}")
    if step.automation_id:
        details.append(f"automationId={step.automation_id}")
    if step.class_name:
        details.append(f"class={step.class_name}")
    if details:
        parts.append("(" + ", ".join(details) + ")")
    where = f"in {step.app}"
    if step.window:
        where += f" window '{step.window}'"
    if step.url:
        where += f" at {step.url}"
    parts.append(where)
    text = " ".join(parts)
    if step.path:
        text += "; path: " + " > ".join(
            f"{node.role}" + (f" '{node.name}'" if node.name else "") for node in step.path
        )
    return text


def describe_evidence(step: Step, *, occurrences: int) -> str:
    """The mining evidence behind a step: how often it was seen and example event ids."""
    seen = round(step.support * occurrences) if occurrences else 0
    text = f"support {step.support:.2f} ({seen}/{occurrences} occurrences)"
    if step.value_source:
        text += f"; value {step.value_source}"
    if step.example_event_ids:
        text += "; example events " + ", ".join(step.example_event_ids[:5])
    return text
