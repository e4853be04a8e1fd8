"""REST service boundary: the port through which the API starts mining.

The composition root plugs in the Temporal implementation (a workflow per job); tests and the
embedded demo can use ``taskmine.api.inline_mining.InlineMiningLauncher``. Whatever the
implementation, it owns the job's life after ``launch`` returns: it moves the job row through
running -> completed | failed and saves the result with ``JobStore.save_result``.
"""

from __future__ import annotations

from typing import Protocol


class MiningLauncher(Protocol):
    async def launch(self, *, project_id: str, job_id: str) -> None:
        """Start mining ``project_id`` for the already created (queued) job ``job_id``."""
        ...
