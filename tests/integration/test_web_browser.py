"""The web app in a real browser: Debian's Chromium, headless, driven by Playwright.

The whole governed flow through the pages: an analyst creates a project and a data request, the
named manager approves it, the workstation users consent, a recorder uploads (over the API, as
the desktop agent does), the analyst runs mining and reads the shortlist and a candidate; a CoE
analyst opens the shortlist, downloads the candidate's PDD (a real .docx) and an export, and
submits the PDD for review; the business owner comments on a section and approves it, and the
page and the audit log say who approved and when. Screenshots go to /tmp/taskmine-web-*.png.
"""

from __future__ import annotations

import io
import re
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
import uvicorn
from docx import Document

from taskmine.api import create_app
from taskmine.samples.generator import generate_events
from taskmine.settings import Settings, sqlite_url_for
from taskmine.storage import create_token, open_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path("/tmp")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("web")
    store = open_store(sqlite_url_for(folder / "web.db"))
    app = create_app(Settings(data_dir=folder), store=store)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "uvicorn did not start"
    tokens = {
        name: create_token(store, role=role, user=name)
        for name, role in [
            ("ana", "analyst"),
            ("mia", "manager"),
            ("u01", "workstation_user"),
            ("u02", "workstation_user"),
            ("recorder-1", "agent"),
            ("cora", "analyst"),  # the CoE analyst, given the project
            ("bea", "business_owner"),
        ]
    }
    yield {"base": f"http://127.0.0.1:{port}", "tokens": tokens, "store": store}
    running.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def sign_in(browser: Any, server: dict[str, Any], user: str) -> Any:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{server['base']}/web/")
    assert "/web/login" in page.url
    page.fill("#token", server["tokens"][user])
    page.click("button[type=submit]")
    page.wait_for_url(f"{server['base']}/web/")
    assert user in page.inner_text("header")
    return page


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"taskmine-web-{name}.png"), full_page=True)


def test_the_governed_flow_from_data_request_to_shortlist(
    browser: Any, server: dict[str, Any]
) -> None:
    base = server["base"]
    analyst = sign_in(browser, server, "ana")
    shot(analyst, "projects-empty")
    analyst.fill("#name", "Invoice desk")
    analyst.click("text=Create project")
    project_id = re.search(r"/web/projects/(prj_\w+)", analyst.url).group(1)  # type: ignore[union-attr]
    # The recorder's token user gets the project shared (over the API, as an admin tool would).
    api = httpx.Client(base_url=base, timeout=30)
    shared = api.post(
        f"/v1/projects/{project_id}/shares",
        json={"user": "recorder-1"},
        headers={"Authorization": f"Bearer {server['tokens']['ana']}"},
    )
    assert shared.status_code == 201, shared.text
    for colleague in ("cora", "bea"):
        given = api.post(
            f"/v1/projects/{project_id}/shares",
            json={"user": colleague},
            headers={"Authorization": f"Bearer {server['tokens']['ana']}"},
        )
        assert given.status_code == 201, given.text

    analyst.goto(f"{base}/web/data-requests")
    analyst.fill("#users", "u01, u02")
    analyst.fill("#apps", "")
    analyst.fill("#starts_at", "2026-03-01T00:00")
    analyst.fill("#ends_at", "2026-04-01T00:00")
    analyst.fill("#purpose", "Find the invoice-entry routines worth automating")
    analyst.fill("#approver", "mia")
    analyst.click("text=Send for approval")
    assert "sent to mia" in analyst.inner_text("[role=status]")
    assert "pending" in analyst.inner_text("section.card")

    manager = sign_in(browser, server, "mia")
    manager.goto(f"{base}/web/data-requests")
    shot(manager, "approval-pending")
    manager.click("button:has-text('Approve')")
    assert "approved" in manager.inner_text("section.card")

    # Before consent, a recorder's events are turned away with the reason.
    batch = [e.to_json_dict() for e in generate_events(users=2, days=2, seed=5)]
    agent_headers = {
        "Authorization": f"Bearer {server['tokens']['recorder-1']}",
        "Content-Type": "application/json",
    }
    early = api.post(
        f"/v1/projects/{project_id}/events:batch",
        content=orjson.dumps(batch[:3]),
        headers=agent_headers,
    ).json()
    assert early["accepted"] == 0
    assert "has not consented" in early["rejected"][0]["error"]

    for user in ("u01", "u02"):
        worker = sign_in(browser, server, user)
        worker.goto(f"{base}/web/data-requests")
        worker.click("text=I consent to recording")
        assert "Consent set to consented" in worker.inner_text("[role=status]")
        if user == "u01":
            shot(worker, "consent-given")
        worker.context.close()

    uploaded = api.post(
        f"/v1/projects/{project_id}/events:batch",
        content=orjson.dumps(batch),
        headers=agent_headers,
    ).json()
    assert uploaded["accepted"] == len(batch), uploaded["rejected"][:3]

    analyst.goto(f"{base}/web/projects/{project_id}")
    analyst.click("text=Run mining now")
    analyst.wait_for_selector("table[aria-label='Candidate shortlist']")
    assert "completed" in analyst.inner_text("main")
    rows = analyst.locator("table[aria-label='Candidate shortlist'] tbody tr")
    assert rows.count() >= 1
    shot(analyst, "shortlist")
    rows.first.locator("a").click()
    analyst.wait_for_selector("svg.flow")
    assert "Variants" in analyst.inner_text("main")
    shot(analyst, "candidate")

    analyst.goto(f"{base}/web/projects/{project_id}/analytics")
    assert "Time per app" in analyst.inner_text("main")
    assert "fewer than k=5" in analyst.inner_text("main")  # two users: aggregates only
    shot(analyst, "analytics")
    analyst.goto(f"{base}/web/projects/{project_id}/audit")
    audit = analyst.inner_text("table")
    for action in ("data_request.created", "data_request.approved", "consent.consented"):
        assert action in audit
    shot(analyst, "audit")
    analyst.goto(f"{base}/web/settings")
    shot(analyst, "settings")

    review_url = coe_downloads_and_submits(browser, server, project_id)
    owner_reviews_and_approves(browser, server, review_url)

    analyst.goto(f"{base}/web/projects/{project_id}/audit")
    audit = analyst.inner_text("table")
    for action in ("candidate.exported", "pdd.submitted", "pdd.commented", "pdd.approved"):
        assert action in audit
    api.close()


