"""Stand-ins shared by the API tests, for what cannot or need not run in them."""

from __future__ import annotations


class IdleLauncher:
    """Accepts mining jobs and runs none: for tests about who may start a job, or about the
    API itself, not about mining."""

    async def launch(self, *, project_id: str, job_id: str) -> None:
        return None
