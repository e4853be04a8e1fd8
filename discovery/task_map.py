"""Stage 4, task map: one routine's occurrences -> a directed graph of steps and transitions.

Nodes are the routine's steps (plus ``start`` and ``end``), edges the observed transitions with
their counts; a step with more than one outgoing transition is a decision point. The graph is
returned as networkx node-link JSON (``edges`` key), ready for ``Candidate.task_map``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx

from discovery.flat import END_CODE, START_CODE, FlatSteps

START = "start"
END = "end"


def build_task_map(
    step_sequences: Sequence[Sequence[int]] | FlatSteps, *, step_labels: Sequence[str]
) -> nx.DiGraph:
    """The step graph of a routine from each occurrence's step sequence."""
    flat = step_sequences if isinstance(step_sequences, FlatSteps) else FlatSteps.of(step_sequences)
    graph: nx.DiGraph = nx.DiGraph()
    occurrences = max(flat.occurrences, 1)
    presence = flat.presence(len(step_labels)).tolist()
    graph.add_node(START, label=START, kind="start")
    for index, label in enumerate(step_labels):
        support = presence[index] / occurrences
        graph.add_node(f"s{index}", label=label, kind="step", step=index, support=support)
    graph.add_node(END, label=END, kind="end")
    transitions = {
        (_node(source), _node(target)): count for source, target, count in flat.transitions()
    }
    for (source, target), count in sorted(transitions.items()):
        graph.add_edge(source, target, count=count)
    for node in graph.nodes:
        graph.nodes[node]["decision"] = graph.out_degree(node) > 1
    return graph


def _node(code: int) -> str:
    if code == START_CODE:
        return START
    return END if code == END_CODE else f"s{code}"


def count_decision_points(graph: nx.DiGraph) -> int:
    """Steps (and the start) where the observed path splits."""
    return sum(1 for _, data in graph.nodes(data=True) if data.get("decision"))


def serialise_task_map(graph: nx.DiGraph) -> dict[str, Any]:
    """Node-link JSON of the task map (networkx ``node_link_data`` with an ``edges`` key)."""
    data: dict[str, Any] = nx.node_link_data(graph, edges="edges")
    return data
