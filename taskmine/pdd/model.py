"""PDD stage, the document model: a Process Design Document, schema ``taskmine.pdd/v1``.

Sections follow the UiPath and Blue Prism PDD templates: document control, process overview,
applications, the AS-IS step table, the process map, variants and exceptions, input / output
data, metrics, the automation assessment and open questions for the business owner.

Guarantees: every model is frozen and rejects unknown fields; timestamps carry a time zone;
every step and every claim carries ``refs`` (candidate step indices and recorded event ids), so a
reader can trace any sentence back to the recording. The process-map image is not stored here:
``ProcessMap.image_file`` names it and ``taskmine.pdd.render_process_map`` produces its bytes.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from taskmine.domain.events import UtcTimestamp

PDD_SCHEMA = "taskmine.pdd/v1"
TO_CONFIRM = "[to be confirmed by the business owner]"

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class PddStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"


class DraftMethod(StrEnum):
    DETERMINISTIC = "deterministic"
    LLM = "llm"


class Refs(BaseModel):
    """Evidence for a step or a claim: candidate step indices (0-based) and event ids."""

    model_config = _FROZEN
    steps: tuple[int, ...] = ()
    event_ids: tuple[str, ...] = ()


class Claim(BaseModel):
    """One sentence of the document with the evidence behind it."""

    model_config = _FROZEN
    text: str
    refs: Refs = Refs()


# -- document control ---------------------------------------------------------------------------


class Revision(BaseModel):
    """One row of the version history: what changed, who changed it, when."""

    model_config = _FROZEN
    version: int = Field(ge=1)
    at: UtcTimestamp
    by: str
    change: str


class Approval(BaseModel):
    model_config = _FROZEN
    approver: str
    role: str
    at: UtcTimestamp
    version: int = Field(ge=1, description="The document version that was approved.")
    note: str | None = None


class CommentKind(StrEnum):
    COMMENT = "comment"
    CHANGE_REQUEST = "change_request"


class Comment(BaseModel):
    model_config = _FROZEN
    id: str
    section: str
    author: str
    at: UtcTimestamp
    text: str
    kind: CommentKind = CommentKind.COMMENT
    version: int = Field(ge=1, description="The document version the comment was made on.")
    resolved: bool = False


class DraftingInfo(BaseModel):
    """How the prose was written; a fallback from the LLM is recorded here with its reason."""

    model_config = _FROZEN
    method: DraftMethod = DraftMethod.DETERMINISTIC
    model: str | None = None
    attempts: int = 0
    prompt_tokens_estimate: int | None = None
    fallback_reason: str | None = None
    notes: tuple[str, ...] = ()


class DocumentControl(BaseModel):
    model_config = _FROZEN
    document_id: str
    version: int = Field(default=1, ge=1)
    status: PddStatus = PddStatus.DRAFT
    author: str
    created_at: UtcTimestamp
    updated_at: UtcTimestamp
    candidate_id: str
    source_events: int | None = Field(default=None, description="Events in the mined log.")
    revisions: tuple[Revision, ...] = ()
    approvals: tuple[Approval, ...] = ()
    comments: tuple[Comment, ...] = ()
    drafting: DraftingInfo = DraftingInfo()


# -- process overview ---------------------------------------------------------------------------


class Volumes(BaseModel):
    model_config = _FROZEN
    occurrences_observed: int
    observation_start: UtcTimestamp | None = None
    observation_end: UtcTimestamp | None = None
    observed_days: int | None = None
    per_day: float | None = None
    per_month: float | None = None
    users: int
    mean_handling_time_s: float
    p50_handling_time_s: float | None = None
    p90_handling_time_s: float | None = None


class ProcessOverview(BaseModel):
    model_config = _FROZEN
    name: str
    purpose: Claim
    department: str = TO_CONFIRM
    process_owner: str = TO_CONFIRM
    subject_matter_expert: str = TO_CONFIRM
    trigger: Claim
    in_scope: tuple[Claim, ...] = ()
    out_of_scope: tuple[Claim, ...] = ()
    volumes: Volumes


class Application(BaseModel):
    model_config = _FROZEN
    name: str
    version: str | None = Field(default=None, description="None when the recording did not say.")
    interface: str = Field(description="desktop or web")
    screens: tuple[str, ...] = ()
    time_share: float | None = Field(default=None, description="Share of active time, 0..1.")
    refs: Refs


# -- AS-IS steps, map, variants -----------------------------------------------------------------


class AsIsStep(BaseModel):
    model_config = _FROZEN
    number: int = Field(ge=1)
    step_index: int = Field(ge=0, description="Index into Candidate.steps.")
    app: str
    screen: str | None = None
    action: str
    element: str | None = None
    input_data: str | None = None
    input_source: str | None = None
    business_rule: str | None = None
    description: str
    support: float = Field(ge=0, le=1, description="Share of cases that perform this step.")
    refs: Refs


class Transition(BaseModel):
    model_config = _FROZEN
    source: str
    target: str
    count: int


class ProcessMap(BaseModel):
    model_config = _FROZEN
    image_file: str = "process-map.png"
    media_type: str = "image/png"
    caption: str
    transitions: tuple[Transition, ...] = ()
    decision_points: tuple[Claim, ...] = ()


class VariantSummary(BaseModel):
    model_config = _FROZEN
    number: int = Field(ge=1)
    steps: tuple[int, ...] = Field(description="AS-IS step numbers (1-based), in order.")
    count: int
    share: float
    is_main: bool
    description: str
    refs: Refs


class ProcessException(BaseModel):
    model_config = _FROZEN
    id: str
    kind: str = Field(description="optional_step, skipped_steps, reordered, incomplete")
    description: str
    cases: int
    handling: str = TO_CONFIRM
    refs: Refs


# -- data, metrics, assessment ------------------------------------------------------------------


class DataHandling(StrEnum):
    COPIED = "copied"
    TYPED = "typed"
    DERIVED = "derived"
    CONSTANT = "constant"
    READ = "read"
    SELECTED = "selected"


class DataField(BaseModel):
    model_config = _FROZEN
    name: str
    app: str
    handling: DataHandling
    source: str | None = Field(default=None, description="Where the value comes from, in words.")
    example: str | None = Field(default=None, description="A redacted example value.")
    refs: Refs


class Metrics(BaseModel):
    """Figures copied from the mined candidate; never written by a language model."""

    model_config = _FROZEN
    frequency: int
    per_month: float | None = None
    users: int
    mean_handling_time_s: float
    p50_handling_time_s: float | None = None
    p90_handling_time_s: float | None = None
    active_time_s: float | None = None
    idle_time_s: float | None = None
    hours_per_month: float
    fte: float
    app_switches_per_case: float | None = None
    data_entry_share: float | None = None
    variants_total: int
    steps: int


class Scores(BaseModel):
    model_config = _FROZEN
    automation_potential: float
    standardization: float
    rule_based: float
    volume: float
    duration: float


class Roi(BaseModel):
    model_config = _FROZEN
    hours_per_month: float
    fte: float
    build_days: float
    payback_months: float | None


class AutomationAssessment(BaseModel):
    model_config = _FROZEN
    recommendation: str
    scores: Scores
    roi: Roi
    rationale: tuple[Claim, ...] = ()
    risks: tuple[Claim, ...] = ()
    to_be: Claim
    bot_steps: tuple[int, ...] = Field(default=(), description="Step numbers a bot would do.")
    human_steps: tuple[int, ...] = Field(default=(), description="Step numbers left to people.")


class OpenQuestion(BaseModel):
    model_config = _FROZEN
    section: str
    text: str
    refs: Refs = Refs()


class Pdd(BaseModel):
    """A Process Design Document drafted from one mined candidate."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", populate_by_name=True, title="taskmine.pdd/v1"
    )
    schema_: str = Field(default=PDD_SCHEMA, alias="schema")
    document_control: DocumentControl
    overview: ProcessOverview
    applications: tuple[Application, ...]
    steps: tuple[AsIsStep, ...]
    process_map: ProcessMap
    variants: tuple[VariantSummary, ...]
    exceptions: tuple[ProcessException, ...]
    input_data: tuple[DataField, ...]
    output_data: tuple[DataField, ...]
    metrics: Metrics
    assessment: AutomationAssessment
    open_questions: tuple[OpenQuestion, ...]

    def to_json_dict(self) -> dict[str, object]:
        return self.model_dump(mode="json", by_alias=True)


SECTIONS: tuple[str, ...] = (
    "document_control",
    "overview",
    "applications",
    "steps",
    "process_map",
    "variants",
    "exceptions",
    "input_data",
    "output_data",
    "metrics",
    "assessment",
    "open_questions",
)


def is_timezone_aware(moment: datetime) -> bool:
    return moment.tzinfo is not None and moment.utcoffset() is not None
