"""REST service: request and response bodies, one public/create pair per resource.

Bodies are frozen pydantic models that refuse unknown fields, so a typo in a client is an error
it can see rather than a setting silently ignored. Project settings reuse discovery's own
parameter models, so the API documents (and checks) exactly what mining will accept.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from discovery.parameters import DiscoveryParameters, RoiParameters
from taskmine.pdd.model import SECTIONS
from taskmine.storage import JobStatus, Role

_BODY = ConfigDict(frozen=True, extra="forbid")
MAX_JSON_INT = 2**53 - 1  # exact in every JSON parser, and in a 64-bit column


class ProjectSettings(BaseModel):
    """ROI parameters (per project) and optional overrides of the mining thresholds."""

    model_config = _BODY
    roi: RoiParameters = Field(default_factory=RoiParameters)
    discovery: dict[str, Any] = Field(
        default_factory=dict,
        description="Overrides of discovery thresholds (see DiscoveryParameters); empty = defaults.",
        json_schema_extra=lambda schema: _document_discovery_overrides(schema),
    )

    @field_validator("roi", mode="before")
    @classmethod
    def _check_roi_strictly(cls, roi: Any) -> Any:
        # Numbers must be JSON numbers: lax parsing would take false as 0.0 and "45" as 45.0,
        # which the documented schema (and so every client) says is an error (issue 9 fuzzing).
        if isinstance(roi, dict):
            return RoiParameters.model_validate(roi, strict=True)
        return roi

    @field_validator("discovery")
    @classmethod
    def _check_discovery_overrides(cls, overrides: dict[str, Any]) -> dict[str, Any]:
        if "roi" in overrides:
            raise ValueError("put ROI parameters under settings.roi, not settings.discovery.roi")
        for name, value in overrides.items():
            # Lax parsing would take true as 1 and "3" as 3; the schema says numbers (issue 9).
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"settings.discovery.{name} must be a number, not {value!r}")
            if name in _INTEGER_OVERRIDES and abs(value) > MAX_JSON_INT:  # 3.0 counts as 3
                raise ValueError(f"settings.discovery.{name} must be within ±{MAX_JSON_INT}")
        DiscoveryParameters.model_validate(overrides)
        return overrides


_INTEGER_OVERRIDES = frozenset(
    name for name, field in DiscoveryParameters.model_fields.items() if field.annotation is int
)


def _document_discovery_overrides(schema: dict[str, Any]) -> None:
    """The overrides are DiscoveryParameters' own fields (all optional, roi excluded), no more."""
    fields = DiscoveryParameters.model_json_schema()["properties"]
    schema["properties"] = {name: spec for name, spec in fields.items() if name != "roi"}
    schema["additionalProperties"] = False
    for spec in schema["properties"].values():
        if spec.get("type") == "integer":  # the database's JSON holds 64-bit integers at most
            spec.setdefault("maximum", MAX_JSON_INT)
            if "minimum" not in spec and "exclusiveMinimum" not in spec:
                spec["minimum"] = -MAX_JSON_INT


class ProjectCreate(BaseModel):
    model_config = _BODY
    name: str = Field(min_length=1, max_length=200)
    settings: ProjectSettings = Field(default_factory=ProjectSettings)


class ProjectPublic(BaseModel):
    model_config = _BODY
    id: str
    name: str
    owner_id: str
    settings: dict[str, Any]
    created_at: datetime


class ShareCreate(BaseModel):
    model_config = _BODY
    user: str = Field(min_length=1, max_length=200, description="Name (or id) of the user.")


class SharesPublic(BaseModel):
    model_config = _BODY
    project_id: str
    users: list[str] = Field(description="Names of the users the project is shared with.")


class RejectedEvent(BaseModel):
    model_config = _BODY
    index: int = Field(description="0-based position in the JSON array, or line in the NDJSON.")
    error: str


class IngestResult(BaseModel):
    model_config = _BODY
    accepted: int = Field(description="Events stored by this request.")
    duplicates: int = Field(description="Events whose event_id the project already had.")
    rejected: list[RejectedEvent] = Field(description="Events that were not valid, and why.")


class MiningJobCreated(BaseModel):
    model_config = _BODY
    job_id: str


class MiningJobPublic(BaseModel):
    model_config = _BODY
    job_id: str
    project_id: str
    status: JobStatus
    progress: float = Field(ge=0, le=1)
    stage: str | None
    counts: dict[str, Any]
    error: str | None
    created_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None


