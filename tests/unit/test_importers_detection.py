"""Importers, format detection: each kind is recognised; anything else is refused clearly."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from taskmine.importers import FORMATS, ImportFormatError, detect_format, import_file, iter_import

SAMPLES = {
    "canonical.jsonl": (
        '{"event_id": "1", "session_id": "s", "user_id": "u", "machine_id": "m",'
        ' "timestamp": "2026-03-02T09:10:03.593Z", "kind": "click", "app": "gedit"}\n'
    ),
    "no_suffix_canonical": '{"event_id": "1", "timestamp": "2026-03-02T09:10:03Z"}\n',
    "leno.csv": (
        '"timeStamp","userID","targetApp","eventType","url","content","target.workbookName"\n'
        '"2019-10-21T00:10:08.994Z","vleno","Excel","getCell",,,"StudentRecords.xlsx"\n'
    ),
    "bosco_segmented.csv": (
        '"caseID","eventType","timeStamp","source","lifecycle:transition","Label","Value"\n'
        '"0","insertValue","2019-02-19T03:38:37.593Z","Web","complete","username","Frank01"\n'
    ),
    "old_logger.csv": "timeStamp;userID;targetApp;eventType;url\n2019-03-20T04:36:59Z;v;C;link;u\n",
    "agostinelli.csv": (
        ",lifecycle:transition,timeStamp,org:resource,category,targetApp,eventType\n"
        "0,complete,2021-06-23 12:54:52.993000+00:00,simon,Browser,Chrome,newTab\n"
    ),
    "TF_99.csv": (
        "Unnamed: 0,eventType,target.id,target.css,timeStamp,target.value,x,y,target.tagName\n"
        "0,click,/*[name()='HTML'],div,2022-07-22T12:05:45.702Z,,6.0,148.0,IMG\n"
    ),
    "log.xes": '<?xml version="1.0"?>\n<log xes.version="1.0"></log>\n',
    "log_as_xml.xml": '<?xml version="1.0"?>\n<!-- OpenXES -->\n<log xes.version="1.0"></log>\n',
}
EXPECTED = {
    "canonical.jsonl": "jsonl",
    "no_suffix_canonical": "jsonl",
    "leno.csv": "action_logger",
    "bosco_segmented.csv": "action_logger",
    "old_logger.csv": "action_logger",
    "agostinelli.csv": "smartrpa",
    "TF_99.csv": "fiori",
    "log.xes": "xes",
    "log_as_xml.xml": "xes",
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_kind_is_detected(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(SAMPLES[name], encoding="utf-8")
    assert detect_format(path) == EXPECTED[name]
    assert EXPECTED[name] in FORMATS


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        ("a,b\n1,2\n".encode("utf-16"), "UTF-16"),
        (gzip.compress(b"timeStamp,eventType\n"), "gzip"),
        (b"PK\x03\x04rest-of-a-workbook", "xlsx"),
        (b"\x00\x01\x02\x03binary", "binary"),
        (b"approach;log;precision;recall\nOurs;L3.csv;0.9;0.9\n", "cannot tell the format"),
        (b'<?xml version="1.0"?><pnml><net/></pnml>', "no XES <log>"),
    ],
)
def test_what_is_not_a_ui_log_is_refused_with_a_reason(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "input.dat"
    path.write_bytes(content)
    with pytest.raises(ImportFormatError, match=message):
        detect_format(path)


def test_missing_file_and_unknown_format_name_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="does not exist"):
        detect_format(tmp_path / "nope.csv")
    path = tmp_path / "x.csv"
    path.write_text(SAMPLES["leno.csv"], encoding="utf-8")
    with pytest.raises(ImportFormatError, match="unknown format 'excel'"):
        import_file(path, fmt="excel")
    with pytest.raises(ImportFormatError, match="unknown format"):
        iter_import(path, fmt="csv")


def test_forcing_a_format_overrides_detection(tmp_path: Path) -> None:
    path = tmp_path / "forced.txt"
    path.write_text(SAMPLES["agostinelli.csv"], encoding="utf-8")
    result = import_file(path, fmt="action_logger")
    assert result.format == "action_logger"
    assert [e.user_id for e in result.events] == ["simon"]
