"""Regenerate openapi/openapi.json from the app (run after any API change; a test checks drift).

uv run python scripts/export_openapi.py          # write the file
uv run python scripts/export_openapi.py --check  # exit 1 if the committed file is stale
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "openapi" / "openapi.json"


def build_document() -> str:
    sys.path.insert(0, str(ROOT))
    from taskmine.api import create_app
    from taskmine.api.app import render_openapi_json
    from taskmine.settings import Settings

    with tempfile.TemporaryDirectory() as scratch:  # the app is never started: no database
        return render_openapi_json(create_app(Settings(data_dir=Path(scratch))))


def main() -> int:
    document = build_document()
    if "--check" in sys.argv[1:]:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != document:
            print(
                f"{TARGET} is stale; run: uv run python scripts/export_openapi.py", file=sys.stderr
            )
            return 1
        print(f"{TARGET} is current")
        return 0
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(document, encoding="utf-8")
    print(f"wrote {TARGET} ({len(document)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
