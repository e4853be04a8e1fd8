"""Exporters, validation: structural checks for UiPath projects and XAML workflows.

UiPath publishes no XSD (XAML is checked by CLR type resolution inside Studio), so these are
the checklist rules of FORMATS.md §4.2, tuned so that every real Studio-saved file in
``shared/reference/formats/uipath`` passes: project.json fields and values, ``x:Class`` versus
the file path, namespaces and ``mc:Ignorable``, imports and references for the activities
used, expression-language consistency, unique IdRefs, enum values, scope/body structure,
modern ``ScopeIdentifier`` links, and selectors parsed as XML fragments. Problems come back as
sentences; an empty list means the file passed.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

from lxml import etree

from exporters.uipath_ns import NS_ACT, NS_MC, NS_SAP2010, NS_UI, NS_UIX, NS_X
from exporters.uipath_profiles import UiPathProfile
from exporters.uipath_xaml import class_name_for

_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_VERSION = re.compile(r"^\[?\d+(\.\d+){1,3}(-[\w.-]+)?\]?$")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_AUTO_PREFIX = re.compile(r"<(ns\d+|d\d+p\d+):")
_DESIGNER_PREFIXES = {"sap", "sap2010", "sads"}
_SELECTOR_PREFIXES = ("omit", "check", "matching", "fuzzylevel")
_SELECTOR_TAGS = {"wnd", "ctrl", "uia", "html", "webctrl", "java", "sap", "ctrl2", "nav", "wpf"}
_TOP_TAGS = {"wnd", "html", "java", "sap"}
_SELECTOR_ATTRS = (
    "Selector",
    "FullSelectorArgument",
    "FuzzySelectorArgument",
    "ScopeSelectorArgument",
)
_SCOPES = {
    "OpenApplication",
    "WindowScope",
    "BrowserScope",
    "OpenBrowser",
    "ElementScope",
    "NApplicationCard",
}
_ENUMS = {
    "ClickType": {
        "CLICK_SINGLE",
        "CLICK_DOUBLE",
        "CLICK_DOWN",
        "CLICK_UP",
        "Single",
        "Double",
        "Down",
        "Up",
    },
    "MouseButton": {"BTN_LEFT", "BTN_RIGHT", "BTN_MIDDLE", "Left", "Right", "Middle"},
    "EmptyFieldMode": {"None", "SingleLine", "MultiLine"},
    "ClickBeforeMode": {"None", "Single", "Double"},
    "OpenMode": {"Never", "IfNotOpen", "Always"},
}
_PROJECT_KEYS = (
    "name",
    "main",
    "dependencies",
    "schemaVersion",
    "studioVersion",
    "projectVersion",
    "expressionLanguage",
)


def validate_uipath_project(zip_bytes: bytes, *, profile: UiPathProfile | None = None) -> list[str]:
    """Problems with a zipped Studio project folder (``project.json`` + workflows)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(zip_bytes))
    except zipfile.BadZipFile:
        return ["not a zip file; export the project again"]
    names = [n for n in archive.namelist() if not n.endswith("/")]
    manifests = sorted((n for n in names if n.rsplit("/", 1)[-1] == "project.json"), key=len)
    if not manifests:
        return ["project.json is missing from the zip"]
    root = manifests[0][: -len("project.json")]
    files = {n[len(root) :]: archive.read(n) for n in names if n.startswith(root)}
    problems = validate_project_json(files["project.json"], files=set(files), profile=profile)
    try:
        language = json.loads(files["project.json"]).get("expressionLanguage")
    except (json.JSONDecodeError, UnicodeDecodeError, AttributeError):
        language = None
    for path, data in sorted(files.items()):
        if path.endswith(".xaml"):
            xaml_problems = validate_xaml(
                data,
                expected_class=class_name_for(path),
                profile=profile,
                expression_language=language,
            )
            problems += [f"{path}: {p}" for p in xaml_problems]
    return problems


