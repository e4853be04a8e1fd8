"""Exporters, validation: the structural validators every export is checked with.

One import point for the checklists of FORMATS.md §4: UiPath projects and XAML workflows
(:mod:`exporters.validate_uipath`) and Power Automate Desktop Robin text
(:mod:`exporters.validate_robin`). Each returns a list of problems written for a person; an
empty list means the file passed. They accept every real Studio / PAD file in
``shared/reference/formats`` and every file taskmine generates.
"""

from __future__ import annotations

from exporters.validate_robin import validate_robin
from exporters.validate_uipath import validate_project_json, validate_uipath_project, validate_xaml

__all__ = ["validate_project_json", "validate_robin", "validate_uipath_project", "validate_xaml"]
