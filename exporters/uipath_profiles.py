"""Exporters, UiPath package profiles: the package versions a generated project pins.

Everything version-dependent about a UiPath project lives here: the NuGet package versions in
``project.json``, the Studio version, and the ``Version="Vn"`` each modern activity must carry.
Values are copied from real Studio-saved files in ``shared/reference/formats/uipath`` (see its
SOURCE.md); a value that no real file of the pinned package shows is ``None``, and the XAML
writer then falls back to the classic activity for that step rather than guess a version
(a wrong ``Version`` fails at load, a missing one fails at run time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ProfileName = Literal["classic", "modern"]


@dataclass(frozen=True, slots=True)
class UiPathProfile:
    name: ProfileName
    system_activities: str
    uiautomation_activities: str
    studio_version: str
    # Modern activity -> its Version attribute for the pinned UIAutomation package.
    modern_versions: dict[str, str | None] = field(default_factory=dict)

    @property
    def modern(self) -> bool:
        return self.name == "modern"

    def version_of(self, activity: str) -> str | None:
        return self.modern_versions.get(activity)


# The real pair from uipath/modern-desktop-vb-studio24 (BrittleBot): Studio 24.2,
# UiPath.System.Activities 24.2.0, UiPath.UIAutomation.Activities 23.12.0.
_PINNED = {
    "system_activities": "24.2.0",
    "uiautomation_activities": "23.12.0",
    "studio_version": "24.2.0.0",
}

CLASSIC = UiPathProfile(
    name="classic",
    system_activities=_PINNED["system_activities"],
    uiautomation_activities=_PINNED["uiautomation_activities"],
    studio_version=_PINNED["studio_version"],
)

MODERN = UiPathProfile(
    name="modern",
    system_activities=_PINNED["system_activities"],
    uiautomation_activities=_PINNED["uiautomation_activities"],
    studio_version=_PINNED["studio_version"],
    modern_versions={
        # Observed in BrittleBot (UIAutomation 23.12.0).
        "NApplicationCard": "V2",
        "NTypeInto": "V3",
        "TargetAnchorable": "V3",
        # Not observed for 23.12 in any real file: the writer uses the classic activity.
        "NClick": None,
        "NGetText": None,
        "NGoToUrl": None,
    },
)

PROFILES: dict[str, UiPathProfile] = {"classic": CLASSIC, "modern": MODERN}


def resolve_profile(name: str) -> UiPathProfile:
    try:
        return PROFILES[name]
    except KeyError:
        known = ", ".join(sorted(PROFILES))
        raise ValueError(f"unknown UiPath profile {name!r}; use one of: {known}") from None
