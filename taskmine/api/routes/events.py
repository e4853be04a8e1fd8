"""REST service, ingest stage: ``POST /v1/projects/{project_id}/events:batch``.

The body is read with its size capped, gunzipped with a cap, parsed and validated per event
(``taskmine.api.ingest``) and stored idempotently on ``event_id``. Parsing, validation and the
insert run in a worker thread, so a large batch never stalls the event loop.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Request, status
from starlette.concurrency import run_in_threadpool

from taskmine.api.authz import Action
from taskmine.api.deps import PrincipalDep, SettingsDep, StoreDep, require_project
from taskmine.api.ingest import parse_batch
from taskmine.api.limits import inflate_gzip, read_body
from taskmine.api.models import IngestResult, RejectedEvent
from taskmine.api.screening import screen_batch
from taskmine.storage import Principal, Project, SqlStore

router = APIRouter(prefix="/v1/projects", tags=["events"])

IngestableProject = Annotated[Project, require_project(Action.INGEST_EVENTS)]

BATCH_BODY_DOC = {
    "requestBody": {
        "required": True,
        "description": (
            "Canonical events (taskmine.event/v1): a JSON array, or NDJSON (one event per line) "
            "with Content-Type: application/x-ndjson. Content-Encoding: gzip is accepted. "
            "Limits: TASKMINE_MAX_BATCH_EVENTS events (default 5000) and "
            "TASKMINE_MAX_BODY_BYTES bytes (default 16 MiB) as sent and after decoding; "
            "beyond either the answer is 413."
        ),
        "content": {
            "application/json": {
                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}
            },
            "application/x-ndjson": {"schema": {"type": "string"}},
        },
    }
}


@router.post(
    "/{project_id}/events:batch",
    response_model=IngestResult,
    openapi_extra=BATCH_BODY_DOC,
    responses={
        400: {"description": "The body's top level is not parseable JSON / gzip."},
        413: {"description": "Too many events or too many bytes in one request."},
        415: {"description": "Unsupported Content-Type or Content-Encoding."},
    },
)
async def ingest_events(
    request: Request,
    project: IngestableProject,
    store: StoreDep,
    settings: SettingsDep,
    principal: PrincipalDep,
) -> IngestResult:
    body = await read_body(request, limit=settings.max_body_bytes)
    return await run_in_threadpool(
        store_batch,
        body,
        store=store,
        project_id=project.id,
        content_type=request.headers.get("content-type", ""),
        content_encoding=request.headers.get("content-encoding", ""),
        max_events=settings.max_batch_events,
        max_bytes=settings.max_body_bytes,
        principal=principal,
    )


def store_batch(
    body: bytes,
    *,
    store: SqlStore,
    project_id: str,
    content_type: str,
    content_encoding: str,
    max_events: int,
    max_bytes: int,
    principal: Principal | None = None,
) -> IngestResult:
    encoding = content_encoding.strip().lower()
    if encoding in ("gzip", "x-gzip"):
        body = inflate_gzip(body, limit=max_bytes)
    elif encoding not in ("", "identity"):
        raise HTTPException(
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
            f"Content-Encoding {content_encoding!r} is not supported; use gzip or none",
        )
    batch = parse_batch(body, content_type=content_type, max_events=max_events)
    # Governance (docs/governance.md): project filters, then consent for recorder uploads.
    batch = screen_batch(
        batch,
        body=body,
        content_type=content_type,
        store=store,
        project_id=project_id,
        principal=principal,
    )
    outcome = store.events.add_events(project_id, batch.events)
    return IngestResult(
        accepted=outcome.accepted,
        duplicates=outcome.duplicates,
        rejected=[RejectedEvent(index=index, error=reason) for index, reason in batch.rejected],
    )
