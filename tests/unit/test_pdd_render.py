"""PDD renderers and the process-map image: Markdown, self-contained HTML, .docx, PNG."""

from __future__ import annotations

import base64
import io
import re
from datetime import UTC, datetime

import docx
import pytest

from exporters.pdd_docx import render_pdd_docx
from exporters.pdd_html import render_pdd_html
from exporters.pdd_markdown import render_pdd_markdown
from taskmine.domain.results import Candidate
from taskmine.pdd import draft_pdd, render_process_map
from taskmine.pdd.model import Pdd
from taskmine.pdd.sample import build_sample_candidate, sample_result_meta

AT = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
HEADINGS = (
    "1. Document control",
    "2. Process overview",
    "3. Applications",
    "4. AS-IS process steps",
    "5. Process map",
    "6. Variants and exceptions",
    "7. Input and output data",
    "8. Metrics",
    "9. Automation assessment",
    "10. Open questions for the business owner",
)


@pytest.fixture(scope="module")
def candidate() -> Candidate:
    steps = list(build_sample_candidate().steps)
    # Markup and table syntax in recorded text must come out as text.
    steps[2] = steps[2].model_copy(update={"name": "<script>alert(1)</script> | name"})
    return build_sample_candidate().model_copy(update={"steps": tuple(steps)})


@pytest.fixture(scope="module")
def pdd(candidate: Candidate) -> Pdd:
    return draft_pdd(candidate, result_meta=sample_result_meta(), generated_at=AT)


@pytest.fixture(scope="module")
def png(candidate: Candidate) -> bytes:
    return render_process_map(candidate)


def test_process_map_is_a_deterministic_png(candidate: Candidate, png: bytes) -> None:
    assert png.startswith(PNG_MAGIC)
    assert render_process_map(candidate) == png
    shorter = candidate.model_copy(update={"steps": candidate.steps[:5], "task_map": {}})
    other = render_process_map(shorter)
    assert other.startswith(PNG_MAGIC)
    assert other != png


def test_markdown_has_every_section_and_every_steps_evidence(pdd: Pdd) -> None:
    text = render_pdd_markdown(pdd)
    for heading in HEADINGS:
        assert f"## {heading}" in text
    rows = [line for line in text.splitlines() if re.match(r"^\| \d+ \| (excel|chrome)\.exe", line)]
    assert len(rows) == len(pdd.steps)
    for row, step in zip(rows, pdd.steps, strict=True):
        assert step.refs.event_ids[0] in row
    assert "![Process map](process-map.png)" in text


def test_markdown_escapes_pipes_in_cells(pdd: Pdd) -> None:
    text = render_pdd_markdown(pdd)
    step_row = next(line for line in text.splitlines() if line.startswith("| 3 |"))
    assert "\\| name" in step_row
    # Escaped pipes do not add columns: the row still has the header's 10 cells.
    assert len(re.split(r"(?<!\\)\|", step_row)) - 2 == 10


def test_html_is_self_contained_and_escaped(pdd: Pdd, png: bytes) -> None:
    page = render_pdd_html(pdd, process_map_png=png)
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    match = re.search(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert match is not None
    assert base64.b64decode(match.group(1)) == png
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "<link" not in page
    for heading in HEADINGS:
        assert f"<h2>{heading}</h2>" in page
    for step in pdd.steps:
        assert f'<tr id="step-{step.number}">' in page


def test_docx_opens_with_tables_headings_and_the_map(pdd: Pdd, png: bytes) -> None:
    document = docx.Document(io.BytesIO(render_pdd_docx(pdd, process_map_png=png)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for heading in HEADINGS:
        assert heading in headings
    step_table = next(t for t in document.tables if t.rows[0].cells[0].text == "#")
    assert len(step_table.rows) == len(pdd.steps) + 1
    for row, step in zip(step_table.rows[1:], pdd.steps, strict=True):
        assert row.cells[0].text == str(step.number)
        assert step.refs.event_ids[0] in row.cells[-1].text
    assert len(document.inline_shapes) == 1
    images = [r.target_part.blob for r in document.part.rels.values() if "image" in r.reltype]
    assert images == [png]
    assert document.core_properties.created == AT
    # the copied example value, a bare name: redacted on its way into the document
    assert step_table.rows[2].cells[3].text == "[PERSON]"
