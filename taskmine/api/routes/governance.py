"""REST service, governance: data requests, approval, consent, policies, retention, audit.

One router for the app, put together from one module per resource: ``governance_requests``
(data requests, decisions, consent, the recorder's permission), ``governance_policy`` (project
policies, retention) and ``governance_audit`` (the audit log). They are included in the order
they were written in when they were one module, so a request is matched as it was then.
"""

from __future__ import annotations

from fastapi import APIRouter

from taskmine.api.routes import governance_audit, governance_policy, governance_requests

router = APIRouter()
router.include_router(governance_requests.router)
router.include_router(governance_policy.router)
router.include_router(governance_audit.router)
