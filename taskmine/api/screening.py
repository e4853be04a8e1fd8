"""REST service, ingest stage (governance): which parsed events a project lets in.

After parsing and redaction, two checks run per event, in this order:
1. the project's event filters (``ProjectPolicy.event_filters``): a match is rejected with
   ``"filtered by project policy: ..."``, whoever uploads;
2. for a recorder (an ``agent`` token): consent. The event's user must be named by an approved
   data request of the project, have consented (not paused, not withdrawn), and the event must
   fall in the request's window and apps; otherwise it is rejected with the reason.
Uploads by analysts and up are imports of logs recorded elsewhere and skip the consent check
(docs/governance.md). Rejections keep the ingest contract: ``rejected[{index, error}]``.
"""

from __future__ import annotations

from dataclasses import replace

from taskmine.api.ingest import NDJSON_TYPES, ParsedBatch
from taskmine.domain import Event
from taskmine.governance import filter_reason, judge_recording
from taskmine.storage import Principal, Role, SqlStore


def screen_batch(
    batch: ParsedBatch,
    *,
    body: bytes,
    content_type: str,
    store: SqlStore,
    project_id: str,
    principal: Principal | None,
) -> ParsedBatch:
    """``batch`` without the events the project's policy or consent state turns away."""
    if not batch.events:
        return batch
    filters = store.governance.get_policy(project_id).event_filters
    requests = (
        store.governance.list_requests(project_id=project_id)
        if principal is not None and principal.role is Role.AGENT
        else None
    )
    if requests is None and not (
        filters.drop_apps or filters.drop_kinds or filters.drop_url_patterns
    ):
        return batch
    kept: list[Event] = []
    rejected = list(batch.rejected)
    for index, event in zip(event_positions(batch, body, content_type), batch.events, strict=True):
        reason = filter_reason(event, filters)
        if reason is None and requests is not None:
            reason = judge_recording(event, requests)
        if reason is None:
            kept.append(event)
        else:
            rejected.append((index, reason))
    rejected.sort()
    return replace(batch, events=kept, rejected=rejected)


def event_positions(batch: ParsedBatch, body: bytes, content_type: str) -> list[int]:
    """The upload index of each parsed event: every position not rejected, in order."""
    refused = {index for index, _ in batch.rejected}
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type in NDJSON_TYPES:
        positions = [n for n, line in enumerate(body.split(b"\n")) if line.strip()]
    else:
        positions = list(range(batch.total))
    return [position for position in positions if position not in refused]
