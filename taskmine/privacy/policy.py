"""Privacy, stage 0: the policy that says what may be captured and how it is cleaned.

One frozen model shared by the recorder (applied before anything is written), the server
(applied again on ingest) and PDD drafting. App and URL lists use shell globs, compared without
case, so ``chrome*`` or ``*.bank.example`` read the way people write them.
"""

from __future__ import annotations

import re
from enum import StrEnum
from fnmatch import fnmatchcase
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from taskmine.privacy.detectors import BUILTIN_DETECTORS


class CaptureLevel(StrEnum):
    """How much of what a user typed, selected or copied is kept for one app."""

    STRUCTURE = "structure"  # element roles and names only, never a value
    MASKED = "masked"  # the value's shape (Xxxx 99) but none of its characters
    FULL = "full"  # the value, after redaction of personal data


class CustomPattern(BaseModel):
    """An organisation's own sensitive pattern (customer numbers, case ids...)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str = Field(min_length=1)
    regex: str = Field(min_length=1)
    label: str = "REDACTED"

    @field_validator("regex")
    @classmethod
    def _check_regex(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as error:
            raise ValueError(
                f"pattern {value!r} is not a valid regular expression: {error}"
            ) from None
        return value


class PrivacyPolicy(BaseModel):
    """What the recorder may capture, and how every stored string is cleaned."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    detectors: tuple[str, ...] = tuple(BUILTIN_DETECTORS)
    patterns: tuple[CustomPattern, ...] = ()
    allow_apps: tuple[str, ...] = ()  # empty: every app not denied
    deny_apps: tuple[str, ...] = ()
    allow_urls: tuple[str, ...] = ()  # empty: every URL not denied
    deny_urls: tuple[str, ...] = ()
    default_capture: CaptureLevel = CaptureLevel.MASKED
    capture: dict[str, CaptureLevel] = Field(default_factory=dict)  # app glob -> level
    drop_url_query: bool = False

    @field_validator("detectors")
    @classmethod
    def _check_detectors(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(value) - set(BUILTIN_DETECTORS))
        if unknown:
            known = ", ".join(BUILTIN_DETECTORS)
            raise ValueError(f"unknown detector(s) {unknown}; choose from: {known}")
        return value

    def capture_level_for(self, app: str) -> CaptureLevel:
        """The capture level of ``app``: the first matching glob in ``capture``, else the default."""
        for pattern, level in self.capture.items():
            if _glob_match(app, pattern):
                return level
        return self.default_capture

    def is_app_allowed(self, app: str) -> bool:
        """False when ``app`` is denied or an allow list exists and does not name it."""
        if any(_glob_match(app, pattern) for pattern in self.deny_apps):
            return False
        return not self.allow_apps or any(_glob_match(app, p) for p in self.allow_apps)

    def is_url_allowed(self, url: str | None) -> bool:
        """URL lists match the whole URL or its host (``*.bank.example``)."""
        if not url:
            return True
        host = urlsplit(url).hostname or ""

        def hit(pattern: str) -> bool:
            return _glob_match(url, pattern) or _glob_match(host, pattern)

        if any(hit(pattern) for pattern in self.deny_urls):
            return False
        return not self.allow_urls or any(hit(pattern) for pattern in self.allow_urls)


def load_policy(data: dict[str, Any] | None) -> PrivacyPolicy:
    """Build a policy from a config table (the ``[privacy]`` table of the recorder's TOML)."""
    return PrivacyPolicy.model_validate(data or {})


DEFAULT_POLICY = PrivacyPolicy()


def _glob_match(text: str, pattern: str) -> bool:
    return fnmatchcase(text.casefold(), pattern.casefold())
