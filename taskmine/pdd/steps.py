"""PDD stage, AS-IS steps and data fields: mined steps -> the step table and the data inventory.

Pure functions of a ``Candidate``. Guarantees: one ``AsIsStep`` per mined step, in the routine's
order, each with the step's recorded example event ids as evidence; every string taken from the
recording has gone through ``redact_for_pdd`` before it lands in the document.
"""

from __future__ import annotations

from collections.abc import Sequence

from taskmine.domain.events import EventKind
from taskmine.domain.results import Candidate, Step
from taskmine.pdd.model import AsIsStep, DataField, DataHandling, Refs
from taskmine.pdd.redaction import redact_for_pdd

EXAMPLE_LIMIT = 80
# A step done in fewer cases than this is treated as optional (rule and question asked); above
# it, the few misses are noise of the recording or of mining, not a business rule.
OPTIONAL_BELOW = 0.95
BROWSERS = frozenset({"chrome", "msedge", "firefox", "iexplore", "safari", "chromium", "opera"})

_ACTIONS: dict[EventKind, str] = {
    EventKind.CLICK: "Click",
    EventKind.DOUBLE_CLICK: "Double-click",
    EventKind.RIGHT_CLICK: "Right-click",
    EventKind.TYPE: "Type into",
    EventKind.KEY: "Press a key in",
    EventKind.FOCUS: "Focus",
    EventKind.APP_SWITCH: "Switch to",
    EventKind.WINDOW_OPEN: "Open window",
    EventKind.WINDOW_CLOSE: "Close window",
    EventKind.SCROLL: "Scroll",
    EventKind.SELECT: "Select / read",
    EventKind.COPY: "Copy from",
    EventKind.PASTE: "Paste into",
    EventKind.NAVIGATE: "Open page",
    EventKind.IDLE: "Wait",
    EventKind.OTHER: "Act on",
}
_ENTRY = frozenset({EventKind.TYPE, EventKind.PASTE})
_SOURCES = frozenset({EventKind.COPY, EventKind.SELECT, EventKind.PASTE, EventKind.TYPE})


def clean_text(text: str | None, *, limit: int = 200) -> str | None:
    """Redacted, single-spaced, shortened text taken from the recording (None stays None)."""
    if text is None:
        return None
    cleaned = " ".join(redact_for_pdd(text).split())
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1] + "…"
    return cleaned or None


def step_refs(candidate: Candidate, indices: Sequence[int]) -> Refs:
    """Evidence for a set of steps: the indices and their recorded example event ids."""
    # Indices outside the candidate (a stale ``copied:<i>``) are dropped, not trusted.
    ordered = sorted({i for i in indices if 0 <= i < len(candidate.steps)})
    event_ids: list[str] = []
    for index in ordered:
        event_ids.extend(i for i in candidate.steps[index].example_event_ids if i not in event_ids)
    return Refs(steps=tuple(ordered), event_ids=tuple(event_ids))


def describe_element(step: Step) -> str | None:
    """The element as a reader recognises it: its label, else its id, else its role."""
    label = clean_text(step.name) or clean_text(step.automation_id)
    role = clean_text(step.role)
    if label and role:
        return f"“{label}” ({role.lower()})"
    return label or role


def describe_screen(step: Step) -> str | None:
    return clean_text(step.window) or clean_text(step.url)


def is_web_app(app: str, *, has_url: bool) -> bool:
    stem = app.lower().removesuffix(".exe")
    return has_url or stem in BROWSERS


def find_derivations(candidate: Candidate) -> dict[int, int]:
    """Typed steps whose example value is part of an earlier step's value: step -> source step.

    A typed value found inside a longer copied/pasted one (a city typed after pasting the whole
    address) is derived data: a bot can compute it, but the rule must be confirmed.
    """
    derived: dict[int, int] = {}
    for index, step in enumerate(candidate.steps):
        value = (step.example_value or "").strip()
        if step.kind is not EventKind.TYPE or len(value) < 3 or step.value_source == "constant":
            continue
        for earlier in range(index - 1, -1, -1):
            other = candidate.steps[earlier]
            source = (other.example_value or "").strip()
            if other.kind in _SOURCES and value != source and value in source:
                derived[index] = earlier
                break
    return derived