MAX_TOKEN_TTL_DAYS = 36_500


class TokenCreate(BaseModel):
    model_config = _BODY
    user: str = Field(min_length=1, max_length=200, description="User name; created if new.")
    role: Role
    ttl_days: float | None = Field(
        default=None,
        ge=0,
        le=MAX_TOKEN_TTL_DAYS,
        strict=True,  # a number, not true or "7"
        description="Days until the token expires; 0 = never; omitted = TASKMINE_TOKEN_TTL_DAYS.",
    )

    @field_validator("user")
    @classmethod
    def _check_user_name(cls, user: str) -> str:
        # The store strips names; one of only whitespace (or "\x1c") would be empty (issue 9).
        if not user.strip():
            raise ValueError("a user name must not be empty or only whitespace")
        return user


class TokenCreated(BaseModel):
    model_config = _BODY
    token: str = Field(description="The bearer token. Shown once: only its hash is stored.")
    token_id: str
    user_id: str
    user: str
    role: Role
    expires_at: datetime | None = Field(default=None, description="None = never expires.")


class TokenPublic(BaseModel):
    """A token as an admin sees it in listings: never its plaintext, never its hash."""

    model_config = _BODY
    token_id: str
    user_id: str
    user: str
    role: Role
    created_at: datetime
    expires_at: datetime | None = Field(description="None = never expires.")
    revoked_at: datetime | None


class Me(BaseModel):
    model_config = _BODY
    user_id: str
    user: str
    role: Role


class Health(BaseModel):
    model_config = _BODY
    status: str
    database: str


# --- PDD review (issue 6) -----------------------------------------------------------------------

_SECTION_DOC = "A PDD section: " + ", ".join(SECTIONS) + "."


# Document versions count edits; the bound keeps a fuzzed 10^35 from reaching SQL (64-bit ints).
MAX_DOCUMENT_VERSION = 2**31 - 1


class _PddAction(BaseModel):
    model_config = _BODY
    expected_version: int | None = Field(
        default=None,
        ge=1,
        le=MAX_DOCUMENT_VERSION,
        description="The PDD version you read; 409 if the document has moved on since.",
    )


class _SectionAction(_PddAction):
    section: str = Field(description=_SECTION_DOC, json_schema_extra={"enum": list(SECTIONS)})

    @field_validator("section")
    @classmethod
    def _check_section(cls, section: str) -> str:
        if section not in SECTIONS:
            raise ValueError(f"unknown section {section!r}; use one of: {', '.join(SECTIONS)}")
        return section


class PddCommentCreate(_SectionAction):
    text: str = Field(min_length=1, max_length=4_000)


class PddChangeRequestCreate(_SectionAction):
    reason: str = Field(min_length=1, max_length=4_000, description="What must change.")


class PddApprovalCreate(_PddAction):
    note: str | None = Field(default=None, max_length=4_000)


class PddReopenCreate(_PddAction):
    reason: str = Field(min_length=1, max_length=4_000)


class PddSubmitCreate(_PddAction):
    pass


class PddResolveCreate(_PddAction):
    pass


class PddCommentPublic(BaseModel):
    model_config = _BODY
    id: str
    section: str
    author: str
    at: datetime
    text: str
    kind: str = Field(description="comment or change_request")
    version: int = Field(description="The PDD version the comment was made on.")
    resolved: bool


class PddApprovalPublic(BaseModel):
    model_config = _BODY
    approver: str = Field(description="Name of the user who approved.")
    role: str
    at: datetime
    version: int = Field(description="The PDD version that was approved.")
    note: str | None


class PddVersionPublic(BaseModel):
    model_config = _BODY
    version: int
    status: str = Field(description="draft, in_review or approved")
    action: str = Field(description="What made this version: drafted, comment, submit, ...")
    by: str = Field(description="Name of the user whose request made this version.")
    role: str
    at: datetime


class PddReviewState(BaseModel):
    """Where a candidate's PDD stands after a review action (or on GET .../pdd/versions)."""

    model_config = _BODY
    candidate_id: str
    document_id: str
    version: int
    status: str = Field(description="draft, in_review or approved")
    comments: list[PddCommentPublic]
    approvals: list[PddApprovalPublic]
    versions: list[PddVersionPublic] = Field(description="Every stored version, oldest first.")
