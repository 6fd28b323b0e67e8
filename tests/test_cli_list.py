"""`list`: every topic and its status, filtered (status, section, kind, level, note), or JSON."""

from __future__ import annotations

import json

import pytest

from tests.cli_helpers import ORDER, TITLES, list_json, listed, ok

pytestmark = pytest.mark.usefixtures("isolated_env")


def test_list_text(cli):
    ok(cli("mark", "http", "done"))
    out, _ = ok(cli("list"))
    lines = out.strip().splitlines()
    assert len(lines) == len(ORDER)
    for line, topic_id in zip(lines, ORDER, strict=True):
        assert topic_id in line
        assert TITLES[topic_id] in line
        expected = "● done" if topic_id == "basics/http" else "○ to do"
        assert line.startswith(expected)  # the status in the words the app uses


def test_list_filtered_by_status(cli):
    ok(cli("mark", "http", "done"))
    ok(cli("mark", "apis/rest", "done"))
    ok(cli("mark", "dns", "skipped"))
    out, _ = ok(cli("list", "--status", "done"))
    lines = out.strip().splitlines()
    assert len(lines) == 2
    assert "basics/http" in lines[0] and "apis/rest" in lines[1]
    out, _ = ok(cli("list", "--status", "skipped"))
    assert [line.split()[2] for line in out.strip().splitlines()] == ["basics/dns"]
    out, _ = ok(cli("list", "--status", "in-progress"))
    assert out.strip() == ""


def test_list_json(cli):
    ok(cli("mark", "http", "in-progress"))
    ok(cli("note", "dns", "look up A and AAAA records"))
    items = list_json(cli)
    assert [item["id"] for item in items] == ORDER
    for item in items:
        fields = {"id", "title", "status", "note", "kind", "level", "hours", "started"}
        assert set(item) == fields | {"completed"}
        assert item["title"] == TITLES[item["id"]]
    by_id = {item["id"]: item for item in items}
    assert by_id["basics/http"]["status"] == "in-progress"
    assert by_id["basics/dns"]["note"] == "look up A and AAAA records"
    rest = {"id": "apis/rest", "title": "REST", "status": "todo", "note": "", "kind": "core"}
    assert by_id["apis/rest"] == {
        **rest,
        **{"level": "beginner", "hours": 5, "started": None, "completed": None},
    }


def test_list_json_with_status_filter(cli):
    ok(cli("mark", "http", "done"))
    out, _ = ok(cli("list", "--status", "done", "--json"))
    assert [(i["id"], i["status"]) for i in json.loads(out)] == [("basics/http", "done")]
    out, _ = ok(cli("list", "--json", "--status", "skipped"))
    assert json.loads(out) == []


def test_list_filters_by_section_kind_level_and_note(cmd):
    assert listed(cmd, "--section", "apis") == ["apis/intro", "apis/rest"]
    assert listed(cmd, "--kind", "optional") == ["basics/extras"]
    assert listed(cmd, "--level", "advanced") == ["apis/rest"]
    assert listed(cmd, "--has-note") == []
    assert cmd("note", "basics/dns", "names")[0] == 0
    assert listed(cmd, "--has-note") == ["basics/dns"]
    assert listed(cmd, "--section", "basics", "--kind", "core", "--has-note") == ["basics/dns"]
    code, out, _ = cmd("list", "--has-note")
    assert code == 0 and "basics/dns" in out and "basics/http" not in out


def test_list_section_that_does_not_exist_is_one_line(cmd):
    code, out, err = cmd("list", "--section", "nope")
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [
        "roadmap-tui: no section 'nope' (the sections: basics, apis)"
    ]


def test_list_json_gives_kind_level_hours_and_dates(cmd):
    assert cmd("mark", "apis/rest", "done")[0] == 0
    _, out, _ = cmd("list", "--json", "--section", "apis")
    rest = json.loads(out)[1]
    assert rest["kind"] == "core" and rest["level"] == "advanced" and rest["hours"] == 5
    assert rest["started"].endswith("Z") and rest["completed"].endswith("Z")
    intro = json.loads(out)[0]
    assert intro["started"] is None and intro["completed"] is None
