"""XES, OCEL 2.0 and BPMN exporters: pm4py reads the XES and finds the directly-follows graph
we compute from the events ourselves, the OCEL file validates against the OCEL 2.0 JSON schema,
and the BPMN file validates against the OMG BPMN 2.0 XSD with a left-to-right diagram."""

from __future__ import annotations

import itertools
import json
from collections import Counter, defaultdict
from pathlib import Path

import jsonschema
import networkx as nx
import pytest
from lxml import etree

from exporters import label_event, render_bpmn, render_ocel, render_xes
from exporters.bpmn import NS_BPMN, NS_BPMNDI, NS_DC, NS_DI
from exporters.examples import build_example_candidate, build_example_events

SCHEMAS = Path(__file__).resolve().parents[2] / "exporters" / "schemas"


@pytest.fixture(scope="module")
def events():
    return build_example_events()


@pytest.fixture(scope="module")
def candidate():
    return build_example_candidate()


def direct_dfg(traces: list[list]) -> Counter:
    dfg: Counter = Counter()
    for trace in traces:
        labels = [label_event(e) for e in sorted(trace, key=lambda e: e.timestamp)]
        dfg.update(itertools.pairwise(labels))
    return dfg


def pm4py_dfg(tmp_path, data: bytes) -> tuple[Counter, int]:
    pm4py = pytest.importorskip("pm4py")
    path = tmp_path / "log.xes"
    path.write_bytes(data)
    log = pm4py.read_xes(str(path))
    dfg, _, _ = pm4py.discover_dfg(log)
    return Counter(dict(dfg)), log["case:concept:name"].nunique()


# -- XES -----------------------------------------------------------------------------------


def test_pm4py_finds_the_same_dfg_as_the_session_events(tmp_path, events):
    by_session = defaultdict(list)
    for event in events:
        by_session[event.session_id].append(event)
    dfg, cases = pm4py_dfg(tmp_path, render_xes(events))
    assert cases == len(by_session)
    assert dfg == direct_dfg(list(by_session.values()))


def test_pm4py_finds_the_same_dfg_as_the_candidate_occurrences(tmp_path, events, candidate):
    by_id = {e.event_id: e for e in events}
    traces = [[by_id[i] for i in occ.event_ids] for occ in candidate.occurrences]
    dfg, cases = pm4py_dfg(tmp_path, render_xes(events, candidates=[candidate]))
    assert cases == len(candidate.occurrences)
    assert dfg == direct_dfg(traces)
    # noise between instances is not part of any occurrence trace
    assert not any("outlook.exe" in a or "outlook.exe" in b for a, b in dfg)


def test_xes_declares_the_standard_extensions_and_attributes(events):
    root = etree.fromstring(render_xes(events))
    ns = {"x": "http://www.xes-standard.org/"}
    prefixes = {e.get("prefix"): e.get("uri") for e in root.findall("x:extension", ns)}
    assert prefixes == {
        "concept": "http://www.xes-standard.org/concept.xesext",
        "time": "http://www.xes-standard.org/time.xesext",
        "lifecycle": "http://www.xes-standard.org/lifecycle.xesext",
        "org": "http://www.xes-standard.org/org.xesext",
    }
    first = root.find("x:trace/x:event", ns)
    keys = {a.get("key"): a.get("value") for a in first}
    assert keys["time:timestamp"] == "2026-03-02T09:00:03.250Z"
    assert keys["lifecycle:transition"] == "complete"
    assert keys["org:resource"] == "u01"
    # typed values are not exported
    assert b"ACME" not in render_xes(events)


# -- OCEL 2.0 ------------------------------------------------------------------------------


def test_ocel_validates_against_the_ocel2_json_schema(events, candidate):
    schema = json.loads((SCHEMAS / "ocel20-schema-json.json").read_text())
    document = json.loads(render_ocel(events, [candidate]))
    jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())


def test_ocel_schema_rejects_a_malformed_log():
    schema = json.loads((SCHEMAS / "ocel20-schema-json.json").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {"objectTypes": [], "eventTypes": [], "events": [{"id": "e"}], "objects": []}, schema
        )


