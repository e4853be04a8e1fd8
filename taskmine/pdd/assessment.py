"""PDD stage, judgement sections: automation assessment, risks, TO-BE and open questions.

Pure functions of a ``Candidate`` and the already drafted sections. Guarantees: scores and ROI
are copied from the candidate unchanged; the recommendation follows fixed, documented thresholds
(``RECOMMEND_POTENTIAL``, ``CONSIDER_POTENTIAL``, ``RECOMMEND_PAYBACK_MONTHS``); every risk and
every question carries evidence.
"""

from __future__ import annotations

from collections.abc import Sequence

from taskmine.domain.events import EventKind
from taskmine.domain.results import Candidate
from taskmine.pdd.model import (
    Application,
    AsIsStep,
    AutomationAssessment,
    Claim,
    DataField,
    DataHandling,
    OpenQuestion,
    ProcessException,
    ProcessMap,
    Refs,
    Roi,
    Scores,
    VariantSummary,
)
from taskmine.pdd.steps import OPTIONAL_BELOW, step_refs

RECOMMEND_POTENTIAL = 0.7
CONSIDER_POTENTIAL = 0.45
RECOMMEND_PAYBACK_MONTHS = 12.0
LOW_VOLUME_HOURS = 2.0
_PII_MARKERS = (
    "[EMAIL]",
    "[IBAN]",
    "[CARD]",
    "[PHONE]",
    "[NATIONAL_ID]",
    "[PERSON]",
    "[ADDRESS]",
)


def build_assessment(
    candidate: Candidate,
    *,
    steps: Sequence[AsIsStep],
    variants: Sequence[VariantSummary],
    outputs: Sequence[DataField],
) -> AutomationAssessment:
    scores, roi = candidate.scores, candidate.roi
    main_share = variants[0].share if variants else 1.0
    all_refs = step_refs(candidate, range(len(candidate.steps)))
    unknown = [f for f in outputs if f.handling is DataHandling.TYPED]
    known = len(outputs) - len(unknown)
    rationale = (
        Claim(
            text=f"{main_share:.0%} of the {candidate.frequency} observed cases follow the main "
            f"path (standardization {scores.standardization:.2f}).",
            refs=variants[0].refs if variants else all_refs,
        ),
        Claim(
            text=f"{known} of {len(outputs)} data entries have a source visible in the recording "
            f"(rule-based score {scores.rule_based:.2f}).",
            refs=_refs_of(candidate, outputs) if outputs else all_refs,
        ),
        Claim(
            text=f"About {roi.hours_per_month:.1f} working hours a month go into this routine; "
            f"a bot would save about {roi.fte:.3f} FTE.",
            refs=all_refs,
        ),
    )
    human = tuple(
        s.number for s in steps if s.step_index in {r for f in unknown for r in f.refs.steps}
    )
    bot = tuple(s.number for s in steps if s.number not in human)
    return AutomationAssessment(
        recommendation=_recommend(scores.automation_potential, roi.payback_months),
        scores=Scores(**scores.model_dump()),
        roi=Roi(**roi.model_dump()),
        rationale=rationale,
        risks=tuple(_risks(candidate, steps=steps, variants=variants, unknown=unknown)),
        to_be=Claim(text=_to_be_text(candidate, bot=bot, human=human), refs=all_refs),
        bot_steps=bot,
        human_steps=human,
    )


def build_open_questions(
    candidate: Candidate,
    *,
    steps: Sequence[AsIsStep],
    applications: Sequence[Application],
    process_map: ProcessMap,
    exceptions: Sequence[ProcessException],
    outputs: Sequence[DataField],
    per_month: float | None,
) -> tuple[OpenQuestion, ...]:
    questions = [
        OpenQuestion(
            section="overview",
            text="What starts a case (an e-mail, a work queue, a schedule, a phone call)? The "
            "recording shows only the first action.",
            refs=step_refs(candidate, [0]) if candidate.steps else step_refs(candidate, []),
        ),
        OpenQuestion(
            section="overview",
            text="Who owns this process, which department runs it, and who can answer "
            "questions about it?",
        ),
    ]
    if per_month is not None:
        questions.append(
            OpenQuestion(
                section="metrics",
                text=f"Is about {per_month:.0f} cases a month typical? Are there peaks "
                "(month end, season)?",
                refs=step_refs(candidate, [0]) if candidate.steps else step_refs(candidate, []),
            )
        )
    for field in outputs:
        if field.handling is DataHandling.TYPED:
            questions.append(
                OpenQuestion(
                    section="input_data",
                    text=f"Where does the value typed into “{field.name}” "
                    f"(step {field.refs.steps[-1] + 1}) come from?",
                    refs=field.refs,
                )
            )
        elif field.handling is DataHandling.DERIVED:
            questions.append(
                OpenQuestion(
                    section="input_data",
                    text=f"How is “{field.name}” derived ({field.source})? Please state the rule.",
                    refs=field.refs,
                )
            )
    for step in steps:
        if step.support < OPTIONAL_BELOW:
            questions.append(
                OpenQuestion(
                    section="steps",
                    text=f"When is step {step.number} ({step.action.lower()} {step.element or ''})"
                    f" done? It appears in {step.support:.0%} of cases.".replace(" )", ")"),
                    refs=step.refs,
                )
            )
    for claim in process_map.decision_points:
        questions.append(
            OpenQuestion(
                section="process_map", text=f"What decides this? {claim.text}", refs=claim.refs
            )
        )
    for exception in exceptions:
        questions.append(
            OpenQuestion(
                section="exceptions",
                text=f"How should {exception.id} be handled ({exception.description})?",
                refs=exception.refs,
            )
        )
    unknown_versions = [a.name for a in applications if a.version is None]
    if unknown_versions:
        questions.append(
            OpenQuestion(
                section="applications",
                text=f"Which versions of {', '.join(unknown_versions)} are in use?",
                refs=_merge_refs([a.refs.steps for a in applications], candidate),
            )
        )
    return tuple(questions)