def build_as_is_steps(candidate: Candidate, *, decisions: dict[int, str]) -> tuple[AsIsStep, ...]:
    """The AS-IS step table: one row per mined step, with evidence and a plain description."""
    derived = find_derivations(candidate)
    rows: list[AsIsStep] = []
    for index, step in enumerate(candidate.steps):
        source = _describe_source(step, derived.get(index), step_count=len(candidate.steps))
        rule = _business_rule(step, decision=decisions.get(index))
        has_data = step.kind in _ENTRY or step.kind in {EventKind.COPY, EventKind.SELECT}
        rows.append(
            AsIsStep(
                number=index + 1,
                step_index=index,
                app=step.app,
                screen=describe_screen(step),
                action=_ACTIONS.get(step.kind, step.kind.value),
                element=describe_element(step),
                input_data=clean_text(step.example_value, limit=EXAMPLE_LIMIT)
                if has_data
                else None,
                input_source=source,
                business_rule=rule,
                description=_describe_step(step, source=source),
                support=min(max(step.support, 0.0), 1.0),
                refs=step_refs(candidate, [index]),
            )
        )
    return tuple(rows)


def build_data_fields(candidate: Candidate) -> tuple[tuple[DataField, ...], tuple[DataField, ...]]:
    """(input data, output data): fields read from source apps, fields written to targets."""
    derived = find_derivations(candidate)
    inputs: list[DataField] = []
    outputs: list[DataField] = []
    for index, step in enumerate(candidate.steps):
        name = clean_text(step.name) or clean_text(step.automation_id) or f"step {index + 1}"
        example = clean_text(step.example_value, limit=EXAMPLE_LIMIT)
        refs = step_refs(candidate, [index])
        where = f"{step.app}, {describe_screen(step) or 'screen not recorded'}"
        # A select without a value source reads data (a cell); with one it is an entry.
        reads = step.kind is EventKind.SELECT and example and step.value_source is None
        if step.kind is EventKind.COPY or reads:
            handling = DataHandling.READ if step.kind is EventKind.COPY else DataHandling.SELECTED
            inputs.append(
                DataField(
                    name=name,
                    app=step.app,
                    handling=handling,
                    source=where,
                    example=example,
                    refs=refs,
                )
            )
        if step.kind not in _ENTRY and step.kind is not EventKind.SELECT:
            continue
        if step.kind is EventKind.SELECT and (not example or reads):
            continue
        handling, source, source_step = _classify_output(
            step, derived.get(index), step_count=len(candidate.steps)
        )
        if handling is DataHandling.TYPED:
            inputs.append(
                DataField(
                    name=name,
                    app=step.app,
                    handling=handling,
                    source="not visible in the recording (keyed in by the user)",
                    example=example,
                    refs=refs,
                )
            )
        evidence = [index] if source_step is None else [source_step, index]
        outputs.append(
            DataField(
                name=name,
                app=step.app,
                handling=handling,
                source=source,
                example=example,
                refs=step_refs(candidate, evidence),
            )
        )
    return tuple(inputs), tuple(outputs)


def copied_from(step: Step) -> int | None:
    """The step index a value was copied from (``copied:<i>``), if discovery matched one."""
    source = step.value_source or ""
    if source.startswith("copied:"):
        try:
            return int(source.split(":", 1)[1])
        except ValueError:
            return None
    return None


def _classify_output(
    step: Step, derived_from: int | None, *, step_count: int
) -> tuple[DataHandling, str, int | None]:
    origin = copied_from(step)
    if origin is not None and origin < step_count:
        return DataHandling.COPIED, f"copied from step {origin + 1}", origin
    if derived_from is not None:
        return (
            DataHandling.DERIVED,
            f"derived from the value of step {derived_from + 1}",
            derived_from,
        )
    if step.value_source == "constant":
        return DataHandling.CONSTANT, "the same value in every case", None
    if step.kind is EventKind.PASTE:
        return DataHandling.COPIED, "the clipboard (source not matched in the recording)", None
    if step.kind is EventKind.SELECT:
        return DataHandling.SELECTED, "chosen by the user; the rule is not visible", None
    return DataHandling.TYPED, "keyed in by the user; the source is not visible", None


def _describe_source(step: Step, derived_from: int | None, *, step_count: int) -> str | None:
    if step.kind not in _ENTRY and not (step.kind is EventKind.SELECT and step.value_source):
        return None
    return _classify_output(step, derived_from, step_count=step_count)[1]


def _business_rule(step: Step, *, decision: str | None) -> str | None:
    rules: list[str] = []
    if step.value_source == "constant" and step.example_value:
        rules.append(f"Always the value “{clean_text(step.example_value, limit=EXAMPLE_LIMIT)}”.")
    if step.support < OPTIONAL_BELOW:
        rules.append(f"Done in {step.support:.0%} of cases; when it is skipped is to be confirmed.")
    if decision:
        rules.append(decision)
    return " ".join(rules) or None


def _describe_step(step: Step, *, source: str | None) -> str:
    element = describe_element(step)
    screen = describe_screen(step)
    action = _ACTIONS.get(step.kind, step.kind.value)
    target = f" {element}" if element else ""
    where = step.app + (f" ({screen})" if screen else "")
    text = f"In {where}: {action.lower()}{target}."
    if source:
        text += f" The value is {source}."
    return text