def test_ocel_relates_events_to_session_user_app_and_routine_instance(events, candidate):
    document = json.loads(render_ocel(events, [candidate]))
    assert {t["name"] for t in document["objectTypes"]} == {
        "session",
        "user",
        "application",
        "routine-instance",
    }
    objects = {o["id"]: o for o in document["objects"]}
    for event in document["events"]:
        for rel in event["relationships"]:
            assert rel["objectId"] in objects
        assert event["type"] in {t["name"] for t in document["eventTypes"]}
    steps = Counter(
        rel["objectId"]
        for event in document["events"]
        for rel in event["relationships"]
        if rel["qualifier"] == "step-of"
    )
    assert steps == {
        f"routine:c1#{n}": len(occ.event_ids) for n, occ in enumerate(candidate.occurrences, 1)
    }
    noise = [e for e in document["events"] if "outlook.exe" in e["type"]]
    assert noise
    assert all(all(r["qualifier"] != "step-of" for r in e["relationships"]) for e in noise)


# -- BPMN 2.0 ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bpmn_schema():
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "bpmn" / "BPMN20.xsd")))


def _flow_nodes(root):
    process = root.find(f"{{{NS_BPMN}}}process")
    return {
        el.get("id"): el for el in process if el.get("id") and not el.tag.endswith("sequenceFlow")
    }


def test_bpmn_from_variants_validates_against_the_xsd(bpmn_schema, candidate):
    root = etree.fromstring(render_bpmn(candidate))
    assert bpmn_schema.validate(root), bpmn_schema.error_log


def test_bpmn_has_exclusive_gateways_at_decision_points(candidate):
    root = etree.fromstring(render_bpmn(candidate))
    gateways = root.findall(f".//{{{NS_BPMN}}}exclusiveGateway")
    # variant 2 adds the optional ctrl+s step between submit and gedit: one split, one join
    assert len(gateways) == 2
    split = [g for g in gateways if len(g.findall(f"{{{NS_BPMN}}}outgoing")) == 2]
    join = [g for g in gateways if len(g.findall(f"{{{NS_BPMN}}}incoming")) == 2]
    assert len(split) == 1
    assert len(join) == 1


def test_bpmn_diagram_has_a_shape_per_node_laid_out_left_to_right(candidate):
    root = etree.fromstring(render_bpmn(candidate))
    nodes = _flow_nodes(root)
    shapes = {s.get("bpmnElement"): s for s in root.iter(f"{{{NS_BPMNDI}}}BPMNShape")}
    assert set(shapes) == set(nodes)
    x = {k: float(s.find(f"{{{NS_DC}}}Bounds").get("x")) for k, s in shapes.items()}
    flows = root.findall(f".//{{{NS_BPMN}}}sequenceFlow")
    edges = {e.get("bpmnElement") for e in root.iter(f"{{{NS_BPMNDI}}}BPMNEdge")}
    assert edges == {f.get("id") for f in flows}
    for flow in flows:
        assert x[flow.get("sourceRef")] < x[flow.get("targetRef")], flow.get("id")
    for edge in root.iter(f"{{{NS_BPMNDI}}}BPMNEdge"):
        assert len(edge.findall(f"{{{NS_DI}}}waypoint")) >= 2


def test_bpmn_uses_the_discovered_task_map_when_present(bpmn_schema, candidate):
    graph = nx.DiGraph()
    graph.add_node("start")
    graph.add_node("end")
    for index in range(3):
        graph.add_node(f"t{index}", step=index, label=f"t{index}")
    graph.add_edges_from([("start", "t0"), ("t0", "t1"), ("t1", "t0"), ("t1", "t2"), ("t2", "end")])
    with_map = candidate.model_copy(update={"task_map": nx.node_link_data(graph, edges="links")})
    root = etree.fromstring(render_bpmn(with_map))
    assert bpmn_schema.validate(root), bpmn_schema.error_log
    tasks = root.findall(f".//{{{NS_BPMN}}}task")
    assert len(tasks) == 3  # only the map's steps, not all nine
    # the loop t1 -> t0 makes t1 a decision point and t0 a merge point
    assert len(root.findall(f".//{{{NS_BPMN}}}exclusiveGateway")) == 2
