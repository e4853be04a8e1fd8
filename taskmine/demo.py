"""Composition root, the main job: ``taskmine demo`` (README, DESIGN.md §4).

On a fresh data dir it starts the embedded service (SQLite + a local Temporal dev server + an
in-process worker), then acts as a client would: creates a project, uploads a bundled recording
through ``POST .../events:batch`` (gzip NDJSON), starts a mining job and follows its progress,
prints the ranked shortlist, and downloads the top candidate's PDD and exports. Everything goes
through the public HTTP API, so the demo exercises what other platforms use.
"""

from __future__ import annotations

import gzip
import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import orjson

from taskmine.commands import console, out_console, print_shortlist, progress_bar

UPLOAD_BATCH = 1_000
JOB_TIMEOUT_S = 600.0
# What the demo downloads for the top candidate: (route suffix, file name).
DOWNLOADS: tuple[tuple[str, str], ...] = (
    ("pdd?format=docx", "pdd.docx"),
    ("pdd?format=md", "pdd.md"),
    ("pdd?format=html", "pdd.html"),
    ("exports/uipath", "uipath-project.zip"),
    ("exports/power-automate", "power-automate-flow.zip"),
    ("exports/bpmn", "task-map.bpmn"),
    ("exports/xes", "events.xes"),
    ("exports/ocel", "events.ocel.json"),
)


class DemoError(RuntimeError):
    """A step of the demo failed; the message says which and why."""


def run_demo(data_dir: Path, *, fresh: bool = True, users: int = 6, days: int = 5) -> int:
    """Run the whole main job; 0 on success."""
    from taskmine.server import running_service
    from taskmine.settings import load_settings

    started = time.monotonic()
    if fresh and data_dir.exists():
        shutil.rmtree(data_dir)
    settings = load_settings(data_dir=data_dir)
    console.print(f"starting the embedded service in {data_dir} (SQLite + Temporal dev server)")
    try:
        with running_service(settings) as service:
            console.print(
                f"service up at {service.base_url} (Temporal at {service.temporal_address})"
            )
            with httpx.Client(
                base_url=service.base_url,
                headers={"Authorization": f"Bearer {service.admin_token}"},
                timeout=120.0,
            ) as client:
                written = _run_client(client, data_dir / "out", users=users, days=days)
    except DemoError as error:
        console.print(f"[red]demo failed:[/] {error}")
        return 1
    console.print(f"\n[bold]done in {time.monotonic() - started:.1f} s[/]. Files:")
    for path in written:
        out_console.print(f"  {path}")
    out_console.print(f"  database: {settings.database_url}")
    return 0


def _run_client(client: httpx.Client, out_dir: Path, *, users: int, days: int) -> list[Path]:
    from taskmine.samples.generator import generate_events

    project = _ok(client.post("/v1/projects", json={"name": "Demo: back-office team"}))
    events = [event.to_json_dict() for event in generate_events(users=users, days=days)]
    _upload(client, project["id"], events)
    job_id = _ok(client.post(f"/v1/projects/{project['id']}/mining-jobs"))["job_id"]
    job = _follow_job(client, job_id)
    if job["status"] != "completed":
        raise DemoError(f"mining job {job_id} {job['status']}: {job.get('error')}")
    answer = client.get(f"/v1/projects/{project['id']}/candidates")
    result = _ok(answer)
    print_shortlist(result, title=f"automation candidates of project {project['id']}")
    if not result.get("candidates"):
        return []
    # API candidate ids are {project}:{result version}:{candidate}, stable across later runs.
    top = result["candidates"][0]
    api_id = f"{project['id']}:{answer.headers['X-Result-Version']}:{top['id']}"
    return _download(client, api_id, top["id"], out_dir)


def _upload(client: httpx.Client, project_id: str, events: Sequence[dict[str, Any]]) -> None:
    accepted = 0
    with progress_bar() as progress:
        task = progress.add_task("uploading the recording", total=len(events))
        for start in range(0, len(events), UPLOAD_BATCH):
            batch = events[start : start + UPLOAD_BATCH]
            body = gzip.compress(b"\n".join(orjson.dumps(event) for event in batch))
            answer = _ok(
                client.post(
                    f"/v1/projects/{project_id}/events:batch",
                    content=body,
                    headers={
                        "Content-Type": "application/x-ndjson",
                        "Content-Encoding": "gzip",
                    },
                )
            )
            if answer["rejected"]:
                raise DemoError(f"the server rejected bundled events: {answer['rejected'][:3]}")
            accepted += answer["accepted"] + answer["duplicates"]
            progress.advance(task, len(batch))
    console.print(f"uploaded {accepted} events of {len(events)}")


def _follow_job(client: httpx.Client, job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + JOB_TIMEOUT_S
    with progress_bar() as progress:
        task = progress.add_task("mining", total=1.0)
        while True:
            job = _ok(client.get(f"/v1/mining-jobs/{job_id}"))
            progress.update(task, completed=job["progress"], description=f"mining: {job['stage']}")
            if job["status"] in ("completed", "failed", "cancelled"):
                return job
            if time.monotonic() > deadline:
                raise DemoError(f"mining job {job_id} did not finish in {JOB_TIMEOUT_S:.0f} s")
            time.sleep(0.25)


def _download(client: httpx.Client, candidate_id: str, key: str, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, name in DOWNLOADS:
        answer = client.get(f"/v1/candidates/{candidate_id}/{suffix}")
        if answer.status_code != 200:
            raise DemoError(f"GET /v1/candidates/{candidate_id}/{suffix}: {_detail(answer)}")
        path = out_dir / f"{key}-{name}"
        path.write_bytes(answer.content)
        written.append(path)
    return written


def _ok(answer: httpx.Response) -> Any:
    if answer.status_code >= 400:
        raise DemoError(f"{answer.request.method} {answer.request.url.path}: {_detail(answer)}")
    return answer.json()


def _detail(answer: httpx.Response) -> str:
    try:
        return f"{answer.status_code} {answer.json().get('detail')}"
    except ValueError:
        return f"{answer.status_code} {answer.text[:200]}"
