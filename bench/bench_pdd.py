"""Benchmark: PDD drafting and rendering time on candidates mined from a real log.

Prints, for the top candidates of Leno et al.'s StudentRecord and Reimbursement logs, the time to
draft, to draw the process map, and to render .docx / Markdown / HTML. Not a test.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

from discovery import discover
from exporters.pdd_docx import render_pdd_docx
from exporters.pdd_html import render_pdd_html
from exporters.pdd_markdown import render_pdd_markdown
from taskmine.evaluation.csv_loader import load_csv_events
from taskmine.pdd import draft_pdd, render_process_map

DATASETS = Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets" / "leno-sr-rt"
AT = datetime(2026, 3, 5, tzinfo=UTC)


def main() -> None:
    for name in ("StudentRecord.csv", "Reimbursement.csv"):
        path = DATASETS / name
        if not path.exists():
            print(f"{name}: missing, skipped")
            continue
        result = discover(load_csv_events(path))
        for candidate in result.candidates[:3]:
            t0 = time.perf_counter()
            pdd = draft_pdd(candidate, result_meta=result, generated_at=AT)
            t1 = time.perf_counter()
            png = render_process_map(candidate)
            t2 = time.perf_counter()
            docx_bytes = render_pdd_docx(pdd, process_map_png=png)
            t3 = time.perf_counter()
            markdown = render_pdd_markdown(pdd)
            html = render_pdd_html(pdd, process_map_png=png)
            t4 = time.perf_counter()
            print(
                f"{name} {candidate.id}: {len(candidate.steps)} steps, {candidate.frequency} cases | "
                f"draft {1000 * (t1 - t0):.1f} ms, map {1000 * (t2 - t1):.0f} ms "
                f"({len(png) // 1024} KiB), docx {1000 * (t3 - t2):.0f} ms "
                f"({len(docx_bytes) // 1024} KiB), md+html {1000 * (t4 - t3):.1f} ms "
                f"({len(markdown) // 1024} + {len(html) // 1024} KiB)"
            )


if __name__ == "__main__":
    main()
