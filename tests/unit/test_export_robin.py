"""Power Automate Desktop exporter and Robin validator: real PAD exports pass, the generated
flow passes and carries every step, and the validator catches unbalanced blocks, unclosed
literals and UI-element references the trailer does not define."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from exporters import (
    render_power_automate_flow,
    render_power_automate_package,
    render_power_automate_subflows,
    validate_robin,
)
from exporters.examples import build_example_candidate
from exporters.validate_robin import TRAILER

REFERENCE = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference" / "formats" / "pad"
needs_reference = pytest.mark.skipif(
    not REFERENCE.is_dir(), reason="shared/reference/formats is not checked out beside the project"
)


def _real_clipboard_files() -> list[Path]:
    if not REFERENCE.is_dir():
        return []
    return sorted(p for p in REFERENCE.glob("*.txt") if p.name != "action-ids.txt")


def _real_definitions() -> list[tuple[str, str]]:
    archive = REFERENCE / "PADFramework_1_1_12501_241.zip"
    if not archive.exists():
        return []
    root = etree.fromstring(zipfile.ZipFile(archive).read("customizations.xml"))
    return [(d.getparent().get("Name"), json.loads(d.text)) for d in root.iter("{*}Definition")]


@pytest.fixture(scope="module")
def candidate():
    return build_example_candidate()


@pytest.fixture(scope="module")
def flow(candidate):
    return render_power_automate_flow(candidate)


@needs_reference
@pytest.mark.parametrize("path", _real_clipboard_files(), ids=lambda p: p.name)
def test_real_clipboard_export_passes_validator(path):
    assert validate_robin(path.read_text(encoding="utf-8")) == []


@needs_reference
@pytest.mark.parametrize(("name", "script"), _real_definitions(), ids=lambda v: str(v)[:40])
def test_real_dataverse_definition_passes_validator(name, script):
    assert validate_robin(script, form="definition") == []


def test_real_definition_is_not_clipboard_text():
    definitions = _real_definitions()
    if not definitions:
        pytest.skip("reference solution zip is missing")
    problems = validate_robin(definitions[0][1], form="clipboard")
    assert any("Dataverse definition" in p for p in problems)


def test_generated_subflows_pass_validator(candidate):
    flows = render_power_automate_subflows(candidate)
    assert set(flows) == {"Main", "Variant_1", "Variant_2"}
    for name, text in flows.items():
        assert validate_robin(text) == [], name


def test_flow_ends_with_control_repository_trailer(flow):
    _head, _, tail = flow.partition(TRAILER)
    assert tail, "trailer missing"
    document = json.loads(tail)
    repository = json.loads(document["ControlRepositorySymbols"][0]["Repository"])
    screens = {s["Name"]: s for s in repository["Screens"]}
    assert set(screens) == {
        "Window 'Invoices *.xlsx - Excel'",
        "Window 'New invoice - Google Chrome'",
    }
    excel = screens["Window 'Invoices *.xlsx - Excel'"]
    assert excel["ProcessName"] == "excel"
    # the varying title is not matched on; the process is
    attributes = {a["Name"]: a for a in excel["Selectors"][0]["Elements"][0]["Attributes"]}
    assert attributes["Name"]["Ignore"] is True
    assert attributes["Process"] == {
        "Ignore": False,
        "IsOrdinal": False,
        "Name": "Process",
        "Operation": "EqualTo",
        "Value": "excel",
    }
    save = {c["Name"]: c for c in excel["Controls"]}["Button 'Save'"]
    element = save["Selectors"][0]["Elements"][-1]
    used = {a["Name"]: a["Value"] for a in element["Attributes"] if not a["Ignore"]}
    assert used == {"Id": "FileSave"}


def test_every_step_is_traced_and_linux_step_is_a_comment(flow, candidate):
    total = len(candidate.steps)
    for number in range(1, total + 1):
        assert f"# Step {number} of {total}:" in flow
    gedit = [line for line in flow.splitlines() if "gedit" in line and line.startswith("# TODO")]
    assert len(gedit) == 1
    assert "not a Windows application" in gedit[0]


def test_low_confidence_step_is_disabled_and_others_are_not(flow):
    disabled = [line for line in flow.splitlines() if line.startswith("DISABLE ")]
    assert disabled == [
        "DISABLE MouseAndKeyboard.SendKeys.FocusAndSendKeys TextToSend: $'''{Control}{S}''' "
        "DelayBetweenKeystrokes: 10 SendTextAsHardwareKeys: False"
    ]


def test_values_come_from_variables_and_captures(flow):
    lines = flow.splitlines()
    assert "SET in_Customer TO $'''ACME & Sons <Ltd>'''" in lines
    capture = [line for line in lines if line.startswith("UIAutomation.GetElementDetails")]
    assert capture
    assert capture[0].endswith("AttributeValue=> copied_2")
    amount = [line for line in lines if "Edit \\'Amount\\'" in line]
    assert amount
    assert " Text: copied_2 " in amount[0]
    order = [i for i, line in enumerate(lines) if line in (capture[0], amount[0])]
    assert order == sorted(order)


def test_quotes_in_names_are_escaped_in_references(flow):
    assert "['Button \\'Submit \\'now\\'\\'']" in flow


def test_package_holds_one_text_per_subflow_and_a_readme(candidate):
    archive = zipfile.ZipFile(io.BytesIO(render_power_automate_package(candidate)))
    assert sorted(archive.namelist()) == ["Main.txt", "README.md", "Variant_1.txt", "Variant_2.txt"]
    readme = archive.read("README.md").decode()
    assert "in_Customer" in readme
    assert "Variant_1" in readme


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        ("IF a = 1 THEN\n  SET b TO 2\n", "never closed"),
        ("SET b TO 2\nEND\n", "END without"),
        ("SET b TO $'''open\n", "never closed"),
        ("SET b TO $'''50%'''\n", "unbalanced '%'"),
        ("SET %b% TO 1\n", "bare variable"),
        (
            "UIAutomation.PressButton Button: appmask['Window \\'X\\'']['Button \\'Y\\''] Simulate: False\n",
            "no ControlRepository",
        ),
        ("/# never closed\nSET a TO 1\n", "never closed"),
    ],
)
def test_validator_reports_broken_robin(broken, expected):
    problems = validate_robin(broken)
    assert any(expected in p for p in problems), problems


def test_validator_reports_reference_missing_from_trailer(flow):
    broken = flow.replace("['Button \\'Save\\'']", "['Button \\'Close\\'']", 1)
    problems = validate_robin(broken)
    assert any("Button 'Close'" in p for p in problems)


def test_on_error_repeat_modifier_is_not_a_block():
    # As in real exports: the REPEAT line modifies the action, the ON ERROR below it is the block.
    text = (
        "WebAutomation.CloseWebBrowser BrowserInstance: B\n"
        "    ON ERROR REPEAT 3 TIMES WAIT 3\n"
        "    ON ERROR\n"
        "\n"
        "    END\n"
    )
    assert validate_robin(text) == []