def coe_downloads_and_submits(browser: Any, server: dict[str, Any], project_id: str) -> str:
    """The CoE analyst's part; answers the URL of the PDD review page."""
    coe = sign_in(browser, server, "cora")
    coe.click("text=Invoice desk")
    rows = coe.locator("table[aria-label='Candidate shortlist'] tbody tr")
    assert rows.count() >= 1
    top = rows.first.locator("a")
    name = top.inner_text()
    top.click()
    coe.wait_for_selector("ul[aria-label='PDD downloads']")
    shot(coe, "candidate-downloads")

    with coe.expect_download() as pdd_download:
        coe.click("text=PDD · Word (.docx)")
    word = Path(pdd_download.value.path())
    assert pdd_download.value.suggested_filename.endswith("_pdd_v1.docx")
    document = Document(io.BytesIO(word.read_bytes()))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Process Design Document" in text or name.split()[0] in text
    assert len(document.tables) >= 3

    with coe.expect_download() as export_download:
        coe.click("text=UiPath Studio project (.zip)")
    project_zip = zipfile.ZipFile(Path(export_download.value.path()))
    assert "project.json" in {Path(member).name for member in project_zip.namelist()}

    coe.click("text=Open the PDD review")
    coe.wait_for_selector("#pdd-status")
    assert coe.inner_text("#pdd-status") == "draft"
    coe.click("text=Submit for review")
    assert "Submitted for review" in coe.inner_text("[role=status]")
    assert coe.inner_text("#pdd-status") == "in review"
    url: str = coe.url.split("?")[0]
    coe.context.close()
    return url


def owner_reviews_and_approves(browser: Any, server: dict[str, Any], review_url: str) -> None:
    owner = sign_in(browser, server, "bea")
    owner.goto(review_url)
    owner.wait_for_selector("#pdd-status")
    assert "Submit for review" not in owner.inner_text("main")  # not a business owner's step
    shot(owner, "pdd-review")
    owner.locator("#section-process_map").screenshot(
        path=str(SHOTS / "taskmine-web-pdd-process-map.png")
    )
    steps = owner.locator("#section-steps")
    steps.locator("summary").click()
    steps.locator("textarea").fill("Step 2 copies the invoice number: which field is it?")
    steps.locator("text=Add comment").click()
    assert "Comment added to steps" in owner.inner_text("[role=status]")
    assert "which field is it?" in owner.inner_text("#section-steps .comments")
    steps.locator(".comments").screenshot(path=str(SHOTS / "taskmine-web-pdd-comment.png"))

    owner.fill("#approve-note", "Go ahead with the UiPath build.")
    owner.click("button:has-text('Approve version')")
    assert "Approved version" in owner.inner_text("[role=status]")
    assert owner.inner_text("#pdd-status") == "approved"
    approval = owner.inner_text(".approval")
    assert "Approved by bea (business owner)" in approval
    assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", approval), approval
    assert "Go ahead with the UiPath build." in approval
    versions = owner.inner_text("section[aria-label=Versions]")
    assert "approved" in versions
    assert "bea" in versions
    shot(owner, "pdd-approved")
    owner.locator("aside").screenshot(path=str(SHOTS / "taskmine-web-pdd-approved-panel.png"))
    owner.click("text=← ")
    owner.wait_for_selector("ul[aria-label='PDD downloads']")
    assert "approved version 4 · approved by bea (business owner)" in owner.inner_text("main")
    shot(owner, "candidate-approved")
    owner.context.close()