def _recommend(potential: float, payback: float | None) -> str:
    if (
        potential >= RECOMMEND_POTENTIAL
        and payback is not None
        and payback <= RECOMMEND_PAYBACK_MONTHS
    ):
        return "Recommended for automation."
    if potential >= CONSIDER_POTENTIAL:
        return "Candidate for automation once the risks below are addressed."
    return "Not recommended as it stands: too variable or too little volume."


def _risks(
    candidate: Candidate,
    *,
    steps: Sequence[AsIsStep],
    variants: Sequence[VariantSummary],
    unknown: Sequence[DataField],
) -> list[Claim]:
    risks: list[Claim] = []
    if len(variants) > 1 and candidate.scores.standardization < 0.8:
        risks.append(
            Claim(
                text=f"The process varies: {len(variants)} paths listed, the main one covers "
                f"{variants[0].share:.0%} of cases. Each other path needs a rule or a hand-off.",
                refs=step_refs(candidate, [i for v in variants[1:] for i in v.refs.steps]),
            )
        )
    for field in unknown:
        risks.append(
            Claim(
                text=f"“{field.name}” is typed with no visible source; a bot needs that data "
                "from a system or a person.",
                refs=field.refs,
            )
        )
    unstable = [
        i
        for i, s in enumerate(candidate.steps)
        if not s.automation_id and not s.name and s.kind not in {EventKind.NAVIGATE, EventKind.KEY}
    ]
    if unstable:
        risks.append(
            Claim(
                text=f"{len(unstable)} steps act on elements without a name or id; their selectors "
                "will be fragile.",
                refs=step_refs(candidate, unstable),
            )
        )
    personal = [s.step_index for s in steps if any(m in (s.input_data or "") for m in _PII_MARKERS)]
    personal += [s.step_index for s in steps if any(m in (s.screen or "") for m in _PII_MARKERS)]
    if personal:
        risks.append(
            Claim(
                text="The routine handles personal data (redacted in this document); the bot's "
                "data handling needs a data-protection review.",
                refs=step_refs(candidate, personal),
            )
        )
    web = [i for i, s in enumerate(candidate.steps) if s.url]
    if web:
        risks.append(
            Claim(
                text="Web pages change layout without notice; web selectors need monitoring.",
                refs=step_refs(candidate, web[:1]),
            )
        )
    if candidate.roi.hours_per_month < LOW_VOLUME_HOURS:
        risks.append(
            Claim(
                text=f"Low volume ({candidate.roi.hours_per_month:.1f} h a month): the build may "
                "not pay back.",
                refs=step_refs(candidate, [0]) if candidate.steps else step_refs(candidate, []),
            )
        )
    return risks


def _to_be_text(candidate: Candidate, *, bot: Sequence[int], human: Sequence[int]) -> str:
    apps = sorted({s.app for s in candidate.steps})
    text = (
        f"An unattended bot performs steps {_ranges(bot)} in {', '.join(apps)}, following the "
        "main path and handing every exception to a person with the case data attached."
    )
    if human:
        text += (
            f" {'Step' if len(human) == 1 else 'Steps'} {_ranges(human)} "
            f"{'needs' if len(human) == 1 else 'need'} data the recording does not show: until a source is "
            "agreed, the bot runs attended and asks the user for it."
        )
    return text


def _ranges(numbers: Sequence[int]) -> str:
    if not numbers:
        return "none"
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(parts)


def _refs_of(candidate: Candidate, fields: Sequence[DataField]) -> Refs:
    return step_refs(candidate, [i for f in fields for i in f.refs.steps])


def _merge_refs(groups: Sequence[Sequence[int]], candidate: Candidate) -> Refs:
    return step_refs(candidate, [i for group in groups for i in group])
