"""Exporters, UiPath workflow document: the ``Activity`` root around a mined routine.

Writes what every Studio-saved Windows/VB workflow has (FORMATS.md §1.3): root ``Activity``
whose ``x:Class`` is the file path without ``.xaml`` (``/`` -> ``_``), the WF / UiPath
namespaces, ``mc:Ignorable`` listing the designer prefixes, ``VisualBasic.Settings``, the
``TextExpression`` imports and assembly references (plus the UIAutomationNext ones for the
modern profile), ``x:Members`` arguments with ``this:`` defaults, and one root ``Sequence``.
The activities inside come from :mod:`exporters.uipath_activities`. Built with lxml and Clark
names so every value is escaped exactly once; output is deterministic for a given candidate.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from exporters import uipath_activities as acts
from exporters.steps import argument_names, capture_steps
from exporters.uipath_ns import (
    NS_ACT,
    NS_MC,
    NS_SAP,
    NS_SAP2010,
    NS_SCG,
    NS_SCO,
    NS_THIS,
    NS_UI,
    NS_UIX,
    NS_X,
)
from exporters.uipath_profiles import UiPathProfile
from taskmine.domain import Candidate

_IMPORTS = [
    "System.Activities",
    "System.Activities.Statements",
    "System.Activities.Expressions",
    "Microsoft.VisualBasic",
    "Microsoft.VisualBasic.Activities",
    "System",
    "System.Collections.Generic",
    "System.Collections.ObjectModel",
    "System.Linq",
    "UiPath.Core",
    "UiPath.Core.Activities",
]
_MODERN_IMPORTS = [
    "UiPath.UIAutomationNext.Enums",
    "UiPath.UIAutomationCore.Contracts",
    "UiPath.UIAutomationNext.Activities",
    "UiPath.UIAutomationNext.Contracts",
    "UiPath.Platform.ObjectLibrary",
    "UiPath.Shared.Activities",
]
_REFERENCES = [
    "System.Activities",
    "Microsoft.VisualBasic",
    "mscorlib",
    "System",
    "System.Core",
    "System.Private.CoreLib",
    "System.ObjectModel",
    "UiPath.System.Activities",
    "UiPath.UiAutomation.Activities",
]
_MODERN_REFERENCES = [
    "UiPath.UIAutomationNext",
    "UiPath.UIAutomationCore",
    "UiPath.UIAutomationNext.Activities",
    "UiPath.Platform",
]


def class_name_for(path: str) -> str:
    """``x:Class`` for a workflow file: relative path, no ``.xaml``, ``/`` -> ``_``."""
    stem = path[: -len(".xaml")] if path.endswith(".xaml") else path
    return stem.replace("\\", "/").replace("/", "_").replace(".", "_").replace(" ", "_")


def render_workflow(
    candidate: Candidate,
    *,
    path: str,
    step_order: Sequence[int],
    profile: UiPathProfile,
    min_support: float,
    title: str,
) -> bytes:
    """One workflow file (``Main.xaml`` or a variant) running ``step_order`` of the candidate."""
    class_name = class_name_for(path)
    arguments = argument_names(candidate)
    used_arguments = {i: arguments[i] for i in step_order if i in arguments}
    nsmap: dict[str | None, str] = {
        None: NS_ACT,
        "mc": NS_MC,
        "sap": NS_SAP,
        "sap2010": NS_SAP2010,
        "scg": NS_SCG,
        "sco": NS_SCO,
    }
    if used_arguments:
        nsmap["this"] = NS_THIS
    nsmap["ui"] = NS_UI
    if profile.modern:
        nsmap["uix"] = NS_UIX
    nsmap["x"] = NS_X

    root = etree.Element(f"{{{NS_ACT}}}Activity", nsmap=nsmap)
    root.set(f"{{{NS_MC}}}Ignorable", "sap sap2010")
    root.set(f"{{{NS_X}}}Class", class_name)
    for index, name in used_arguments.items():
        root.set(f"{{{NS_THIS}}}{class_name}.{name}", candidate.steps[index].example_value or "")
    root.set("VisualBasic.Settings", "{x:Null}")
    root.set(f"{{{NS_SAP2010}}}WorkflowViewState.IdRef", "ActivityBuilder_1")

    if used_arguments:
        members = etree.SubElement(root, f"{{{NS_X}}}Members")
        for name in used_arguments.values():
            prop = etree.SubElement(members, f"{{{NS_X}}}Property")
            prop.set("Name", name)
            prop.set("Type", "InArgument(x:String)")
    _append_collection(
        root,
        "TextExpression.NamespacesForImplementation",
        "x:String",
        f"{{{NS_X}}}String",
        _IMPORTS + (_MODERN_IMPORTS if profile.modern else []),
    )
    _append_collection(
        root,
        "TextExpression.ReferencesForImplementation",
        "AssemblyReference",
        f"{{{NS_ACT}}}AssemblyReference",
        _REFERENCES + (_MODERN_REFERENCES if profile.modern else []),
    )
    writer = acts.ActivityWriter(
        candidate,
        profile=profile,
        min_support=min_support,
        arguments=arguments,
        captures=capture_steps(candidate),
    )
    root.append(writer.build_main_sequence(step_order, title=title))
    data: bytes = etree.tostring(root, encoding="utf-8", xml_declaration=False, pretty_print=True)
    return data


def _append_collection(
    root: etree._Element, slot: str, type_argument: str, item_tag: str, items: list[str]
) -> None:
    holder = etree.SubElement(root, f"{{{NS_ACT}}}{slot}")
    collection = etree.SubElement(holder, f"{{{NS_SCO}}}Collection")
    collection.set(f"{{{NS_X}}}TypeArguments", type_argument)
    for item in items:
        etree.SubElement(collection, item_tag).text = item
