"""PDD stage, process map image: a candidate's task map -> PNG bytes (matplotlib + networkx).

Guarantees: no display and no global matplotlib state (an Agg canvas on a private ``Figure``);
a deterministic layout (steps snake left-to-right, right-to-left in rows of ``COLUMNS``, in the
routine's order) and no timestamp in the PNG metadata, so the same candidate gives the same
bytes. A candidate without a task map is drawn as the chain of its steps.
"""

from __future__ import annotations

import io
import textwrap
from itertools import pairwise
from typing import Any

import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from taskmine.domain.results import Candidate
from taskmine.pdd.steps import _ACTIONS, clean_text

COLUMNS = 4
DPI = 110
_CELL_W, _CELL_H = 3.0, 1.55
_MAIN_COLOUR, _RARE_COLOUR = "#1f4e79", "#9aa5b1"
_STEP_FILL, _DECISION_FILL, _TERMINAL_FILL = "#e8f0fa", "#fde9c8", "#dfe7d8"


def render_process_map(candidate: Candidate, *, dpi: int = DPI) -> bytes:
    """The task map of ``candidate`` as a PNG image."""
    graph = _graph_of(candidate)
    order = _node_order(graph)
    positions = {node: _cell(i) for i, node in enumerate(order)}
    rows = (len(order) + COLUMNS - 1) // COLUMNS
    figure = Figure(figsize=(COLUMNS * _CELL_W, (rows + 0.3) * _CELL_H), dpi=dpi)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    axes.set_xlim(-0.55, COLUMNS - 0.45)
    axes.set_ylim(-(rows - 0.2), 0.5)
    axes.axis("off")
    top = max((int(d.get("count", 0)) for _, _, d in graph.edges(data=True)), default=1) or 1
    for source, target, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
        _draw_edge(
            axes,
            positions[source],
            positions[target],
            count=int(data.get("count", 0)),
            top=top,
            adjacent=abs(order.index(source) - order.index(target)) == 1,
        )
    for node in order:
        _draw_node(axes, positions[node], graph.nodes[node], candidate=candidate)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def _graph_of(candidate: Candidate) -> nx.DiGraph:
    data: dict[str, Any] = candidate.task_map
    if data.get("nodes"):
        graph: nx.DiGraph = nx.node_link_graph(data, directed=True, multigraph=False, edges="edges")
        return graph
    graph = nx.DiGraph()
    chain = ["start", *(f"s{i}" for i in range(len(candidate.steps))), "end"]
    graph.add_node("start", kind="start")
    graph.add_node("end", kind="end")
    for index in range(len(candidate.steps)):
        graph.add_node(f"s{index}", kind="step", step=index)
    for source, target in pairwise(chain):
        graph.add_edge(source, target, count=candidate.frequency)
    return graph


def _node_order(graph: nx.DiGraph) -> list[str]:
    def key(node: str) -> tuple[int, int, str]:
        kind = graph.nodes[node].get("kind")
        step = graph.nodes[node].get("step")
        if kind == "start":
            return (0, 0, node)
        if kind == "end":
            return (2, 0, node)
        return (1, step if isinstance(step, int) else 10**6, node)

    return sorted(graph.nodes, key=key)


def _cell(index: int) -> tuple[float, float]:
    row, column = divmod(index, COLUMNS)
    if row % 2:  # snake: odd rows run right to left so consecutive steps stay neighbours
        column = COLUMNS - 1 - column
    return float(column), -float(row)


def _label(data: dict[str, Any], candidate: Candidate) -> str:
    kind = data.get("kind")
    if kind in {"start", "end"}:
        return str(kind).capitalize()
    index = data.get("step")
    if not isinstance(index, int) or index >= len(candidate.steps):
        return str(data.get("label", "?"))
    step = candidate.steps[index]
    target = clean_text(step.name) or clean_text(step.automation_id) or clean_text(step.role) or ""
    action = _ACTIONS.get(step.kind, step.kind.value)
    lines = [f"{index + 1}. {action}", *textwrap.wrap(target, 24)[:2], f"[{step.app}]"]
    return "\n".join(lines)


def _draw_node(
    axes: Any, at: tuple[float, float], data: dict[str, Any], *, candidate: Candidate
) -> None:
    kind = data.get("kind")
    support = float(data.get("support", 1.0))
    fill = (
        _TERMINAL_FILL
        if kind in {"start", "end"}
        else (_DECISION_FILL if data.get("decision") else _STEP_FILL)
    )
    axes.text(
        at[0],
        at[1],
        _label(data, candidate),
        ha="center",
        va="center",
        fontsize=8,
        zorder=3,
        bbox={
            "boxstyle": "round,pad=0.5" if kind == "step" else "circle,pad=0.4",
            "facecolor": fill,
            "edgecolor": _MAIN_COLOUR,
            "linestyle": "-" if support >= 0.995 else "--",
            "linewidth": 1.2,
        },
    )


def _draw_edge(
    axes: Any,
    source: tuple[float, float],
    target: tuple[float, float],
    *,
    count: int,
    top: int,
    adjacent: bool,
) -> None:
    share = count / top
    colour = _MAIN_COLOUR if share >= 0.5 else _RARE_COLOUR
    # Neighbours get a straight arrow; longer jumps arc so they do not run through the boxes.
    rad = 0.0 if adjacent else 0.35
    arrow = FancyArrowPatch(
        source,
        target,
        arrowstyle="-|>",
        mutation_scale=12,
        linewidth=0.8 + 2.2 * share,
        color=colour,
        connectionstyle=f"arc3,rad={rad}",
        shrinkA=34,
        shrinkB=34,
        zorder=1,
    )
    axes.add_patch(arrow)
    # The label sits at the curve's midpoint. arc3 bends in display space, where one grid unit
    # is _CELL_W wide but _CELL_H tall, so the offset is computed in inches and scaled back.
    dx, dy = (target[0] - source[0]) * _CELL_W, (target[1] - source[1]) * _CELL_H
    mid_x = (source[0] + target[0]) / 2 + 0.5 * rad * dy / _CELL_W
    mid_y = (source[1] + target[1]) / 2 - 0.5 * rad * dx / _CELL_H
    if adjacent and source[0] == target[0]:
        mid_x += 0.06  # beside a vertical arrow, not on it
        align = "left"
    else:
        mid_y += 0.08
        align = "center"
    axes.text(mid_x, mid_y, str(count), fontsize=7, color=colour, ha=align, zorder=2)
