"""Web app (presentation): server-rendered pages over the same store and access rules as the
REST API. Templates live in ``templates/`` (Jinja2, autoescaped, no build step); charts are
inline SVG made by ``charts``. The routes are in ``taskmine.api.routes.web``.
"""

from __future__ import annotations

from pathlib import Path

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

__all__ = ["TEMPLATES_DIR"]
