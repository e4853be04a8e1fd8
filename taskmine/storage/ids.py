"""Adapter (storage): opaque ids and the storage clock.

Ids carry a short prefix naming what they identify (``prj_``, ``job_``), so a pasted id tells a
reader what it is; the rest is random, so ids cannot be guessed or enumerated.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime


def new_id(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex}"


def utc_now() -> datetime:
    return datetime.now(UTC)
