"""Export dispatch: every target the API and CLI offer renders the example candidate into a
file of its declared media type that its own checker accepts."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from lxml import etree

from exporters import EXPORT_TARGETS, find_export_target, validate_robin, validate_uipath_project
from exporters.examples import build_example_candidate, build_example_events


def test_targets_are_the_five_the_api_documents():
    assert set(EXPORT_TARGETS) == {"uipath", "power-automate", "xes", "ocel", "bpmn"}


@pytest.mark.parametrize("name", sorted(EXPORT_TARGETS))
def test_each_target_renders_a_file_of_its_media_type(name):
    target = EXPORT_TARGETS[name]
    data = target.render(build_example_candidate(), build_example_events())
    assert isinstance(data, bytes)
    assert data
    if target.media_type == "application/zip":
        archive = zipfile.ZipFile(io.BytesIO(data))
        assert archive.testzip() is None
    elif target.media_type == "application/json":
        json.loads(data)
    else:
        etree.fromstring(data)


def test_zip_targets_pass_their_validators():
    candidate, events = build_example_candidate(), build_example_events()
    assert validate_uipath_project(EXPORT_TARGETS["uipath"].render(candidate, events)) == []
    archive = zipfile.ZipFile(
        io.BytesIO(EXPORT_TARGETS["power-automate"].render(candidate, events))
    )
    for name in archive.namelist():
        if name.endswith(".txt"):
            assert validate_robin(archive.read(name).decode()) == [], name


def test_unknown_target_error_names_the_valid_ones():
    with pytest.raises(KeyError, match="bpmn, ocel, power-automate, uipath, xes"):
        find_export_target("pdf")
