"""Importers, field-level rules: timestamps, event kinds, XPath paths and cell addresses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from taskmine.domain import EventKind
from taskmine.importers.elements import cell_from_column_row, normalise_cell, parse_xpath
from taskmine.importers.kinds import map_event_kind
from taskmine.importers.records import RecordError
from taskmine.importers.timestamps import parse_source_timestamp

UTC_MOMENT = datetime(2019, 2, 21, 19, 25, 4, 111000, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "assumed"),
    [
        ("2019-02-21T19:25:04.111Z", False),
        ("2019-02-21T19:25:04.111z", False),
        ("2019-02-22 06:25:04.111000+11:00", False),
        ("2019-02-22T06:25:04.111+1100", False),
        ("2019-02-21 19:25:04.111000", True),
        ("2019/02/21 19:25:04.111", True),
        ("2019-02-21T19:25:04.111 UTC", False),
        ("2019-02-21T14:25:04.111 -05:00", False),
        ("1550777104111", False),
        (" 2019-02-21T19:25:04.111Z ", False),
    ],
)
def test_every_timestamp_variant_becomes_the_same_utc_moment(text: str, assumed: bool) -> None:
    moment, assumed_utc = parse_source_timestamp(text)
    assert moment == UTC_MOMENT
    assert moment.tzinfo is UTC
    assert assumed_utc is assumed


@pytest.mark.parametrize("text", ["", "   ", "yesterday", "21/02/2019 19:25", "6.23125E+14", "3"])
def test_unreadable_timestamps_say_what_to_write(text: str) -> None:
    with pytest.raises(RecordError, match="timestamp"):
        parse_source_timestamp(text)


def test_timestamps_far_outside_ui_logging_times_are_refused() -> None:
    with pytest.raises(RecordError, match="1970-2100"):
        parse_source_timestamp("0001-01-01T00:00:00Z")


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("clickButton", EventKind.CLICK),
        ("clickLink", EventKind.CLICK),
        ("clickTextField", EventKind.CLICK),
        ("click", EventKind.CLICK),
        ("doubleClick", EventKind.DOUBLE_CLICK),
        ("right_click", EventKind.RIGHT_CLICK),
        ("editField", EventKind.TYPE),
        ("changeField", EventKind.TYPE),
        ("input", EventKind.TYPE),
        ("insertValue", EventKind.TYPE),
        ("copyCell", EventKind.COPY),
        ("copy", EventKind.COPY),
        ("paste", EventKind.PASTE),
        ("pasteIntoCell", EventKind.PASTE),
        ("goToUrl", EventKind.NAVIGATE),
        ("link", EventKind.NAVIGATE),
        ("newTab", EventKind.NAVIGATE),
        ("selectTab", EventKind.NAVIGATE),
        ("navigate_to", EventKind.NAVIGATE),
        ("tab activated", EventKind.NAVIGATE),
        ("selectOptionFromSelect", EventKind.SELECT),
        ("select", EventKind.SELECT),
        ("checkCheckbox", EventKind.SELECT),
        ("clickCheckbox", EventKind.SELECT),
        ("openFile", EventKind.WINDOW_OPEN),
        ("openWorkbook", EventKind.WINDOW_OPEN),
        ("closeTab", EventKind.WINDOW_CLOSE),
        ("closeWindow", EventKind.WINDOW_CLOSE),
        ("pressKey", EventKind.KEY),
        ("waitResponse", EventKind.OTHER),
        ("enableBrowserExtension", EventKind.OTHER),
        ("teleport", EventKind.OTHER),
    ],
)
def test_event_types_map_to_canonical_kinds(source: str, kind: EventKind) -> None:
    assert map_event_kind(source) is kind


def test_fiori_xpath_splits_into_role_index_nodes() -> None:
    parsed = parse_xpath(
        "/*[name()='HTML']/*[name()='BODY'][1]/*[name()='DIV'][26]/*[name()='A'][2]"
    )
    assert parsed is not None
    dom_id, nodes = parsed
    assert dom_id is None
    assert [(n.role, n.name, n.index) for n in nodes] == [
        ("document web", None, None),
        ("body", None, 0),
        ("panel", None, 25),
        ("link", None, 1),
    ]


def test_plain_and_id_anchored_xpaths_parse_and_others_do_not() -> None:
    plain = parse_xpath("/HTML[1]/BODY[1]/FORM[1]/DIV[3]/INPUT[1]")
    assert plain is not None
    assert [n.role for n in plain[1]][-2:] == ["panel", "text"]
    anchored = parse_xpath('id("full_name")/span[2]')
    assert anchored is not None
    assert anchored[0] == "full_name"
    assert [(n.role, n.index) for n in anchored[1]] == [("static", 1)]
    assert parse_xpath("//div[@class='x']") is None
    assert parse_xpath("not an xpath") is None


@pytest.mark.parametrize(
    ("text", "cell"),
    [("A2", "A2"), ("b1.0", "B1"), ("$C$12", "C12"), ("C2:F2", "C2:F2"), ("first_3", None)],
)
def test_cell_addresses_are_normalised(text: str, cell: str | None) -> None:
    assert normalise_cell(text) == cell


def test_bosco_column_and_row_make_a_cell() -> None:
    assert cell_from_column_row("B", "1.0") == "B1"
    assert cell_from_column_row("AA", "17") == "AA17"
    assert cell_from_column_row("B", "one") is None
