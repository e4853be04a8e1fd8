"""REST service (FastAPI, ``/v1``): ingest, projects, mining jobs, candidates.

Build it with ``create_app(settings, store=..., launcher=...)``.
"""

from taskmine.api.app import create_app
from taskmine.api.inline_mining import InlineMiningLauncher
from taskmine.api.ports import MiningLauncher

__all__ = ["InlineMiningLauncher", "MiningLauncher", "create_app"]
