"""Exporters, process models: a candidate's task map as BPMN 2.0 XML with diagram layout.

The task map is the networkx node-link JSON that discovery stores in ``Candidate.task_map``
(``nodes`` with an ``id`` and optionally ``step`` (index into ``steps``) / ``label``; ``links``
or ``edges`` with ``source`` / ``target``; nodes named ``start`` / ``end`` are the routine's
boundaries). When it is empty, the map is derived from the variants (consecutive steps become
edges), and failing that from the step order. Every node with several successors gets a
diverging exclusive gateway, every node with several predecessors a converging one. BPMNDI
shapes and edges are laid out left to right by longest path from the start, so bpmn.io and
Camunda Modeler open the file as drawn. Output validates against the OMG BPMN 2.0 XSD.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from lxml import etree

from exporters.steps import describe_step
from taskmine.domain import Candidate

NS_BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
NS_BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
NS_DC = "http://www.omg.org/spec/DD/20100524/DC"
NS_DI = "http://www.omg.org/spec/DD/20100524/DI"
_START, _END = "__start__", "__end__"
_SIZES = {"task": (100.0, 80.0), "gateway": (50.0, 50.0), "event": (36.0, 36.0)}
_COLUMN, _ROW, _LEFT, _TOP = 150.0, 120.0, 80.0, 80.0


@dataclass
class _Node:
    id: str
    kind: str  # task, gateway, event
    name: str
    bpmn_tag: str
    documentation: str = ""


def render_bpmn(candidate: Candidate) -> bytes:
    """BPMN 2.0 XML (process + diagram) of the candidate's task map."""
    task_edges, labels, docs = _read_task_map(candidate)
    nodes, flows = _build_flow_graph(task_edges, labels, docs)
    positions = _layout(nodes, flows)
    return _serialise(candidate, nodes, flows, positions)


def _read_task_map(
    candidate: Candidate,
) -> tuple[set[tuple[str, str]], dict[str, str], dict[str, str]]:
    """Edges between task ids (plus start/end), task labels and documentation."""
    labels: dict[str, str] = {}
    docs: dict[str, str] = {}
    edges: set[tuple[str, str]] = set()
    total = len(candidate.steps)

    def task_for_step(index: int) -> str:
        tid = f"step_{index + 1}"
        step = candidate.steps[index]
        labels[tid] = f"{step.kind.value} {step.name or step.role or ''} ({step.app})".replace(
            "  ", " "
        )
        docs[tid] = describe_step(step, index, total=total)
        return tid

    graph: dict[str, Any] = candidate.task_map
    if graph.get("nodes"):
        ids: dict[Any, str] = {}
        for node in graph["nodes"]:
            raw = node.get("id")
            if str(raw).lower() in {"start", _START, "▶"}:
                ids[raw] = _START
            elif str(raw).lower() in {"end", _END, "■"}:
                ids[raw] = _END
            elif isinstance(node.get("step"), int) and 0 <= node["step"] < total:
                ids[raw] = task_for_step(node["step"])
            elif isinstance(raw, int) and 0 <= raw < total:
                ids[raw] = task_for_step(raw)
            else:
                tid = f"node_{len(ids) + 1}"
                labels[tid] = str(node.get("label") or raw)
                ids[raw] = tid
        for link in graph.get("links", graph.get("edges", [])):
            if link.get("source") in ids and link.get("target") in ids:
                edges.add((ids[link["source"]], ids[link["target"]]))
    else:
        orders = [v.steps for v in candidate.variants] or [tuple(range(total))]
        for order in orders:
            valid = [task_for_step(i) for i in order if 0 <= i < total]
            if not valid:
                continue
            edges.add((_START, valid[0]))
            edges.update(pairwise(valid))
            edges.add((valid[-1], _END))
    # Tasks nothing leads to hang off the start; tasks leading nowhere end the process.
    targets = {t for _, t in edges}
    sources = {s for s, _ in edges}
    for tid in labels:
        if tid not in targets:
            edges.add((_START, tid))
        if tid not in sources:
            edges.add((tid, _END))
    return edges, labels, docs


def _build_flow_graph(
    edges: set[tuple[str, str]], labels: dict[str, str], docs: dict[str, str]
) -> tuple[dict[str, _Node], list[tuple[str, str, str]]]:
    nodes = {
        _START: _Node("StartEvent_1", "event", "Start", "startEvent"),
        _END: _Node("EndEvent_1", "event", "End", "endEvent"),
    }
    for tid, label in labels.items():
        nodes[tid] = _Node(f"Task_{tid}", "task", label, "task", docs.get(tid, ""))
    successors: dict[str, list[str]] = defaultdict(list)
    predecessors: dict[str, list[str]] = defaultdict(list)
    for source, target in sorted(edges):
        successors[source].append(target)
        predecessors[target].append(source)
    # Route edges through gateways: "out" after a node with several successors, "in" before
    # a node with several predecessors.
    entry = {n: n for n in nodes}
    exit_ = {n: n for n in nodes}
    flows: list[tuple[str, str, str]] = []
    for node in list(nodes):
        if len(predecessors[node]) > 1:
            gid = f"{node}__join"
            nodes[gid] = _Node(f"Gateway_{_slug(gid)}", "gateway", "", "exclusiveGateway")
            flows.append((gid, node, ""))
            entry[node] = gid
        if len(successors[node]) > 1:
            gid = f"{node}__split"
            nodes[gid] = _Node(f"Gateway_{_slug(gid)}", "gateway", "", "exclusiveGateway")
            flows.append((node, gid, ""))
            exit_[node] = gid
    for source, target in sorted(edges):
        flows.append((exit_[source], entry[target], ""))
    return nodes, [(s, t, f"Flow_{i + 1}") for i, (s, t, _) in enumerate(flows)]


