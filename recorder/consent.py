"""Recorder, before anything starts: consent and the server's recording permission.

Recording starts only when (1) the person at the keyboard acknowledged the notice (``--consent``
or answering yes on a terminal) and (2), when a server is configured, the server confirms an
approved data request for this user: ``GET /v1/me/recording-permission`` answering 200 with
``{"approved": true}``. 404 means "not approved" (also what a server without that route
answers). A positive answer is cached for ``PERMISSION_TTL`` so that the agent can restart while
the server is unreachable; a negative answer clears the cache.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a server is asked: local recording never loads httpx
    import httpx

NOTICE = """\
taskmine recorder: recording notice
  While recording, this agent captures which UI elements you click and type into (their role,
  name and position in the window), the apps and window titles you use, and, depending on the
  per-app settings, what you type (never passwords; e-mails, phone, card, IBAN and national id
  numbers are blanked). No screenshots, no keystroke logs. You can pause at any time with the
  hotkey, `taskmine record --pause`, or SIGUSR1, and stop with Ctrl+C.
"""
PERMISSION_TTL = 24 * 3600.0


@dataclass(frozen=True, slots=True)
class Permission:
    approved: bool
    reason: str


def acknowledge_consent(
    consent: bool, *, interactive: bool, ask: Callable[[str], str] = input
) -> bool:
    """True if the notice is acknowledged: by flag, or by a 'yes' typed on a terminal."""
    if consent:
        return True
    if not interactive:
        return False
    try:
        answer = ask(NOTICE + "Start recording? Type 'yes' to agree: ")
    except EOFError:
        return False
    return answer.strip().lower() in {"y", "yes"}


def check_recording_permission(
    server: str,
    *,
    token: str | None,
    project: str,
    cache: Path,
    user: str | None = None,
    client: httpx.Client | None = None,
    now: float | None = None,
) -> Permission:
    """Ask the server whether ``user`` may record; fall back on a fresh cached approval.

    ``user`` is the pseudonymous user_id the events will carry (an agent token records for
    someone; a workstation user's own token needs none)."""
    import httpx

    now = time.time() if now is None else now
    url = f"{server.rstrip('/')}/v1/me/recording-permission"
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    owned = client is None
    client = client or httpx.Client(timeout=10.0)
    try:
        params = {"project": project} | ({"user": user} if user else {})
        response = client.get(url, headers=headers, params=params)
    except httpx.TransportError as error:
        return _cached(cache, server=server, project=project, now=now, error=error)
    finally:
        if owned:
            client.close()
    if response.status_code == 200:
        try:
            answer = response.json()
            approved, why = bool(answer.get("approved")), str(answer.get("reason") or "")
        except (ValueError, AttributeError):
            approved, why = False, ""
        if approved:
            _write_cache(cache, server=server, project=project, now=now)
            return Permission(True, why or "the server confirms an approved data request")
        cache.unlink(missing_ok=True)
        return Permission(False, why or "the server says your data request is not approved (yet)")
    cache.unlink(missing_ok=True)
    if response.status_code == 422:
        return Permission(False, f"the server could not read the request: {_detail(response)}")
    if response.status_code == 404:
        return Permission(
            False,
            "the server has no approved data request for you (404 on "
            "/v1/me/recording-permission); ask your manager to approve one",
        )
    if response.status_code in (401, 403):
        return Permission(
            False, f"the server refused the token ({response.status_code}); check --token"
        )
    return Permission(False, f"the server answered {response.status_code}; try again later")


def _cached(cache: Path, *, server: str, project: str, now: float, error: Exception) -> Permission:
    try:
        data = json.loads(cache.read_text())
    except (OSError, ValueError):
        data = {}
    fresh = now - float(data.get("approved_at", 0)) < PERMISSION_TTL
    if data.get("server") == server and data.get("project") == project and fresh:
        return Permission(True, "server unreachable; using the approval cached in the last 24 h")
    return Permission(
        False,
        f"cannot reach {server} to confirm your data request ({type(error).__name__}) and no "
        "approval is cached from the last 24 h; check the server address and your network",
    )


def _write_cache(cache: Path, *, server: str, project: str, now: float) -> None:
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({"server": server, "project": project, "approved_at": now}))


def _detail(response: httpx.Response) -> str:
    try:
        return str(response.json().get("detail"))
    except (ValueError, AttributeError):
        return response.text[:200]
