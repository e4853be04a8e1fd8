"""Exporters, PDD as Markdown: a ``Pdd`` -> one GitHub-flavoured Markdown document.

Pure (no I/O, no clock). Guarantees: every section of the model appears, in the template's
order; table cells escape ``|`` and line breaks so a value cannot break a table; every step row
and every claim shows its evidence (event ids) so a reader can trace it. The process map is
referenced as ``process-map.png`` (``Pdd.process_map.image_file``), written next to the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from taskmine.pdd.model import Claim, DataField, Pdd, Refs

EVIDENCE_IDS = 3


def render_pdd_markdown(pdd: Pdd) -> str:
    """The document as Markdown text (ends with a newline)."""
    control, overview, m = pdd.document_control, pdd.overview, pdd.metrics
    volumes = overview.volumes
    out: list[str] = [f"# Process Design Document: {_inline(overview.name)}", ""]
    out += ["## 1. Document control", ""]
    out += _table(
        ["Field", "Value"],
        [
            ["Document", control.document_id],
            ["Version", str(control.version)],
            ["Status", control.status.value],
            ["Author", control.author],
            ["Created", _date(control.created_at)],
            ["Last updated", _date(control.updated_at)],
            ["Candidate", control.candidate_id],
            ["Drafted by", _drafted_by(pdd)],
        ],
    )
    out += ["### Version history", ""]
    out += _table(
        ["Version", "Date", "By", "Change"],
        [[str(r.version), _date(r.at), r.by, r.change] for r in control.revisions],
    )
    out += ["### Approvals", ""]
    out += (
        _table(
            ["Approver", "Role", "Date", "Version", "Note"],
            [
                [a.approver, a.role, _date(a.at), str(a.version), a.note or ""]
                for a in control.approvals
            ],
        )
        if control.approvals
        else ["Not approved yet.", ""]
    )
    if control.comments:
        out += ["### Review comments", ""]
        out += _table(
            ["Id", "Section", "Kind", "By", "Date", "Comment", "Resolved"],
            [
                [
                    c.id,
                    c.section,
                    c.kind.value,
                    c.author,
                    _date(c.at),
                    c.text,
                    "yes" if c.resolved else "no",
                ]
                for c in control.comments
            ],
        )
    out += ["## 2. Process overview", ""]
    out += _table(
        ["Field", "Value"],
        [
            ["Process name", overview.name],
            ["Department", overview.department],
            ["Process owner", overview.process_owner],
            ["Subject matter expert", overview.subject_matter_expert],
            ["Cases observed", str(volumes.occurrences_observed)],
            [
                "Observation period",
                f"{_date(volumes.observation_start)} to {_date(volumes.observation_end)}",
            ],
            ["Cases per day / month", f"{_num(volumes.per_day)} / {_num(volumes.per_month)}"],
            ["Users", str(volumes.users)],
            [
                "Handling time (mean / p50 / p90)",
                _times(
                    volumes.mean_handling_time_s,
                    volumes.p50_handling_time_s,
                    volumes.p90_handling_time_s,
                ),
            ],
        ],
    )
    out += [
        "**Purpose.** " + _claim(overview.purpose),
        "",
        "**Trigger.** " + _claim(overview.trigger),
        "",
    ]
    out += [
        "**In scope:**",
        "",
        *_bullets(overview.in_scope),
        "**Out of scope:**",
        "",
        *_bullets(overview.out_of_scope),
    ]
    out += ["## 3. Applications", ""]
    out += _table(
        ["Application", "Version", "Interface", "Screens", "Share of time", "Evidence"],
        [
            [
                a.name,
                a.version or "unknown",
                a.interface,
                "; ".join(a.screens),
                _pct(a.time_share),
                _evidence(a.refs),
            ]
            for a in pdd.applications
        ],
    )
    out += ["## 4. AS-IS process steps", ""]
    out += _table(
        [
            "#",
            "Application",
            "Screen",
            "Action",
            "Element",
            "Input data",
            "Source",
            "Business rule",
            "Cases",
            "Evidence",
        ],
        [
            [
                str(s.number),
                s.app,
                s.screen or "",
                s.action,
                s.element or "",
                s.input_data or "",
                s.input_source or "",
                s.business_rule or "",
                _pct(s.support),
                _evidence(s.refs),
            ]
            for s in pdd.steps
        ],
    )
    out += ["**Step descriptions:**", ""]
    out += [f"{s.number}. {_inline(s.description)}" for s in pdd.steps] + [""]
    out += ["## 5. Process map", "", f"![Process map]({pdd.process_map.image_file})", ""]
    out += [f"*{_inline(pdd.process_map.caption)}*", ""]
    if pdd.process_map.decision_points:
        out += ["**Decision points:**", "", *_bullets(pdd.process_map.decision_points)]
    out += ["## 6. Variants and exceptions", ""]
    out += _table(
        ["Variant", "Steps", "Cases", "Share", "Description", "Evidence"],
        [
            [
                str(v.number) + (" (main)" if v.is_main else ""),
                " → ".join(map(str, v.steps)),
                str(v.count),
                _pct(v.share),
                v.description,
                _evidence(v.refs),
            ]
            for v in pdd.variants
        ],
    )
    if pdd.exceptions:
        out += _table(
            ["Exception", "Kind", "Description", "Cases", "Handling", "Evidence"],
            [
                [e.id, e.kind, e.description, str(e.cases), e.handling, _evidence(e.refs)]
                for e in pdd.exceptions
            ],
        )
    out += ["## 7. Input and output data", "", "### Input data", ""]
    out += _fields(pdd.input_data)
    out += ["### Output data", ""]
    out += _fields(pdd.output_data)
    out += ["## 8. Metrics", ""]
    out += _table(
        ["Metric", "Value"],
        [
            ["Frequency (cases observed)", str(m.frequency)],
            ["Cases per month (estimate)", _num(m.per_month)],
            ["Users", str(m.users)],
            ["Average handling time", f"{m.mean_handling_time_s:.1f} s"],
            ["Active / idle time observed", f"{_num(m.active_time_s)} s / {_num(m.idle_time_s)} s"],
            ["Hours per month", f"{m.hours_per_month:.2f}"],
            ["FTE", f"{m.fte:.3f}"],
            ["App switches per case", _num(m.app_switches_per_case)],
            ["Data-entry share", _pct(m.data_entry_share)],
            ["Steps / variants", f"{m.steps} / {m.variants_total}"],
        ],
    )
    a = pdd.assessment
    out += [
        "## 9. Automation assessment",
        "",
        f"**Recommendation:** {_inline(a.recommendation)}",
        "",
    ]
    out += _table(
        ["Score / ROI", "Value"],
        [
            ["Automation potential", f"{a.scores.automation_potential:.2f}"],
            ["Standardization", f"{a.scores.standardization:.2f}"],
            ["Rule-based", f"{a.scores.rule_based:.2f}"],
            ["Volume", f"{a.scores.volume:.2f}"],
            ["Duration", f"{a.scores.duration:.2f}"],
            ["Hours per month", f"{a.roi.hours_per_month:.2f}"],
            ["FTE saved", f"{a.roi.fte:.3f}"],
            ["Build effort (days)", f"{a.roi.build_days:.1f}"],
            ["Payback (months)", _num(a.roi.payback_months)],
        ],
    )
    out += [
        "**Why:**",
        "",
        *_bullets(a.rationale),
        "**Risks:**",
        "",
        *(_bullets(a.risks) or ["None found.", ""]),
    ]
    out += ["### TO-BE proposal", "", _claim(a.to_be), ""]
    out += ["## 10. Open questions for the business owner", ""]
    out += [
        f"{i}. {_inline(q.text)}{_suffix(q.refs)}" for i, q in enumerate(pdd.open_questions, 1)
    ] + [""]
    return "\n".join(out).rstrip() + "\n"


def _drafted_by(pdd: Pdd) -> str:
    drafting = pdd.document_control.drafting
    text = drafting.method.value + (f" ({drafting.model})" if drafting.model else "")
    if drafting.fallback_reason:
        text += f"; fell back to the deterministic draft: {drafting.fallback_reason}"
    return text


def _fields(fields: Sequence[DataField]) -> list[str]:
    if not fields:
        return ["None recorded.", ""]
    return _table(
        ["Field", "Application", "Handling", "Source", "Example (redacted)", "Evidence"],
        [
            [f.name, f.app, f.handling.value, f.source or "", f.example or "", _evidence(f.refs)]
            for f in fields
        ],
    )


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|")


def _inline(text: str) -> str:
    return " ".join(text.split())


def _bullets(claims: Sequence[Claim]) -> list[str]:
    return [*(f"- {_claim(c)}" for c in claims), ""] if claims else []


def _claim(claim: Claim) -> str:
    return _inline(claim.text) + _suffix(claim.refs)


def _suffix(refs: Refs) -> str:
    evidence = _evidence(refs)
    return f" _(evidence: {evidence})_" if evidence else ""


def _evidence(refs: Refs) -> str:
    ids = list(refs.event_ids[:EVIDENCE_IDS])
    more = len(refs.event_ids) - len(ids)
    return ", ".join(ids) + (f" +{more}" if more > 0 else "")


def _date(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment is not None else "n/a"


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def _times(mean: float, p50: float | None, p90: float | None) -> str:
    return f"{mean:.1f} s / {_num(p50)} s / {_num(p90)} s"
