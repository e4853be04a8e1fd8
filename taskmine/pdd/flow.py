"""PDD stage, flow sections: task map, variants and exceptions of one mined candidate.

Pure functions of a ``Candidate``. Guarantees: the transitions are the task map's edges with
their observed counts; variant shares are counts over the candidate's frequency; each variant
other than the main one yields one exception; every claim carries step indices and event ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from taskmine.domain.results import Candidate
from taskmine.pdd.model import Claim, ProcessException, ProcessMap, Transition, VariantSummary
from taskmine.pdd.steps import clean_text, step_refs


def node_step(node_id: str, nodes: dict[str, dict[str, Any]]) -> int | None:
    """The candidate step index behind a task-map node (None for start / end)."""
    step = nodes.get(node_id, {}).get("step")
    return step if isinstance(step, int) else None


def build_process_map(candidate: Candidate) -> tuple[ProcessMap, dict[int, str]]:
    """The map section and, per step index, the decision sentence for the step table."""
    nodes = {str(n["id"]): n for n in candidate.task_map.get("nodes", []) if "id" in n}
    edges = [e for e in candidate.task_map.get("edges", []) if "source" in e and "target" in e]
    transitions = tuple(
        Transition(
            source=_node_name(str(e["source"]), nodes),
            target=_node_name(str(e["target"]), nodes),
            count=int(e.get("count", 0)),
        )
        for e in sorted(
            edges,
            key=lambda e: (
                _node_order(str(e["source"]), nodes),
                _node_order(str(e["target"]), nodes),
            ),
        )
    )
    outgoing: dict[str, list[dict[str, Any]]] = {}
    for edge in edges:
        outgoing.setdefault(str(edge["source"]), []).append(edge)
    claims: list[Claim] = []
    decisions: dict[int, str] = {}
    for source, out in sorted(outgoing.items(), key=lambda item: _node_order(item[0], nodes)):
        if len(out) < 2:
            continue
        out = sorted(out, key=lambda e: (-int(e.get("count", 0)), str(e["target"])))
        branches = ", ".join(
            f"{_node_name(str(e['target']), nodes)} ({int(e.get('count', 0))} cases)" for e in out
        )
        where = _node_name(source, nodes)
        text = (
            f"Cases start at different steps: {branches}."
            if where == "start"
            else f"After {where} the path splits: {branches}."
        )
        involved = [node_step(source, nodes), *(node_step(str(e["target"]), nodes) for e in out)]
        indices = [i for i in involved if i is not None and i < len(candidate.steps)]
        claims.append(Claim(text=text, refs=step_refs(candidate, indices)))
        source_step = node_step(source, nodes)
        if source_step is not None:
            decisions[source_step] = f"Decision point: the next step is {branches}."
    caption = (
        f"Task map of “{clean_text(candidate.name)}”: {len(candidate.steps)} steps, "
        f"{len(transitions)} observed transitions, {len(claims)} decision points, "
        f"{candidate.frequency} cases."
    )
    return ProcessMap(caption=caption, transitions=transitions, decision_points=tuple(claims)), (
        decisions
    )


def build_variants(candidate: Candidate) -> tuple[VariantSummary, ...]:
    """Mined variants, most frequent first; the first is the main path."""
    ranked = sorted(candidate.variants, key=lambda v: (-v.count, v.steps))
    if not ranked:
        return ()
    main = ranked[0].steps
    total = max(candidate.frequency, sum(v.count for v in ranked), 1)
    summaries: list[VariantSummary] = []
    for number, variant in enumerate(ranked, start=1):
        steps = tuple(i for i in variant.steps if i < len(candidate.steps))
        if number == 1:
            description = "Main path: " + _list_steps(steps) + "."
            refs = step_refs(candidate, steps)
        else:
            _, description, involved = _compare(main, steps)
            refs = step_refs(candidate, involved)
        summaries.append(
            VariantSummary(
                number=number,
                steps=tuple(i + 1 for i in steps),
                count=variant.count,
                share=round(variant.count / total, 4),
                is_main=number == 1,
                description=description,
                refs=refs,
            )
        )
    return tuple(summaries)


def build_exceptions(
    candidate: Candidate, *, variants: Sequence[VariantSummary], variants_total: int
) -> tuple[ProcessException, ...]:
    """One exception per non-main variant, plus the rare paths the result left out."""
    if not variants:
        return ()
    main = tuple(i - 1 for i in variants[0].steps)
    found: list[ProcessException] = []
    for variant in variants[1:]:
        kind, description, _ = _compare(main, tuple(i - 1 for i in variant.steps))
        found.append(
            ProcessException(
                id=f"X{len(found) + 1}",
                kind=kind,
                description=f"Variant {variant.number}: {description}",
                cases=variant.count,
                refs=variant.refs,
            )
        )
    listed = sum(v.count for v in variants)
    rare = candidate.frequency - listed
    if variants_total > len(variants) and rare > 0:
        found.append(
            ProcessException(
                id=f"X{len(found) + 1}",
                kind="rare_paths",
                description=(
                    f"{variants_total - len(variants)} further paths, {rare} cases in all, "
                    "each too rare to list."
                ),
                cases=rare,
                refs=step_refs(candidate, [0]) if candidate.steps else variants[0].refs,
            )
        )
    return tuple(found)


def _compare(main: Sequence[int], other: Sequence[int]) -> tuple[str, str, list[int]]:
    """(exception kind, description, step indices involved) of ``other`` against ``main``."""
    missing = [i for i in main if i not in other]
    extra = [i for i in other if i not in main]
    last = [other[-1]] if other else []
    if other and tuple(other) == tuple(main[: len(other)]):
        return "incomplete", f"stops after step {other[-1] + 1} (the case is not finished).", last
    if missing and not extra and [i for i in main if i in other] == list(other):
        return "skipped_steps", f"skips {_list_steps(missing)}.", [*missing, *last]
    if not missing and not extra:
        return "reordered", f"the same steps in another order: {_list_steps(other)}.", list(other)
    parts = []
    if missing:
        parts.append(f"skips {_list_steps(missing)}")
    if extra:
        parts.append(f"adds {_list_steps(extra)}")
    return "other_path", "another path: " + " and ".join(parts) + ".", [*missing, *extra, *last]


def _list_steps(indices: Sequence[int]) -> str:
    numbers = [i + 1 for i in indices]
    if len(numbers) == 1:
        return f"step {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[0] + len(numbers))) and len(numbers) > 2:
        return f"steps {numbers[0]}–{numbers[-1]}"
    return "steps " + ", ".join(str(n) for n in numbers)


def _node_name(node_id: str, nodes: dict[str, dict[str, Any]]) -> str:
    step = node_step(node_id, nodes)
    return f"step {step + 1}" if step is not None else node_id


def _node_order(node_id: str, nodes: dict[str, dict[str, Any]]) -> tuple[int, str]:
    step = node_step(node_id, nodes)
    return (-1 if node_id == "start" else 10**9 if step is None else step, node_id)
