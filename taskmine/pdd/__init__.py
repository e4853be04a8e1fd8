"""PDD stage: mined candidate -> Process Design Document (model, drafters, map, review).

``draft_pdd`` fills every section from the mined data (the default, no LLM needed);
``draft_pdd_with_llm`` / ``OpenAIDrafter`` add prose from an OpenAI-compatible endpoint and fall
back to the deterministic draft with the reason recorded; ``render_process_map`` draws the task
map as PNG bytes; ``add_comment`` / ``submit_for_review`` / ``request_changes`` /
``resolve_comment`` / ``approve`` / ``reopen`` return new document versions. Renderers to .docx,
Markdown and HTML live in ``exporters.pdd_docx``, ``exporters.pdd_markdown``, ``exporters.pdd_html``.
"""

from typing import TYPE_CHECKING, Any

from taskmine.pdd.drafter import draft_pdd
from taskmine.pdd.errors import (
    DraftingError,
    PddError,
    PddInputError,
    ReviewError,
    TokenBudgetError,
)
from taskmine.pdd.model import PDD_SCHEMA, SECTIONS, Pdd, PddStatus, Refs
from taskmine.pdd.prose import PddProse, prose_json_schema
from taskmine.pdd.review import (
    add_comment,
    approve,
    reopen,
    request_changes,
    resolve_comment,
    submit_for_review,
)

if TYPE_CHECKING:
    from taskmine.pdd.llm import LlmSettings, OpenAIDrafter, draft_pdd_with_llm
    from taskmine.pdd.process_map import render_process_map

# The LLM client (openai) and the map renderer (matplotlib) take ~3 s to import; the API and
# the CLI load them the first time a PDD is drafted or drawn, not on every start.
_LAZY = {
    "LlmSettings": "taskmine.pdd.llm",
    "OpenAIDrafter": "taskmine.pdd.llm",
    "draft_pdd_with_llm": "taskmine.pdd.llm",
    "render_process_map": "taskmine.pdd.process_map",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "PDD_SCHEMA",
    "SECTIONS",
    "DraftingError",
    "LlmSettings",
    "OpenAIDrafter",
    "Pdd",
    "PddError",
    "PddInputError",
    "PddProse",
    "PddStatus",
    "Refs",
    "ReviewError",
    "TokenBudgetError",
    "add_comment",
    "approve",
    "draft_pdd",
    "draft_pdd_with_llm",
    "prose_json_schema",
    "render_process_map",
    "reopen",
    "request_changes",
    "resolve_comment",
    "submit_for_review",
]
