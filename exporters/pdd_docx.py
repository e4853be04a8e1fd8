"""Exporters, PDD as Word: a ``Pdd`` + its process-map PNG -> .docx bytes (python-docx).

Pure (no I/O beyond an in-memory buffer, no clock: the core properties carry the document's own
dates). Guarantees: headings for the ten template sections, real Word tables (not tab-separated
text) with a shaded header row, the process map as an inline picture, evidence (event ids) in
every step row and after every claim. LibreOffice and Word open the result.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table

from taskmine.pdd.model import Claim, DataField, Pdd, Refs

EVIDENCE_IDS = 3
_HEADER_FILL = "E8F0FA"
_EVIDENCE_COLOUR = RGBColor(0x5B, 0x6B, 0x7C)


def render_pdd_docx(pdd: Pdd, *, process_map_png: bytes) -> bytes:
    """The document as .docx bytes with the process map embedded."""
    doc = Document()
    _set_up(doc, pdd)
    control, overview, volumes = pdd.document_control, pdd.overview, pdd.overview.volumes
    doc.add_heading(f"Process Design Document: {overview.name}", level=0)
    doc.add_paragraph(f"{control.document_id} · version {control.version} · {control.status.value}")

    doc.add_heading("1. Document control", level=1)
    drafted = control.drafting.method.value + (
        f" ({control.drafting.model})" if control.drafting.model else ""
    )
    if control.drafting.fallback_reason:
        drafted += f"; fell back to the deterministic draft: {control.drafting.fallback_reason}"
    _pairs(
        doc,
        [
            ("Author", control.author),
            ("Created", _date(control.created_at)),
            ("Last updated", _date(control.updated_at)),
            ("Candidate", control.candidate_id),
            ("Drafted by", drafted),
        ],
    )
    doc.add_heading("Version history", level=2)
    _table(
        doc,
        ["Version", "Date", "By", "Change"],
        [[str(r.version), _date(r.at), r.by, r.change] for r in control.revisions],
        widths=[1.6, 3.2, 4.0, 8.2],
    )
    doc.add_heading("Approvals", level=2)
    if control.approvals:
        _table(
            doc,
            ["Approver", "Role", "Date", "Version", "Note"],
            [
                [a.approver, a.role, _date(a.at), str(a.version), a.note or ""]
                for a in control.approvals
            ],
        )
    else:
        doc.add_paragraph("Not approved yet.")
    if control.comments:
        doc.add_heading("Review comments", level=2)
        _table(
            doc,
            ["Id", "Section", "Kind", "By", "Comment", "Resolved"],
            [
                [c.id, c.section, c.kind.value, c.author, c.text, "yes" if c.resolved else "no"]
                for c in control.comments
            ],
        )

    doc.add_heading("2. Process overview", level=1)
    _pairs(
        doc,
        [
            ("Process name", overview.name),
            ("Department", overview.department),
            ("Process owner", overview.process_owner),
            ("Subject matter expert", overview.subject_matter_expert),
            (
                "Cases observed",
                f"{volumes.occurrences_observed} ({_date(volumes.observation_start)} to {_date(volumes.observation_end)})",
            ),
            ("Cases per day / month", f"{_num(volumes.per_day)} / {_num(volumes.per_month)}"),
            ("Users", str(volumes.users)),
            (
                "Handling time (mean / p50 / p90)",
                f"{volumes.mean_handling_time_s:.1f} s / {_num(volumes.p50_handling_time_s)} s / "
                f"{_num(volumes.p90_handling_time_s)} s",
            ),
        ],
    )
    _claim(doc, overview.purpose, lead="Purpose. ")
    _claim(doc, overview.trigger, lead="Trigger. ")
    doc.add_paragraph("In scope:")
    _claims(doc, overview.in_scope)
    doc.add_paragraph("Out of scope:")
    _claims(doc, overview.out_of_scope)

    doc.add_heading("3. Applications", level=1)
    _table(
        doc,
        ["Application", "Version", "Interface", "Screens", "Time", "Evidence"],
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
        widths=[2.4, 1.8, 2.0, 5.6, 1.4, 3.8],
    )

    doc.add_heading("4. AS-IS process steps", level=1)
    _table(
        doc,
        [
            "#",
            "Application / screen",
            "Action / element",
            "Input data / source",
            "Business rule",
            "Cases",
            "Evidence",
        ],
        [
            [
                str(s.number),
                s.app + (f"\n{s.screen}" if s.screen else ""),
                s.action + (f"\n{s.element}" if s.element else ""),
                "\n".join(x for x in (s.input_data, s.input_source) if x),
                s.business_rule or "",
                _pct(s.support),
                _evidence(s.refs),
            ]
            for s in pdd.steps
        ],
        widths=[0.8, 3.0, 2.8, 3.2, 3.6, 1.3, 2.3],
        font_size=7.5,
    )
    doc.add_heading("Step descriptions", level=2)
    for step in pdd.steps:
        doc.add_paragraph(f"{step.number}. {step.description}")

    doc.add_heading("5. Process map", level=1)
    doc.add_picture(io.BytesIO(process_map_png), width=Cm(17.0))
    caption = doc.add_paragraph(pdd.process_map.caption)
    caption.runs[0].italic = True
    _claims(doc, pdd.process_map.decision_points)

    doc.add_heading("6. Variants and exceptions", level=1)
    _table(
        doc,
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
        widths=[1.7, 4.6, 1.5, 1.5, 5.1, 2.6],
    )
    if pdd.exceptions:
        _table(
            doc,
            ["Exception", "Kind", "Description", "Cases", "Handling", "Evidence"],
            [
                [e.id, e.kind, e.description, str(e.cases), e.handling, _evidence(e.refs)]
                for e in pdd.exceptions
            ],
            widths=[2.0, 2.5, 4.6, 1.5, 3.8, 2.6],
        )

    doc.add_heading("7. Input and output data", level=1)
    doc.add_heading("Input data", level=2)
    _fields(doc, pdd.input_data)
    doc.add_heading("Output data", level=2)
    _fields(doc, pdd.output_data)

    m = pdd.metrics
    doc.add_heading("8. Metrics", level=1)
    _pairs(
        doc,
        [
            ("Frequency (cases observed)", str(m.frequency)),
            ("Cases per month (estimate)", _num(m.per_month)),
            ("Users", str(m.users)),
            ("Average handling time", f"{m.mean_handling_time_s:.1f} s"),
            ("Hours per month", f"{m.hours_per_month:.2f}"),
            ("FTE", f"{m.fte:.3f}"),
            ("App switches per case", _num(m.app_switches_per_case)),
            ("Data-entry share", _pct(m.data_entry_share)),
            ("Steps / variants", f"{m.steps} / {m.variants_total}"),
        ],
    )

    a = pdd.assessment
    doc.add_heading("9. Automation assessment", level=1)
    lead = doc.add_paragraph()
    lead.add_run("Recommendation: ").bold = True
    lead.add_run(a.recommendation)
    _pairs(
        doc,
        [
            ("Automation potential", f"{a.scores.automation_potential:.2f}"),
            ("Standardization", f"{a.scores.standardization:.2f}"),
            ("Rule-based", f"{a.scores.rule_based:.2f}"),
            ("Volume / duration", f"{a.scores.volume:.2f} / {a.scores.duration:.2f}"),
            ("Hours per month", f"{a.roi.hours_per_month:.2f}"),
            ("FTE saved", f"{a.roi.fte:.3f}"),
            ("Build effort (days)", f"{a.roi.build_days:.1f}"),
            ("Payback (months)", _num(a.roi.payback_months)),
        ],
    )
    doc.add_paragraph("Why:")
    _claims(doc, a.rationale)
    doc.add_paragraph("Risks:")
    if a.risks:
        _claims(doc, a.risks)
    else:
        doc.add_paragraph("None found.")
    doc.add_heading("TO-BE proposal", level=2)
    _claim(doc, a.to_be)

    doc.add_heading("10. Open questions for the business owner", level=1)
    for question in pdd.open_questions:
        paragraph = doc.add_paragraph(style="List Number")
        paragraph.add_run(question.text)
        _add_evidence(paragraph, question.refs)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _set_up(doc: DocxDocument, pdd: Pdd) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    props = doc.core_properties
    props.title = f"PDD: {pdd.overview.name}"
    props.author = pdd.document_control.author
    props.subject = "Process Design Document"
    props.revision = pdd.document_control.version
    props.created = pdd.document_control.created_at
    props.modified = pdd.document_control.updated_at
    props.last_modified_by = pdd.document_control.author


def _table(
    doc: DocxDocument,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    widths: Sequence[float] | None = None,
    font_size: float = 8.5,
) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _fill(cell, text, bold=True, size=font_size)
        _shade(cell, _HEADER_FILL)
    _repeat_header(table.rows[0])
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            _fill(cell, text, size=font_size)
    if widths:
        _set_widths(table, widths)
    doc.add_paragraph()


def _pairs(doc: DocxDocument, rows: Sequence[tuple[str, str]]) -> None:
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for key, value in rows:
        cells = table.add_row().cells
        _fill(cells[0], key, bold=True, size=9)
        _shade(cells[0], _HEADER_FILL)
        _fill(cells[1], value, size=9)
    _set_widths(table, [5.5, 11.5])
    doc.add_paragraph()


def _set_widths(table: Table, widths: Sequence[float]) -> None:
    # Word reads the cell widths, LibreOffice the grid columns: set both.
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _fields(doc: DocxDocument, fields: Sequence[DataField]) -> None:
    if not fields:
        doc.add_paragraph("None recorded.")
        return
    _table(
        doc,
        ["Field", "Application", "Handling", "Source", "Example (redacted)", "Evidence"],
        [
            [f.name, f.app, f.handling.value, f.source or "", f.example or "", _evidence(f.refs)]
            for f in fields
        ],
        widths=[2.4, 2.4, 2.1, 4.1, 3.4, 2.6],
    )


def _fill(cell: object, text: str, *, bold: bool = False, size: float = 8.5) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def _shade(cell: object, fill: str) -> None:
    # python-docx has no shading API; w:shd on the cell properties is what Word writes.
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)  # type: ignore[attr-defined]


def _repeat_header(row: object) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)  # type: ignore[attr-defined]


def _claims(doc: DocxDocument, claims: Sequence[Claim]) -> None:
    for claim in claims:
        _claim(doc, claim, style="List Bullet")


def _claim(doc: DocxDocument, claim: Claim, *, lead: str = "", style: str | None = None) -> None:
    paragraph = doc.add_paragraph(style=style)
    if lead:
        paragraph.add_run(lead).bold = True
    paragraph.add_run(claim.text)
    _add_evidence(paragraph, claim.refs)


def _add_evidence(paragraph: object, refs: Refs) -> None:
    evidence = _evidence(refs)
    if evidence:
        run = paragraph.add_run(f"  (evidence: {evidence})")  # type: ignore[attr-defined]
        run.font.size = Pt(8)
        run.font.color.rgb = _EVIDENCE_COLOUR


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