def validate_project_json(
    data: bytes, *, files: set[str] | None = None, profile: UiPathProfile | None = None
) -> list[str]:
    """Problems with one ``project.json``; ``files`` (paths in the project) enables path checks."""
    try:
        doc: dict[str, Any] = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return [f"project.json is not JSON: {error}"]
    problems = [f"project.json lacks '{key}'" for key in _PROJECT_KEYS if key not in doc]
    if doc.get("schemaVersion", "4.0") != "4.0":
        problems.append(
            f"project.json schemaVersion is {doc['schemaVersion']!r}, Studio writes '4.0'"
        )
    if doc.get("expressionLanguage") not in {"VisualBasic", "CSharp"}:
        problems.append("project.json expressionLanguage must be 'VisualBasic' or 'CSharp'")
    if doc.get("targetFramework", "Legacy") not in {"Windows", "Portable", "Legacy"}:
        problems.append("project.json targetFramework must be Windows, Portable or Legacy")
    design = doc.get("designOptions", {})
    if design.get("outputType", "Process") == "Process":
        problems += [
            f"project.json lacks '{k}' (a Process needs it)"
            for k in ("runtimeOptions", "designOptions", "entryPoints")
            if k not in doc
        ]
        if design and design.get("projectProfile") not in {"Developement", "Business"}:
            problems.append(
                "designOptions.projectProfile must be 'Developement' (sic) or 'Business'"
            )
    dependencies = doc.get("dependencies", {})
    for package, version in dependencies.items():
        if not isinstance(version, str) or not _VERSION.match(version):
            problems.append(f"dependency {package} has version {version!r}; write '[x.y.z]'")
    if profile is not None:
        for package, version in (
            ("UiPath.System.Activities", profile.system_activities),
            ("UiPath.UIAutomation.Activities", profile.uiautomation_activities),
        ):
            if dependencies.get(package) != f"[{version}]":
                problems.append(
                    f"dependency {package} must be [{version}] for the {profile.name} profile"
                )
    for entry in doc.get("entryPoints", []):
        if not _GUID.match(str(entry.get("uniqueId", ""))):
            problems.append(f"entry point {entry.get('filePath')!r} uniqueId is not a GUID")
    if files is not None:
        wanted = [doc.get("main", "")] + [e.get("filePath", "") for e in doc.get("entryPoints", [])]
        problems += [
            f"project.json names {path!r} but the project has no such file"
            for path in dict.fromkeys(wanted)
            if path not in files
        ]
        uses_ui = any(p.endswith(".xaml") for p in files)
        if uses_ui and doc.get("targetFramework") == "Portable":
            problems.append("desktop UI activities need targetFramework 'Windows', not 'Portable'")
    return problems


