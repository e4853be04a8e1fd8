"""Exporters, validation: a structural checker for Power Automate Desktop (Robin) text.

There is no public Robin grammar, so this follows the checklist in FORMATS.md §4.3, tuned on
real PAD exports: a lexer that knows ``$'''...'''`` strings span lines and ``\\'`` escapes a
quote, ``/# ... #/`` comments, block balance (``ON ERROR REPEAT n TIMES`` is a modifier, not a
block), every ``appmask['screen']['control']`` resolving in the ``ControlRepository`` trailer,
and the trailer's own structure. Returns problems as sentences; an empty list means it passed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Literal

TRAILER = "# [ControlRepository][PowerAutomateDesktop]"

_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_DEFINITION_ONLY = re.compile(r"^(@INPUT|@OUTPUT|@SENSITIVE|IMPORT |FUNCTION )")
_OPENERS = (
    re.compile(r"^IF\b.*\bTHEN$"),
    re.compile(r"^LOOP\b"),
    re.compile(r"^SWITCH\b"),
    re.compile(r"^BLOCK\b"),
    re.compile(r"^ON BLOCK ERROR\b"),
    re.compile(r"^FUNCTION\b.*\bGLOBAL$"),
)
_ON_ERROR = re.compile(r"^ON ERROR\b")
_ON_ERROR_MODIFIER = re.compile(r"^ON ERROR REPEAT \d+ TIMES\b")
_REFERENCE = re.compile(r"(appmask|imgrepo)((?:\['(?:[^'\\]|\\.)*'\])+)")
_REFERENCE_PART = re.compile(r"\['((?:[^'\\]|\\.)*)'\]")
_UNESCAPE = re.compile(r"\\(.)")

Form = Literal["clipboard", "definition"]


@dataclass(frozen=True, slots=True)
class Statement:
    line: int  # 1-based line of the statement's first character
    text: str  # strings replaced by their raw text, joined into one logical line


def validate_robin(text: str, *, form: Form = "clipboard") -> list[str]:
    """Problems with PAD clipboard text (or, with ``form="definition"``, a Dataverse script)."""
    problems: list[str] = []
    script, trailer = _split_trailer(text)
    statements, lex_problems = lex_statements(script)
    problems += lex_problems
    problems += _check_blocks(statements)
    for st in statements:
        if form == "clipboard" and _DEFINITION_ONLY.match(st.text):
            problems.append(
                f"line {st.line}: '{st.text.split()[0]}' belongs to a Dataverse definition, "
                "not to clipboard text; remove it"
            )
        if st.text.startswith("SET %"):
            problems.append(f"line {st.line}: SET target must be a bare variable name, not %...%")
    repository = None
    if trailer is not None:
        repository, trailer_problems = _check_trailer(trailer)
        problems += trailer_problems
    problems += _check_references(statements, repository, form=form)
    return problems


def lex_statements(script: str) -> tuple[list[Statement], list[str]]:
    """Split a Robin script into logical statements, lexing strings and comments properly."""
    statements: list[Statement] = []
    problems: list[str] = []
    i, line, n = 0, 1, len(script)
    current: list[str] = []
    start_line = 1

    def flush() -> None:
        stmt = "".join(current).strip()
        # Metadata lines (@@key, @INPUT ...) annotate the next statement; they are lexed for
        # their strings (which may span lines) but are not statements themselves.
        if stmt and not stmt.startswith("@"):
            statements.append(Statement(start_line, stmt))
        current.clear()

    at_line_start = True
    while i < n:
        ch = script[i]
        if at_line_start:
            stripped_from = i
            while stripped_from < n and script[stripped_from] in " \t":
                stripped_from += 1
            rest = script[stripped_from : stripped_from + 2]
            if rest == "/#":
                end = script.find("#/", stripped_from + 2)
                if end < 0:
                    problems.append(f"line {line}: '/#' comment is never closed with '#/'")
                    return statements, problems
                line += script.count("\n", i, end)
                i = end + 2
                continue
            if rest[:1] == "#" or script.startswith("**", stripped_from):
                end = script.find("\n", stripped_from)
                i = n if end < 0 else end
                continue
            start_line = line
            at_line_start = False
        if script.startswith("$'''", i) or script.startswith("'''", i):
            opener = 4 if script[i] == "$" else 3
            end, ok = _scan_triple_string(script, i + opener)
            body = script[i + opener : end]
            if not ok:
                problems.append(f"line {line}: text literal $''' is never closed")
                return statements, problems
            if _count_unescaped_percent(body) % 2:
                problems.append(f"line {line}: unbalanced '%' in text literal {body[:40]!r}")
            current.append("$'''" + body + "'''")
            line += body.count("\n")
            i = end + 3
            continue
        if ch == "'":
            end = _scan_quoted(script, i + 1)
            if end < 0:
                problems.append(f"line {line}: quoted name is never closed")
                return statements, problems
            current.append(script[i : end + 1])
            i = end + 1
            continue
        if ch == "\n":
            flush()
            line += 1
            at_line_start = True
            i += 1
            continue
        current.append(ch)
        i += 1
    flush()
    return statements, problems


def _scan_triple_string(script: str, start: int) -> tuple[int, bool]:
    """Index of the closing ``'''`` of a ``$'''`` literal (``\\'`` escapes a quote)."""
    i = start
    while i < len(script):
        if script[i] == "\\" and i + 1 < len(script):
            i += 2
            continue
        if script.startswith("'''", i):
            return i, True
        i += 1
    return i, False


def _scan_quoted(script: str, start: int) -> int:
    i = start
    while i < len(script) and script[i] != "\n":
        if script[i] == "\\":
            i += 2
            continue
        if script[i] == "'":
            return i
        i += 1
    return -1


def _count_unescaped_percent(body: str) -> int:
    count, i = 0, 0
    while i < len(body):
        if body[i] == "\\":
            i += 2
            continue
        count += body[i] == "%"
        i += 1
    return count


def _check_blocks(statements: list[Statement]) -> list[str]:
    stack: list[Statement] = []
    problems: list[str] = []
    for st in statements:
        text = st.text.removeprefix("DISABLE ").strip()
        if text == "END" or text.startswith("END FUNCTION") or re.match(r"^END\b", text):
            if not stack:
                problems.append(f"line {st.line}: END without an open block")
            else:
                stack.pop()
            continue
        if _ON_ERROR_MODIFIER.match(text):
            continue
        if _ON_ERROR.match(text) and not text.startswith("ON ERROR =>"):
            stack.append(st)
            continue
        if any(p.match(text) for p in _OPENERS):
            stack.append(st)
    problems += [f"line {st.line}: '{st.text[:40]}' is never closed with END" for st in stack]
    return problems


def _split_trailer(text: str) -> tuple[str, str | None]:
    lines = text.splitlines(keepends=True)
    for number, raw in enumerate(lines):
        if raw.strip() == TRAILER:
            return "".join(lines[:number]), "".join(lines[number + 1 :])
    return text, None


def _check_trailer(trailer: str) -> tuple[dict[str, dict[str, Any]] | None, list[str]]:
    """Structure of the control repository; returns {screen name: {control name: control}}."""
    try:
        document = json.loads(trailer)
    except json.JSONDecodeError as error:
        return None, [f"ControlRepository trailer is not JSON: {error}"]
    problems: list[str] = []
    for key in ("ControlRepositorySymbols", "ImageRepositorySymbol", "ConnectionReferences"):
        if key not in document:
            problems.append(f"ControlRepository trailer lacks '{key}'")
    screens: dict[str, dict[str, Any]] = {}
    seen_ids: set[str] = set()
    for symbol in document.get("ControlRepositorySymbols", []):
        raw = symbol.get("Repository")
        if not isinstance(raw, str):
            problems.append("ControlRepositorySymbols[].Repository must be a JSON string")
            continue
        try:
            repo = json.loads(raw)
        except json.JSONDecodeError as error:
            problems.append(f"ControlRepository Repository string is not JSON: {error}")
            continue
        if repo.get("Version") != 1 or not isinstance(repo.get("Screens"), list):
            problems.append("ControlRepository Repository must be {Screens: [...], Version: 1}")
            continue
        for screen in repo["Screens"]:
            problems += _check_ui_element(screen, "Screen", seen_ids)
            controls = {}
            for control in screen.get("Controls", []):
                problems += _check_ui_element(control, "Control", seen_ids)
                controls[control.get("Name", "")] = control
            screens[screen.get("Name", "")] = controls
    return screens, problems


def _check_ui_element(element: dict[str, Any], what: str, seen_ids: set[str]) -> list[str]:
    name = element.get("Name", "?")
    problems = [
        f"{what} {name!r} lacks '{key}'"
        for key in ("ElementTypeName", "InstanceId", "Name", "SelectorCount", "Selectors", "Tag")
        if key not in element
    ]
    instance = str(element.get("InstanceId", ""))
    if not _GUID.match(instance):
        problems.append(f"{what} {name!r} InstanceId {instance!r} is not a GUID")
    elif instance in seen_ids:
        problems.append(f"{what} {name!r} InstanceId {instance} is not unique")
    seen_ids.add(instance)
    selectors = element.get("Selectors", [])
    if element.get("SelectorCount") != len(selectors):
        problems.append(f"{what} {name!r} SelectorCount differs from the number of Selectors")
    type_name = element.get("ElementTypeName", "")
    if what == "Control" and not str(name).startswith(f"{type_name} '"):
        problems.append(f"Control name {name!r} must read \"{type_name} '<name>'\"")
    for selector in selectors:
        for part in selector.get("Elements", []):
            tag = part.get("Tag", "")
            if tag != tag.lower():
                problems.append(f"{what} {name!r} selector tag {tag!r} must be lower case")
            if not any(not a.get("Ignore", False) for a in part.get("Attributes", [])):
                problems.append(
                    f"{what} {name!r} selector element {part.get('Name')!r} uses no attribute"
                )
    return problems


def _check_references(
    statements: list[Statement], screens: dict[str, dict[str, Any]] | None, *, form: Form
) -> list[str]:
    problems: list[str] = []
    for st in statements:
        for match in _REFERENCE.finditer(st.text):
            symbol = match.group(1)
            # ``\'`` and ``\\`` are the escapes inside a quoted name (see pad_repository).
            parts = [_UNESCAPE.sub(r"\1", p) for p in _REFERENCE_PART.findall(match.group(2))]
            if symbol != "appmask":
                continue  # images are carried by ImageRepositorySymbol, not checked here
            if screens is None:
                if form == "clipboard":
                    problems.append(
                        f"line {st.line}: appmask reference but no ControlRepository trailer"
                    )
                continue
            if len(parts) != 2:
                problems.append(f"line {st.line}: appmask reference needs ['screen']['control']")
            elif parts[0] not in screens:
                problems.append(
                    f"line {st.line}: screen {parts[0]!r} is not in the ControlRepository"
                )
            elif parts[1] not in screens[parts[0]]:
                problems.append(
                    f"line {st.line}: control {parts[1]!r} is not in screen {parts[0]!r}"
                )
    return problems