def _layout(
    nodes: dict[str, _Node], flows: list[tuple[str, str, str]]
) -> dict[str, tuple[float, float]]:
    """Centre points: column = longest acyclic path from the start, row = order in column."""
    successors: dict[str, list[str]] = defaultdict(list)
    for source, target, _ in flows:
        successors[source].append(target)
    # Breadth-first discovery order defines which edges are "back" edges (loops).
    order: dict[str, int] = {_START: 0}
    queue = deque([_START])
    while queue:
        node = queue.popleft()
        for nxt in successors[node]:
            if nxt not in order:
                order[nxt] = len(order)
                queue.append(nxt)
    for node in nodes:
        order.setdefault(node, len(order))
    column = dict.fromkeys(nodes, 0)
    for _ in range(len(nodes)):
        changed = False
        for source, target, _ in flows:
            if order[target] > order[source] and column[target] < column[source] + 1:
                column[target] = column[source] + 1
                changed = True
        if not changed:
            break
    column[_END] = max(column.values()) + 1 if len(nodes) > 1 else 1
    rows: dict[int, int] = defaultdict(int)
    positions = {}
    for node in sorted(nodes, key=lambda n: order[n]):
        c = column[node]
        positions[node] = (_LEFT + c * _COLUMN, _TOP + rows[c] * _ROW)
        rows[c] += 1
    return positions


def _serialise(
    candidate: Candidate,
    nodes: dict[str, _Node],
    flows: list[tuple[str, str, str]],
    positions: dict[str, tuple[float, float]],
) -> bytes:
    nsmap = {"bpmn": NS_BPMN, "bpmndi": NS_BPMNDI, "dc": NS_DC, "di": NS_DI}
    root = etree.Element(f"{{{NS_BPMN}}}definitions", nsmap=nsmap)
    root.set("id", "Definitions_1")
    root.set("targetNamespace", "https://taskmine.dev/bpmn")
    root.set("exporter", "taskmine")
    root.set("exporterVersion", "1")
    process_id = f"Process_{_slug(candidate.id)}"
    process = etree.SubElement(root, f"{{{NS_BPMN}}}process", id=process_id, isExecutable="false")
    process.set("name", candidate.name)
    incoming: dict[str, list[str]] = defaultdict(list)
    outgoing: dict[str, list[str]] = defaultdict(list)
    for source, target, fid in flows:
        outgoing[source].append(fid)
        incoming[target].append(fid)
    for key, node in nodes.items():
        el = etree.SubElement(process, f"{{{NS_BPMN}}}{node.bpmn_tag}", id=node.id)
        if node.name:
            el.set("name", node.name)
        if node.documentation:
            etree.SubElement(el, f"{{{NS_BPMN}}}documentation").text = node.documentation
        for fid in incoming[key]:
            etree.SubElement(el, f"{{{NS_BPMN}}}incoming").text = fid
        for fid in outgoing[key]:
            etree.SubElement(el, f"{{{NS_BPMN}}}outgoing").text = fid
    for source, target, fid in flows:
        etree.SubElement(
            process,
            f"{{{NS_BPMN}}}sequenceFlow",
            id=fid,
            sourceRef=nodes[source].id,
            targetRef=nodes[target].id,
        )

    diagram = etree.SubElement(root, f"{{{NS_BPMNDI}}}BPMNDiagram", id="BPMNDiagram_1")
    plane = etree.SubElement(
        diagram, f"{{{NS_BPMNDI}}}BPMNPlane", id="BPMNPlane_1", bpmnElement=process_id
    )
    for key, node in nodes.items():
        width, height = _SIZES[node.kind]
        cx, cy = positions[key]
        shape = etree.SubElement(
            plane, f"{{{NS_BPMNDI}}}BPMNShape", id=f"{node.id}_di", bpmnElement=node.id
        )
        if node.kind == "gateway":
            shape.set("isMarkerVisible", "true")
        etree.SubElement(
            shape,
            f"{{{NS_DC}}}Bounds",
            x=_num(cx - width / 2),
            y=_num(cy - height / 2),
            width=_num(width),
            height=_num(height),
        )
    for source, target, fid in flows:
        edge = etree.SubElement(plane, f"{{{NS_BPMNDI}}}BPMNEdge", id=f"{fid}_di", bpmnElement=fid)
        for x, y in _route(positions[source], positions[target], nodes[source], nodes[target]):
            etree.SubElement(edge, f"{{{NS_DI}}}waypoint", x=_num(x), y=_num(y))
    data: bytes = etree.tostring(root, encoding="utf-8", xml_declaration=True, pretty_print=True)
    return data


def _route(
    a: tuple[float, float], b: tuple[float, float], source: _Node, target: _Node
) -> list[tuple[float, float]]:
    """Waypoints from the right side of ``a`` to the left side of ``b``; loops go underneath."""
    ax, ay = a[0] + _SIZES[source.kind][0] / 2, a[1]
    bx, by = b[0] - _SIZES[target.kind][0] / 2, b[1]
    if bx > ax:
        if ay == by:
            return [(ax, ay), (bx, by)]
        middle = (ax + bx) / 2
        return [(ax, ay), (middle, ay), (middle, by), (bx, by)]
    below = max(ay, by) + _ROW / 2
    return [
        (a[0], a[1] + _SIZES[source.kind][1] / 2),
        (a[0], below),
        (b[0], below),
        (b[0], b[1] + _SIZES[target.kind][1] / 2),
    ]


def _num(value: float) -> str:
    return f"{value:g}"


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "_-" else "_" for ch in text)