def validate_xaml(
    xml_bytes: bytes,
    *,
    expected_class: str,
    profile: UiPathProfile | None = None,
    expression_language: str | None = None,
) -> list[str]:
    """Problems with one workflow file (FORMATS.md §4.2 rules 6 to 17)."""
    try:
        root = etree.fromstring(xml_bytes, parser=etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError as error:
        return [f"not well-formed XML: {error}"]
    if root.tag != f"{{{NS_ACT}}}Activity":
        return [f"root element is {root.tag}, expected Activity in {NS_ACT}"]
    problems: list[str] = []
    problems += _check_class(root, expected_class)
    problems += _check_namespaces(root, xml_bytes)
    problems += _check_root_children(root)
    problems += _check_imports(root)
    problems += _check_language(root, expression_language)
    problems += _check_activities(root, profile)
    return problems


def _check_class(root: etree._Element, expected: str) -> list[str]:
    actual = root.get(f"{{{NS_X}}}Class")
    if actual != expected:
        return [f"x:Class is {actual!r}, but the file path requires {expected!r}"]
    if not _IDENTIFIER.match(expected):
        return [f"x:Class {expected!r} is not a valid identifier (no dots or spaces)"]
    return []


def _check_namespaces(root: etree._Element, raw: bytes) -> list[str]:
    problems: list[str] = []
    nsmap = root.nsmap
    ignorable = (root.get(f"{{{NS_MC}}}Ignorable") or "").split()
    problems += [
        f"mc:Ignorable lists '{p}', which is not declared" for p in ignorable if p not in nsmap
    ]
    used = {el.prefix for el in root.iter() if isinstance(el.tag, str)}
    for el in root.iter():
        if isinstance(el.tag, str):
            used.update(_prefix_of(root, name) for name in el.attrib)
    problems += [
        f"designer prefix '{p}' is used but not in mc:Ignorable"
        for p in sorted(_DESIGNER_PREFIXES & used)
        if p not in ignorable
    ]
    if nsmap.get("ui", NS_UI) != NS_UI:
        problems.append(f"prefix 'ui' must map to {NS_UI}")
    if nsmap.get("uix", NS_UIX) != NS_UIX:
        problems.append(f"prefix 'uix' must map to {NS_UIX}")
    assemblies = {
        uri.rsplit("assembly=", 1)[1]
        for p, uri in nsmap.items()
        if p in {"s", "scg", "sco"} and "assembly=" in uri
    }
    if {"mscorlib", "System.Private.CoreLib"} <= assemblies:
        problems.append("s/scg/sco mix mscorlib and System.Private.CoreLib assemblies")
    if any(isinstance(el.tag, str) and not el.tag.startswith("{") for el in root.iter()):
        problems.append("an element has no namespace (build XAML with namespaced tag names)")
    if _AUTO_PREFIX.search(raw.decode("utf-8", "replace")):
        problems.append("auto-generated namespace prefixes (ns0:, d1p1:) found")
    return problems


def _prefix_of(root: etree._Element, clark: str) -> str | None:
    if not clark.startswith("{"):
        return None
    uri = clark[1:].split("}", 1)[0]
    return next((p for p, u in root.nsmap.items() if u == uri), None)


def _check_root_children(root: etree._Element) -> list[str]:
    children = [c for c in root if isinstance(c.tag, str)]
    activities = [
        c for c in children if "." not in etree.QName(c).localname and c.tag != f"{{{NS_X}}}Members"
    ]
    problems = []
    if len(activities) != 1:
        problems.append(f"the root must hold exactly one activity, found {len(activities)}")
    names = [etree.QName(c).localname for c in children]
    for slot in (
        "TextExpression.NamespacesForImplementation",
        "TextExpression.ReferencesForImplementation",
    ):
        if slot not in names:
            problems.append(f"{slot} is missing")
        elif activities and names.index(slot) > children.index(activities[0]):
            problems.append(f"{slot} must come before the root activity")
    return problems


def _collection(root: etree._Element, slot: str) -> set[str]:
    holder = root.find(f"{{{NS_ACT}}}{slot}")
    return (
        {(el.text or "").strip() for el in holder.iter() if el.text and el.text.strip()}
        if holder is not None
        else set()
    )


def _check_imports(root: etree._Element) -> list[str]:
    imports = _collection(root, "TextExpression.NamespacesForImplementation")
    references = _collection(root, "TextExpression.ReferencesForImplementation")
    problems = []
    tags = {el.tag for el in root.iter() if isinstance(el.tag, str)}
    if any(t.startswith(f"{{{NS_UIX}}}") for t in tags):
        if not any(i.startswith("UiPath.UIAutomationNext") for i in imports):
            problems.append(
                "uix activities used but no UiPath.UIAutomationNext namespace is imported"
            )
        if not references & {
            "UiPath.UIAutomationNext",
            "UiPath.UIAutomationNext.Activities",
            "UiPath.UiAutomation.Activities",
        }:
            problems.append("uix activities used but no UIAutomation assembly is referenced")
    if any(t.startswith(f"{{{NS_UI}}}") for t in tags):
        if not imports & {"UiPath.Core.Activities", "UiPath.Core"}:
            problems.append("ui activities used but UiPath.Core.Activities is not imported")
        if not references & {"UiPath.System.Activities", "UiPath.UiAutomation.Activities"}:
            problems.append("ui activities used but no UiPath activities assembly is referenced")
    return problems


def _check_language(root: etree._Element, expected: str | None) -> list[str]:
    editor = root.get(f"{{{NS_SAP2010}}}ExpressionActivityEditor.ExpressionActivityEditor")
    if editor is None:
        slot = root.find(f"{{{NS_SAP2010}}}ExpressionActivityEditor.ExpressionActivityEditor")
        editor = (slot.text or "").strip() if slot is not None else None
    is_csharp = editor == "C#"
    problems = []
    if expected == "CSharp" and not is_csharp:
        problems.append(
            "project is C# but the workflow is not marked ExpressionActivityEditor='C#'"
        )
    if expected == "VisualBasic" and is_csharp:
        problems.append("project is VisualBasic but the workflow is marked C#")
    csharp_nodes = any(
        isinstance(el.tag, str) and etree.QName(el).localname in {"CSharpValue", "CSharpReference"}
        for el in root.iter()
    )
    if not is_csharp and csharp_nodes:
        problems.append("a VisualBasic workflow contains CSharpValue/CSharpReference")
    return problems


def _check_activities(root: etree._Element, profile: UiPathProfile | None) -> list[str]:
    problems: list[str] = []
    ids: dict[str, int] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        local = etree.QName(el).localname
        id_ref = el.get(f"{{{NS_SAP2010}}}WorkflowViewState.IdRef")
        if id_ref:
            ids[id_ref] = ids.get(id_ref, 0) + 1
        for name, value in el.attrib.items():
            if (
                value.startswith("{")
                and not value.startswith("{}")
                and not re.match(r"^\{x:\w+", value)
            ):
                problems.append(
                    f"{local} {name}={value[:30]!r} starts with '{{': write '{{}}' before a literal"
                )
            if name in _ENUMS and not value.startswith("[") and value not in _ENUMS[name]:
                problems.append(f"{local} {name}={value!r} is not a known value")
            if name in _SELECTOR_ATTRS:
                problems += _check_selector(el, name, value)
        if local.endswith(".TargetAnchorable") and "." in local:
            problems.append(f"{local}: the target slot is '.Target', not '.TargetAnchorable'")
        if local.endswith(".Body") and local.split(".")[0] in _SCOPES:
            problems += _check_body(el, local)
        if el.tag.startswith(f"{{{NS_UIX}}}"):
            problems += _check_modern(el, local, profile)
    problems += [
        f"IdRef {i!r} is used {n} times; IdRefs must be unique" for i, n in ids.items() if n > 1
    ]
    return problems


def _check_body(slot: etree._Element, local: str) -> list[str]:
    actions = [c for c in slot if isinstance(c.tag, str)]
    if len(actions) != 1 or etree.QName(actions[0]).localname != "ActivityAction":
        return [f"{local} must hold one ActivityAction"]
    inner = [
        c for c in actions[0] if isinstance(c.tag, str) and "." not in etree.QName(c).localname
    ]
    if len(inner) != 1:
        return [
            f"{local} ActivityAction must hold exactly one activity (a Sequence), found {len(inner)}"
        ]
    return []


def _check_modern(el: etree._Element, local: str, profile: UiPathProfile | None) -> list[str]:
    problems: list[str] = []
    if local in {"NClick", "NTypeInto", "NGetText", "NGoToUrl", "NHover", "NCheck"}:
        card = next(
            (a for a in el.iterancestors() if a.tag == f"{{{NS_UIX}}}NApplicationCard"), None
        )
        if card is None:
            problems.append(f"{local} must sit inside a Use Application/Browser card")
        elif el.get("ScopeIdentifier") is not None and el.get("ScopeIdentifier") != card.get(
            "ScopeGuid"
        ):
            problems.append(f"{local} ScopeIdentifier does not match its card's ScopeGuid")
    if (
        profile is not None
        and "." not in local
        and (local.startswith("N") or local == "TargetAnchorable")
    ):
        expected = profile.version_of(local)
        if expected is None:
            problems.append(f"{local} has no verified Version for the {profile.name} profile")
        elif el.get("Version") != expected:
            problems.append(
                f"{local} Version is {el.get('Version')!r}, the profile pins {expected!r}"
            )
    return problems


def _check_selector(el: etree._Element, attribute: str, value: str) -> list[str]:
    text = value.strip()
    if not text or text.startswith("[") or text.startswith("{x:") or "{{" in text:
        return []  # an expression, a null, or a selector with variables: not parsed here
    declarations = " ".join(f'xmlns:{p}="urn:selector:{p}"' for p in _SELECTOR_PREFIXES)
    try:
        fragment = etree.fromstring(f"<selector {declarations}>{text}</selector>".encode())
    except etree.XMLSyntaxError as error:
        return [f"{attribute} {text[:60]!r} is not a well-formed selector: {error}"]
    tags = [etree.QName(c).localname for c in fragment if isinstance(c.tag, str)]
    problems = [
        f"{attribute} uses unknown selector tag <{t}>" for t in tags if t not in _SELECTOR_TAGS
    ]
    local = etree.QName(el).localname
    top_level = attribute == "ScopeSelectorArgument" or (
        attribute == "Selector" and local in _SCOPES | {"TargetApp"}
    )
    standalone = local == "Target" and not any(
        etree.QName(a).localname in _SCOPES for a in el.iterancestors()
    )
    if tags and (top_level or standalone) and attribute == "Selector" and tags[0] not in _TOP_TAGS:
        problems.append(f"{attribute} {text[:60]!r} needs a top-level <wnd>/<html> first")
    for child in fragment:
        app = child.get("app") if isinstance(child.tag, str) else None
        if app and "*" not in app and not app.lower().endswith(".exe"):
            problems.append(f"{attribute} app={app!r} should be the process name ending in .exe")
    return problems
