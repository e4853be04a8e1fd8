"""Exporters, PDD as HTML: a ``Pdd`` + its process-map PNG -> one self-contained HTML page.

Pure (no I/O, no clock). Guarantees: a single file with no external fetches (CSS inline, the
process map as a ``data:image/png;base64`` URI, no scripts); every text from the document is
HTML-escaped by Jinja2 autoescaping, so a recorded value such as ``<script>`` shows as text.
"""

from __future__ import annotations

import base64
from datetime import datetime

from jinja2 import Environment, StrictUndefined

from taskmine.pdd.model import Pdd, Refs

EVIDENCE_IDS = 3

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PDD: {{ o.name }}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto;
       max-width: 70rem; padding: 0 1rem; color: #1d2733; line-height: 1.45; }
h1 { font-size: 1.7rem; border-bottom: 3px solid #1f4e79; padding-bottom: .3rem; }
h2 { font-size: 1.3rem; color: #1f4e79; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #c9d3de; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #e8f0fa; }
.ev { color: #5b6b7c; font-size: .8rem; }
.status { display: inline-block; padding: .1rem .5rem; border-radius: .6rem; background: #fde9c8; }
figure img { max-width: 100%; border: 1px solid #c9d3de; }
</style>
</head>
<body>
<h1>Process Design Document: {{ o.name }}</h1>
<p><span class="status">{{ c.status.value }}</span> version {{ c.version }} &middot; {{ c.document_id }}</p>

<h2>1. Document control</h2>
<table>
<tr><th>Author</th><td>{{ c.author }}</td></tr>
<tr><th>Created</th><td>{{ date(c.created_at) }}</td></tr>
<tr><th>Last updated</th><td>{{ date(c.updated_at) }}</td></tr>
<tr><th>Candidate</th><td>{{ c.candidate_id }}</td></tr>
<tr><th>Drafted by</th><td>{{ c.drafting.method.value }}{% if c.drafting.model %} ({{ c.drafting.model }}){% endif %}
{% if c.drafting.fallback_reason %}; fell back to the deterministic draft: {{ c.drafting.fallback_reason }}{% endif %}</td></tr>
</table>
<table><tr><th>Version</th><th>Date</th><th>By</th><th>Change</th></tr>
{% for r in c.revisions %}<tr><td>{{ r.version }}</td><td>{{ date(r.at) }}</td><td>{{ r.by }}</td><td>{{ r.change }}</td></tr>
{% endfor %}</table>
{% if c.approvals %}<table><tr><th>Approver</th><th>Role</th><th>Date</th><th>Version</th><th>Note</th></tr>
{% for a in c.approvals %}<tr><td>{{ a.approver }}</td><td>{{ a.role }}</td><td>{{ date(a.at) }}</td><td>{{ a.version }}</td><td>{{ a.note or "" }}</td></tr>
{% endfor %}</table>{% else %}<p>Not approved yet.</p>{% endif %}
{% if c.comments %}<table><tr><th>Id</th><th>Section</th><th>Kind</th><th>By</th><th>Comment</th><th>Resolved</th></tr>
{% for m in c.comments %}<tr><td>{{ m.id }}</td><td>{{ m.section }}</td><td>{{ m.kind.value }}</td><td>{{ m.author }}</td><td>{{ m.text }}</td><td>{{ "yes" if m.resolved else "no" }}</td></tr>
{% endfor %}</table>{% endif %}

<h2>2. Process overview</h2>
<table>
<tr><th>Department</th><td>{{ o.department }}</td></tr>
<tr><th>Process owner</th><td>{{ o.process_owner }}</td></tr>
<tr><th>Subject matter expert</th><td>{{ o.subject_matter_expert }}</td></tr>
<tr><th>Cases observed</th><td>{{ o.volumes.occurrences_observed }} ({{ date(o.volumes.observation_start) }} to {{ date(o.volumes.observation_end) }})</td></tr>
<tr><th>Cases per day / month</th><td>{{ num(o.volumes.per_day) }} / {{ num(o.volumes.per_month) }}</td></tr>
<tr><th>Users</th><td>{{ o.volumes.users }}</td></tr>
<tr><th>Handling time (mean / p50 / p90)</th><td>{{ "%.1f"|format(o.volumes.mean_handling_time_s) }} s / {{ num(o.volumes.p50_handling_time_s) }} s / {{ num(o.volumes.p90_handling_time_s) }} s</td></tr>
</table>
<p><strong>Purpose.</strong> {{ o.purpose.text }} <span class="ev">{{ ev(o.purpose.refs) }}</span></p>
<p><strong>Trigger.</strong> {{ o.trigger.text }} <span class="ev">{{ ev(o.trigger.refs) }}</span></p>
<p><strong>In scope:</strong></p><ul>{% for x in o.in_scope %}<li>{{ x.text }} <span class="ev">{{ ev(x.refs) }}</span></li>{% endfor %}</ul>
<p><strong>Out of scope:</strong></p><ul>{% for x in o.out_of_scope %}<li>{{ x.text }}</li>{% endfor %}</ul>

<h2>3. Applications</h2>
<table><tr><th>Application</th><th>Version</th><th>Interface</th><th>Screens</th><th>Share of time</th><th>Evidence</th></tr>
{% for a in p.applications %}<tr><td>{{ a.name }}</td><td>{{ a.version or "unknown" }}</td><td>{{ a.interface }}</td><td>{{ a.screens|join("; ") }}</td><td>{{ pct(a.time_share) }}</td><td class="ev">{{ ev(a.refs) }}</td></tr>
{% endfor %}</table>

<h2>4. AS-IS process steps</h2>
<table><tr><th>#</th><th>Application / screen</th><th>Action</th><th>Element</th><th>Input data</th><th>Source</th><th>Business rule</th><th>Cases</th><th>Evidence</th></tr>
{% for s in p.steps %}<tr id="step-{{ s.number }}"><td>{{ s.number }}</td><td>{{ s.app }}{% if s.screen %}<br>{{ s.screen }}{% endif %}</td><td>{{ s.action }}</td><td>{{ s.element or "" }}</td><td>{{ s.input_data or "" }}</td><td>{{ s.input_source or "" }}</td><td>{{ s.business_rule or "" }}</td><td>{{ pct(s.support) }}</td><td class="ev">{{ ev(s.refs) }}</td></tr>
{% endfor %}</table>
<ol>{% for s in p.steps %}<li>{{ s.description }}</li>{% endfor %}</ol>

<h2>5. Process map</h2>
<figure><img alt="Process map" src="{{ image }}"><figcaption>{{ p.process_map.caption }}</figcaption></figure>
{% if p.process_map.decision_points %}<ul>{% for x in p.process_map.decision_points %}<li>{{ x.text }} <span class="ev">{{ ev(x.refs) }}</span></li>{% endfor %}</ul>{% endif %}

<h2>6. Variants and exceptions</h2>
<table><tr><th>Variant</th><th>Steps</th><th>Cases</th><th>Share</th><th>Description</th><th>Evidence</th></tr>
{% for v in p.variants %}<tr><td>{{ v.number }}{% if v.is_main %} (main){% endif %}</td><td>{{ v.steps|join(" → ") }}</td><td>{{ v.count }}</td><td>{{ pct(v.share) }}</td><td>{{ v.description }}</td><td class="ev">{{ ev(v.refs) }}</td></tr>
{% endfor %}</table>
{% if p.exceptions %}<table><tr><th>Exception</th><th>Kind</th><th>Description</th><th>Cases</th><th>Handling</th><th>Evidence</th></tr>
{% for e in p.exceptions %}<tr><td>{{ e.id }}</td><td>{{ e.kind }}</td><td>{{ e.description }}</td><td>{{ e.cases }}</td><td>{{ e.handling }}</td><td class="ev">{{ ev(e.refs) }}</td></tr>
{% endfor %}</table>{% endif %}

<h2>7. Input and output data</h2>
{% for title, fields in [("Input data", p.input_data), ("Output data", p.output_data)] %}<h3>{{ title }}</h3>
<table><tr><th>Field</th><th>Application</th><th>Handling</th><th>Source</th><th>Example (redacted)</th><th>Evidence</th></tr>
{% for f in fields %}<tr><td>{{ f.name }}</td><td>{{ f.app }}</td><td>{{ f.handling.value }}</td><td>{{ f.source or "" }}</td><td>{{ f.example or "" }}</td><td class="ev">{{ ev(f.refs) }}</td></tr>
{% endfor %}</table>{% endfor %}

<h2>8. Metrics</h2>
<table>
<tr><th>Frequency (cases observed)</th><td>{{ m.frequency }}</td></tr>
<tr><th>Cases per month (estimate)</th><td>{{ num(m.per_month) }}</td></tr>
<tr><th>Users</th><td>{{ m.users }}</td></tr>
<tr><th>Average handling time</th><td>{{ "%.1f"|format(m.mean_handling_time_s) }} s</td></tr>
<tr><th>Hours per month</th><td>{{ "%.2f"|format(m.hours_per_month) }}</td></tr>
<tr><th>FTE</th><td>{{ "%.3f"|format(m.fte) }}</td></tr>
<tr><th>App switches per case</th><td>{{ num(m.app_switches_per_case) }}</td></tr>
<tr><th>Data-entry share</th><td>{{ pct(m.data_entry_share) }}</td></tr>
<tr><th>Steps / variants</th><td>{{ m.steps }} / {{ m.variants_total }}</td></tr>
</table>

<h2>9. Automation assessment</h2>
<p><strong>Recommendation:</strong> {{ a.recommendation }}</p>
<table>
<tr><th>Automation potential</th><td>{{ "%.2f"|format(a.scores.automation_potential) }}</td><th>Hours per month</th><td>{{ "%.2f"|format(a.roi.hours_per_month) }}</td></tr>
<tr><th>Standardization</th><td>{{ "%.2f"|format(a.scores.standardization) }}</td><th>FTE saved</th><td>{{ "%.3f"|format(a.roi.fte) }}</td></tr>
<tr><th>Rule-based</th><td>{{ "%.2f"|format(a.scores.rule_based) }}</td><th>Build effort (days)</th><td>{{ "%.1f"|format(a.roi.build_days) }}</td></tr>
<tr><th>Volume / duration</th><td>{{ "%.2f"|format(a.scores.volume) }} / {{ "%.2f"|format(a.scores.duration) }}</td><th>Payback (months)</th><td>{{ num(a.roi.payback_months) }}</td></tr>
</table>
<p><strong>Why:</strong></p><ul>{% for x in a.rationale %}<li>{{ x.text }} <span class="ev">{{ ev(x.refs) }}</span></li>{% endfor %}</ul>
<p><strong>Risks:</strong></p><ul>{% for x in a.risks %}<li>{{ x.text }} <span class="ev">{{ ev(x.refs) }}</span></li>{% else %}<li>None found.</li>{% endfor %}</ul>
<h3>TO-BE proposal</h3>
<p>{{ a.to_be.text }} <span class="ev">{{ ev(a.to_be.refs) }}</span></p>

<h2>10. Open questions for the business owner</h2>
<ol>{% for q in p.open_questions %}<li>{{ q.text }} <span class="ev">{{ ev(q.refs) }}</span></li>{% endfor %}</ol>
</body>
</html>
"""

_ENVIRONMENT = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
_COMPILED = _ENVIRONMENT.from_string(_TEMPLATE)


def render_pdd_html(pdd: Pdd, *, process_map_png: bytes) -> str:
    """The document as one self-contained HTML page with the process map inlined."""
    image = "data:image/png;base64," + base64.b64encode(process_map_png).decode("ascii")
    return _COMPILED.render(
        p=pdd,
        c=pdd.document_control,
        o=pdd.overview,
        m=pdd.metrics,
        a=pdd.assessment,
        image=image,
        ev=_evidence,
        date=_date,
        num=_num,
        pct=_pct,
    )


def _evidence(refs: Refs) -> str:
    if not refs.event_ids:
        return ""
    ids = list(refs.event_ids[:EVIDENCE_IDS])
    more = len(refs.event_ids) - len(ids)
    return "events " + ", ".join(ids) + (f" +{more}" if more > 0 else "")


def _date(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment is not None else "n/a"


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"
