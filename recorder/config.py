"""Recorder settings: a TOML file with a ``[recorder]`` and a ``[privacy]`` table.

Example::

    [recorder]
    idle_seconds = 300
    hotkey = "ctrl+alt+shift+p"
    synchronous = "FULL"          # spool fsync policy: FULL (default) or NORMAL

    [privacy]
    deny_apps = ["keepass*", "*bank*"]
    deny_urls = ["*.bank.example"]
    default_capture = "masked"    # structure | masked | full
    capture = { "form-app" = "full", "excel.exe" = "full" }
    patterns = [{ name = "customer", regex = "CUST-\\\\d{6}", label = "CUSTOMER" }]
"""

from __future__ import annotations

import getpass
import hashlib
import os
import platform
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from recorder.keys import parse_combo
from recorder.resolver import RecorderError
from taskmine.privacy import PrivacyPolicy, load_policy


class RecorderSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    idle_seconds: float | None = None  # None: the CLI's --idle-seconds
    hotkey: str = "ctrl+alt+shift+p"
    synchronous: Literal["FULL", "NORMAL", "EXTRA"] = "FULL"
    batch_size: int = 200
    # The spool's quota: past it capture stops with a notice instead of evicting events. The
    # default holds weeks of one person's work (an event is ~0.5 KB).
    spool_max_mb: float = Field(default=1024.0, gt=0)
    spool_max_events: int | None = Field(default=None, gt=0)
    user_id: str | None = None
    machine_id: str | None = None
    state_dir: Path | None = None


def load_config(path: Path | None) -> tuple[RecorderSettings, PrivacyPolicy]:
    """Read the TOML config (or defaults); errors name the file and the bad setting."""
    if path is None:
        return RecorderSettings(), load_policy(None)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RecorderError(
            f"config file {path} does not exist; pass an existing --config"
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise RecorderError(f"config file {path} is not valid TOML: {error}") from None
    unknown = set(data) - {"recorder", "privacy"}
    if unknown:
        raise RecorderError(
            f"config file {path}: unknown table(s) {sorted(unknown)}; use [recorder] and [privacy]"
        )
    try:
        settings = RecorderSettings.model_validate(data.get("recorder", {}))
        policy = load_policy(data.get("privacy"))
    except ValidationError as error:
        raise RecorderError(f"config file {path} has invalid settings:\n{error}") from None
    return settings.model_copy(update={"hotkey": parse_combo(settings.hotkey)}), policy


def default_state_dir() -> Path:
    """Where the spool, pid file and permission cache live (XDG state dir, or %LOCALAPPDATA%)."""
    base = os.environ.get("XDG_STATE_HOME") or os.environ.get("LOCALAPPDATA")
    root = Path(base) if base else Path.home() / ".local" / "state"
    return root / "taskmine" / "recorder"


def pseudonymous_user_id() -> str:
    """A stable id that does not reveal the login name."""
    return "u-" + _digest(f"{getpass.getuser()}@{machine_fingerprint()}")


def pseudonymous_machine_id() -> str:
    return "m-" + _digest(machine_fingerprint())


def machine_fingerprint() -> str:
    for candidate in (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id")):
        try:
            return candidate.read_text().strip()
        except OSError:
            continue
    return platform.node()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]
