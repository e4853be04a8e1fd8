"""REST service, candidates: the globally addressable candidate id and its resolution.

A discovery result numbers its candidates per result (``"c1"``, ``"c2"``, ...), and the result
document stays exactly as mined. The API addresses one candidate of one stored result as
``{project_id}:{result_version}:{candidate_key}`` (``prj_...:3:c1``); ``latest`` may stand for
the version (``prj_...:latest:c1``) and is resolved on each request, answers naming the
concrete id in ``X-Candidate-Id``. ``GET /v1/projects/{project_id}/candidates`` already answers
the version in ``X-Result-Version``, so a client composes the id without a second call.

Resolution checks visibility first (a project the caller cannot see answers 404, exactly like a
missing one), then the role (403), then that the result version and the candidate exist (404).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NoReturn

from fastapi import Depends, HTTPException, Path, status

from taskmine.api.authz import Action, authorize
from taskmine.api.deps import PrincipalDep, StoreDep
from taskmine.domain import Candidate
from taskmine.storage import CandidateRef, Principal, Project, SqlStore, StoredResult
from taskmine.storage.sql_audit import record_audit

LATEST = "latest"
ID_FORMAT = "{project_id}:{result_version}:{candidate_key}"
CANDIDATE_ID_DOC = (
    "`{project_id}:{result_version}:{candidate_key}`, e.g. `prj_...:3:c1` (the key is the "
    "candidate's `id` in that result; `X-Result-Version` of GET .../candidates gives the "
    "version); `latest` may stand for the version."
)
_KEY = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


@dataclass(frozen=True, slots=True)
class ResolvedCandidate:
    """A candidate the caller may act on, with the stored result it belongs to."""

    ref: CandidateRef
    project: Project
    result: StoredResult
    candidate: Candidate
    principal: Principal

    @property
    def api_id(self) -> str:
        return format_candidate_id(self.ref)


def format_candidate_id(ref: CandidateRef) -> str:
    return f"{ref.project_id}:{ref.result_version}:{ref.candidate_key}"


def parse_candidate_id(candidate_id: str) -> tuple[str, int | None, str] | None:
    """``(project_id, result_version or None for latest, key)``, or None if malformed."""
    parts = candidate_id.split(":")
    if len(parts) != 3:
        return None
    project_id, version, key = parts
    if not project_id or not _KEY.match(key):
        return None
    if version == LATEST:
        return project_id, None, key
    if not version.isdigit() or int(version) < 1:
        return None
    return project_id, int(version), key


def require_candidate(action: Action) -> Any:
    """A dependency giving the ``ResolvedCandidate`` of ``{candidate_id}`` for ``action``."""

    def resolve(
        principal: PrincipalDep,
        store: StoreDep,
        candidate_id: str = Path(description=CANDIDATE_ID_DOC),
    ) -> ResolvedCandidate:
        parsed = parse_candidate_id(candidate_id)
        if parsed is None:
            raise HTTPException(
                status.HTTP_404_NOT_FOUND,
                f"candidate {candidate_id!r} not found: a candidate id looks like {ID_FORMAT} "
                "(e.g. prj_...:1:c1)",
            )
        project_id, version, key = parsed
        project = store.projects.find_visible_project(project_id, user_id=principal.user_id)
        if project is None:
            _raise_not_found(candidate_id)
        authorize(principal, action, project=project)
        result = (
            store.jobs.get_latest_result(project.id)
            if version is None
            else store.pdds.get_result_version(project.id, version)
        )
        found = None if result is None else _find_candidate(result.result, key)
        if result is None or found is None:
            raise HTTPException(
                status.HTTP_404_NOT_FOUND,
                f"candidate {candidate_id!r} not found: project {project.id!r} has no such result "
                f"version or candidate; GET /v1/projects/{project.id}/candidates lists the latest",
            )
        ref = CandidateRef(project.id, result.version, key)
        return ResolvedCandidate(ref, project, result, found, principal)

    return Depends(resolve)


def audit_candidate(
    store: SqlStore, target: ResolvedCandidate, *, action: str, details: dict[str, Any]
) -> None:
    """One row of the governance audit log about this candidate (exports, PDD review)."""
    record_audit(
        store,
        actor=target.principal,
        action=action,
        project_id=target.ref.project_id,
        target_type="candidate",
        target_id=target.api_id,
        details=details,
    )


def _find_candidate(result: dict[str, Any], key: str) -> Candidate | None:
    for candidate in result.get("candidates") or ():
        if isinstance(candidate, dict) and candidate.get("id") == key:
            return Candidate.model_validate(candidate)
    return None


def _raise_not_found(candidate_id: str) -> NoReturn:
    # The same words whether the project is foreign or missing, so ids cannot be probed.
    raise HTTPException(
        status.HTTP_404_NOT_FOUND,
        f"candidate {candidate_id!r} not found (or its project is not shared with you); "
        "GET /v1/projects lists the projects you can use",
    )
