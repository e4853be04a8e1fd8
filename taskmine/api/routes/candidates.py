"""REST service, export stage: one candidate as a file other tools open (``exporters.targets``).

``GET /v1/candidates/{candidate_id}/exports/{target}``: ``uipath`` (a Studio project zip,
``?profile=classic|modern``), ``power-automate`` (a zip of PAD subflows, or ``?form=text`` for
the Main subflow to paste), ``xes`` and ``ocel`` (the candidate's sessions as a process-mining
log), ``bpmn`` (the task map). Every download is recorded: who, which candidate, which target
and options, when, and the SHA-256 of what was sent.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, status
from fastapi.responses import Response

from exporters.power_automate import render_power_automate_flow
from exporters.targets import find_export_target
from exporters.uipath_project import render_uipath_project
from taskmine.api.authz import Action
from taskmine.api.candidate_refs import ResolvedCandidate, audit_candidate, require_candidate
from taskmine.api.deps import StoreDep
from taskmine.api.downloads import attachment_headers, candidate_file_stem
from taskmine.domain import Event
from taskmine.storage import SqlStore, chain_pages

router = APIRouter(prefix="/v1/candidates", tags=["exports"])

ExportableCandidate = Annotated[ResolvedCandidate, require_candidate(Action.EXPORT_CANDIDATE)]
# Only the process-mining logs carry events; the RPA skeletons and BPMN need the candidate only.
_NEEDS_EVENTS = frozenset({"xes", "ocel"})


class ExportTargetName(StrEnum):
    """The names of ``exporters.targets.EXPORT_TARGETS`` (a unit test keeps them equal)."""

    UIPATH = "uipath"
    POWER_AUTOMATE = "power-automate"
    XES = "xes"
    OCEL = "ocel"
    BPMN = "bpmn"


@router.get(
    "/{candidate_id}/exports/{target}",
    response_class=Response,
    responses={
        200: {
            "description": "The export as a download (Content-Disposition names the file). "
            "uipath, power-automate: application/zip (power-automate ?form=text: text/plain); "
            "xes, bpmn: application/xml; ocel: application/json (OCEL 2.0).",
            "content": {
                media: {"schema": {"type": "string", "format": "binary"}}
                for media in ("application/zip", "application/xml")
            }
            # OCEL 2.0 is a JSON document, not an opaque string (issue 9 fuzzing).
            | {"application/json": {"schema": {"type": "object", "description": "OCEL 2.0 log."}}}
            | {"text/plain": {"schema": {"type": "string"}}},
        },
        403: {"description": "Your role may not export (agent, workstation_user)."},
        404: {"description": "Candidate not found (or its project is not shared with you)."},
        422: {"description": "An option that does not apply to this target."},
    },
    summary="Export a candidate",
)
def export_candidate(
    candidate: ExportableCandidate,
    target: ExportTargetName,
    store: StoreDep,
    profile: Annotated[
        Literal["classic", "modern"] | None,
        Query(description="uipath only: classic (default) or modern activities."),
    ] = None,
    form: Annotated[
        Literal["zip", "text"] | None,
        Query(description="power-automate only: zip (default) or the Main subflow as text."),
    ] = None,
) -> Response:
    _check_options(target, profile=profile, form=form)
    content, media_type, suffix, options = _render(
        store, candidate, target, profile=profile, form=form
    )
    record = store.pdds.record_export(
        candidate.ref,
        artifact=target.value,
        options=options,
        media_type=media_type,
        content=content,
        actor=candidate.principal,
    )
    audit_candidate(
        store,
        candidate,
        action="candidate.exported",
        details={"artifact": target.value, "options": options, "sha256": record.sha256},
    )
    headers = {
        "X-Candidate-Id": candidate.api_id,
        **attachment_headers(f"{candidate_file_stem(candidate)}{_joined(suffix)}"),
    }
    return Response(content, media_type=media_type, headers=headers)


def _render(
    store: SqlStore,
    candidate: ResolvedCandidate,
    target: ExportTargetName,
    *,
    profile: str | None,
    form: str | None,
) -> tuple[bytes, str, str, dict[str, str]]:
    """(content, media type, file name suffix, the options as recorded)."""
    spec = find_export_target(target.value)
    if target is ExportTargetName.UIPATH:
        chosen = profile or "classic"
        content = render_uipath_project(candidate.candidate, profile=chosen)
        return content, spec.media_type, f"uipath-{chosen}.{spec.extension}", {"profile": chosen}
    if target is ExportTargetName.POWER_AUTOMATE and form == "text":
        text = render_power_automate_flow(candidate.candidate)
        return (
            text.encode("utf-8"),
            "text/plain; charset=utf-8",
            "power-automate.txt",
            {"form": "text"},
        )
    events = _load_events(store, candidate) if target.value in _NEEDS_EVENTS else []
    options = {"form": "zip"} if target is ExportTargetName.POWER_AUTOMATE else {}
    content = spec.render(candidate.candidate, events)
    same = spec.extension == target.value
    suffix = f".{spec.extension}" if same else f"{target.value}.{spec.extension}"
    return content, spec.media_type, suffix, options


def _load_events(store: SqlStore, candidate: ResolvedCandidate) -> list[Event]:
    """The events of every session the candidate occurred in (not the whole project)."""
    partitions = sorted({(o.user_id, o.session_id) for o in candidate.candidate.occurrences})
    events: list[Event] = []
    for partition in partitions:
        pages = store.events.iter_events(candidate.ref.project_id, partition=partition)
        events.extend(chain_pages(pages))
    return events


def _check_options(target: ExportTargetName, *, profile: str | None, form: str | None) -> None:
    if profile is not None and target is not ExportTargetName.UIPATH:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"profile applies to the uipath export only, not to {target.value}; drop it",
        )
    if form is not None and target is not ExportTargetName.POWER_AUTOMATE:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"form applies to the power-automate export only, not to {target.value}; drop it",
        )


def _joined(suffix: str) -> str:
    """``.xes`` stays an extension; ``uipath-classic.zip`` becomes ``_uipath-classic.zip``."""
    return suffix if suffix.startswith(".") else f"_{suffix}"
