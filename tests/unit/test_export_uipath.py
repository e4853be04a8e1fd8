"""UiPath exporter and validators: real Studio files pass, generated projects pass and say
everything the mined routine says (every step traced, placeholders, disabled steps, arguments,
copied values, escaped selectors), and the validators catch the known ways to break a file."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from exporters import render_uipath_project, validate_uipath_project, validate_xaml
from exporters.examples import build_example_candidate
from exporters.uipath_ns import NS_SAP2010, NS_UI, NS_UIX, NS_X
from exporters.uipath_profiles import CLASSIC, MODERN
from exporters.uipath_selectors import build_full_selector
from exporters.uipath_xaml import class_name_for
from exporters.validate import validate_project_json
from taskmine.domain import EventKind, Step

REFERENCE = (
    Path(__file__).resolve().parents[2] / ".." / "shared" / "reference" / "formats" / "uipath"
)
needs_reference = pytest.mark.skipif(
    not REFERENCE.is_dir(), reason="shared/reference/formats is not checked out beside the project"
)
ANNOTATION = f"{{{NS_SAP2010}}}Annotation.AnnotationText"


def unzip(data: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}


def zip_folder(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in folder.iterdir():
            archive.write(path, f"{folder.name}/{path.name}")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def candidate():
    return build_example_candidate()


@pytest.fixture(scope="module", params=["classic", "modern"])
def project(request, candidate):
    return request.param, unzip(render_uipath_project(candidate, profile=request.param))


# -- the validators accept real Studio output ----------------------------------------------


@needs_reference
@pytest.mark.parametrize(
    "path", sorted(REFERENCE.rglob("*.xaml")) if REFERENCE.is_dir() else [], ids=str
)
def test_real_studio_workflow_passes_validator(path):
    assert validate_xaml(path.read_bytes(), expected_class=class_name_for(path.name)) == []


@needs_reference
@pytest.mark.parametrize(
    "path", sorted(REFERENCE.rglob("project.json")) if REFERENCE.is_dir() else [], ids=str
)
def test_real_project_json_passes_validator(path):
    assert validate_project_json(path.read_bytes()) == []


@needs_reference
@pytest.mark.parametrize("folder", ["blank-windows-vb", "modern-desktop-vb-studio24"])
def test_real_complete_project_passes_validator(folder):
    assert validate_uipath_project(zip_folder(REFERENCE / folder)) == []


@needs_reference
def test_modern_profile_versions_are_the_real_studio_files_versions():
    # BrittleBot was saved by Studio 24.2 with UIAutomation 23.12.0, the pinned package.
    studio = json.loads((REFERENCE / "modern-desktop-vb-studio24" / "project.json").read_text())
    assert studio["dependencies"]["UiPath.UIAutomation.Activities"] == (
        f"[{MODERN.uiautomation_activities}]"
    )
    root = etree.parse(str(REFERENCE / "modern-desktop-vb-studio24" / "Main.xaml")).getroot()
    seen = {
        etree.QName(el).localname: el.get("Version")
        for el in root.iter()
        if isinstance(el.tag, str) and el.tag.startswith(f"{{{NS_UIX}}}") and el.get("Version")
    }
    for activity, version in MODERN.modern_versions.items():
        if version is not None:
            assert seen[activity] == version


# -- generated projects --------------------------------------------------------------------


def test_generated_project_passes_validator_for_its_profile(candidate):
    for profile in (CLASSIC, MODERN):
        data = render_uipath_project(candidate, profile=profile.name)
        assert validate_uipath_project(data, profile=profile) == []


def test_project_json_pins_the_profile_and_names_existing_main(project):
    _, files = project
    manifest = json.loads(files["project.json"])
    assert manifest["main"] in files
    assert manifest["targetFramework"] == "Windows"
    assert manifest["expressionLanguage"] == "VisualBasic"
    assert manifest["dependencies"] == {
        "UiPath.System.Activities": "[24.2.0]",
        "UiPath.UIAutomation.Activities": "[23.12.0]",
    }
    assert manifest["designOptions"]["projectProfile"] == "Developement"


def test_one_workflow_per_variant_with_matching_class(project, candidate):
    _, files = project
    variants = sorted(p for p in files if p.startswith("Variants/"))
    assert len(variants) == len(candidate.variants)
    for path in variants:
        root = etree.fromstring(files[path])
        assert root.get(f"{{{NS_X}}}Class") == class_name_for(path)


def test_every_mined_step_is_traced_in_main(project, candidate):
    _, files = project
    text = files["Main.xaml"].decode()
    total = len(candidate.steps)
    for number in range(1, total + 1):
        assert f"Step {number} of {total}" in text, f"step {number} was dropped"


def test_linux_step_becomes_comment_placeholder_with_role_and_path(project):
    _, files = project
    root = etree.fromstring(files["Main.xaml"])
    comments = [c for c in root.iter(f"{{{NS_UI}}}Comment") if "gedit" in c.get("Text", "")]
    assert len(comments) == 1
    text = comments[0].get("Text")
    assert "role=text" in text
    assert "frame 'notes.txt - gedit' > scroll pane > text" in text
    assert "not a Windows application" in text


def test_low_confidence_step_is_inside_comment_out(project):
    _, files = project
    root = etree.fromstring(files["Main.xaml"])
    disabled = list(root.iter(f"{{{NS_UI}}}CommentOut"))
    assert len(disabled) == 1
    inner = [el.get(ANNOTATION, "") for el in disabled[0].iter() if el.get(ANNOTATION)]
    assert any("Step 7 of 9" in a for a in inner)
    # and nothing else is disabled
    outside = [
        el
        for el in root.iter()
        if "Step 7 of 9" in el.get(ANNOTATION, "") and disabled[0] not in el.iterancestors()
    ]
    assert outside == []


def test_varying_value_is_an_argument_with_recorded_default(project):
    _, files = project
    root = etree.fromstring(files["Main.xaml"])
    props = root.findall(f"{{{NS_X}}}Members/{{{NS_X}}}Property")
    assert [(p.get("Name"), p.get("Type")) for p in props] == [
        ("in_Customer", "InArgument(x:String)")
    ]
    assert root.get("{clr-namespace:}Main.in_Customer") == "ACME & Sons <Ltd>"
    assert b'Text="[in_Customer]"' in files["Main.xaml"]


def test_copied_value_is_read_by_get_value_and_feeds_type_into(project):
    _, files = project
    root = etree.fromstring(files["Main.xaml"])
    get_values = list(root.iter(f"{{{NS_UI}}}GetValue"))
    assert len(get_values) == 1
    out = get_values[0].find(f"{{{NS_UI}}}GetValue.Value/*")
    variable = out.text.strip("[]")
    typed = [el for el in root.iter() if el.get("Text") == f"[{variable}.ToString]"]
    assert len(typed) == 1
    assert "Amount" in typed[0].get("DisplayName")
    # the read happens before the write in document order
    order = list(root.iter())
    assert order.index(get_values[0]) < order.index(typed[0])


def test_classic_profile_uses_classic_activities_only(candidate):
    files = unzip(render_uipath_project(candidate, profile="classic"))
    text = files["Main.xaml"]
    assert b"uix:" not in text
    for tag in (b"<ui:OpenApplication", b"<ui:BrowserScope", b"<ui:Click", b"<ui:TypeInto"):
        assert tag in text


def test_modern_profile_links_children_to_their_card(candidate):
    files = unzip(render_uipath_project(candidate, profile="modern"))
    root = etree.fromstring(files["Main.xaml"])
    cards = list(root.iter(f"{{{NS_UIX}}}NApplicationCard"))
    assert len(cards) == 3  # excel, chrome, excel again
    for card in cards:
        for child in card.iter(f"{{{NS_UIX}}}NTypeInto"):
            assert child.get("ScopeIdentifier") == card.get("ScopeGuid")
            assert child.get("Version") == "V3"
    assert len({c.get("ScopeGuid") for c in cards}) == 3


def test_rendering_is_deterministic(candidate):
    assert render_uipath_project(candidate, profile="modern") == render_uipath_project(
        candidate, profile="modern"
    )


def test_unknown_profile_is_refused_with_the_valid_names(candidate):
    with pytest.raises(ValueError, match="classic, modern"):
        render_uipath_project(candidate, profile="studiox")


# -- selectors -----------------------------------------------------------------------------


def _selector_values(xaml: bytes) -> list[str]:
    root = etree.fromstring(xaml)
    return [el.get("Selector") for el in root.iter() if el.get("Selector")]


def test_selector_values_are_escaped_once_inside_the_selector(project):
    _, files = project
    selectors = _selector_values(files["Main.xaml"])
    # Studio convention: &apos; inside the selector, which the XAML file stores as &amp;apos;
    assert b"Submit &amp;apos;now&amp;apos;" in files["Main.xaml"]
    submit = [s for s in selectors if "Submit" in s]
    fragment = etree.fromstring(f"<s>{submit[0]}</s>")
    assert [el.get("aaname") for el in fragment][-1] == "Submit 'now'"


def test_varying_window_titles_become_wildcards(project):
    _, files = project
    selectors = _selector_values(files["Main.xaml"])
    assert any("title='* - Excel'" in s for s in selectors)
    assert not any("<id>" in s for s in selectors)


@settings(max_examples=60, deadline=None)
@given(
    # "<...>" and "#" are the miner's abstracted parts: they become "*" wildcards.
    name=st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="<#"),
        min_size=1,
        max_size=30,
    )
)
def test_any_element_name_round_trips_through_the_selector(name):
    step = Step(
        kind=EventKind.CLICK, app="excel.exe", role="push button", name=name, window="Book1 - Excel"
    )
    selector = build_full_selector(step)
    fragment = etree.fromstring(f"<s>{selector}</s>")
    assert fragment[-1].get("name") == name
    assert fragment[0].get("app") == "excel.exe"


# -- the validators catch broken files -----------------------------------------------------


def _main(candidate, profile="classic") -> bytes:
    return unzip(render_uipath_project(candidate, profile=profile))["Main.xaml"]


def test_validator_reports_wrong_class_name(candidate):
    problems = validate_xaml(_main(candidate), expected_class="Workflows_Main")
    assert any("x:Class" in p for p in problems)


def test_validator_reports_duplicate_id_refs(candidate):
    broken = _main(candidate).replace(b'IdRef="Click_2"', b'IdRef="Click_1"')
    assert any("Click_1" in p for p in validate_xaml(broken, expected_class="Main"))


def test_validator_reports_unescaped_selector(candidate):
    text = _main(candidate).decode()
    broken = re.sub(
        r"Selector=\"&lt;ctrl name='Sheet1'", 'Selector="&lt;ctrl name=Sheet1', text, count=1
    )
    assert broken != text
    assert any("selector" in p for p in validate_xaml(broken.encode(), expected_class="Main"))


def test_validator_reports_wrong_target_slot_and_missing_version(candidate):
    text = _main(candidate, "modern").decode()
    broken = text.replace("uix:NTypeInto.Target", "uix:NTypeInto.TargetAnchorable", 2)
    problems = validate_xaml(broken.encode(), expected_class="Main", profile=MODERN)
    assert any(".TargetAnchorable" in p for p in problems)
    unversioned = text.replace(' Version="V3"', "", 1)
    problems = validate_xaml(unversioned.encode(), expected_class="Main", profile=MODERN)
    assert any("Version" in p for p in problems)


def test_validator_reports_missing_main_and_bad_dependency(candidate):
    files = unzip(render_uipath_project(candidate))
    manifest = json.loads(files["project.json"])
    manifest["main"] = "Start.xaml"
    manifest["dependencies"]["UiPath.System.Activities"] = "latest"
    problems = validate_project_json(json.dumps(manifest).encode(), files=set(files))
    assert any("Start.xaml" in p for p in problems)
    assert any("latest" in p for p in problems)


def test_validator_reports_stray_unnamespaced_element(candidate):
    broken = _main(candidate).replace(
        b'<Sequence DisplayName="Do"', b'<Stray/><Sequence DisplayName="Do"', 1
    )
    broken = broken.replace(b"<Stray/>", b'<Stray xmlns=""/>')
    problems = validate_xaml(broken, expected_class="Main")
    assert any("no namespace" in p for p in problems)
