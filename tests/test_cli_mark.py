"""`mark`: a status saved by id or title, -r for parts or a section (and `reset -r` too)."""

from __future__ import annotations

import pytest

from tests.cli_helpers import ORDER, fails, listed, ok, saved, saved_status

pytestmark = pytest.mark.usefixtures("isolated_env")


def test_mark(cli, progress_file):
    out, _ = ok(cli("mark", "basics/http", "done"))
    assert "basics/http" in out and "done" in out
    entry = saved(progress_file)["basics/http"]
    assert entry["status"] == "done"
    assert "completed" in entry
    assert set(saved(progress_file)) == {"basics/http"}
    ok(cli("mark", "HTTP", "todo"))
    assert saved_status(progress_file, "basics/http") == "todo"


def test_mark_by_title_and_recursive(cli, progress_file):
    ok(cli("mark", "http", "done"))
    assert saved_status(progress_file, "basics/http") == "done"
    assert saved_status(progress_file, "basics/http/methods") == "todo"
    out, _ = ok(cli("mark", "http", "skipped", "--recursive"))
    assert "basics/http" in out
    assert saved_status(progress_file, "basics/http") == "skipped"
    assert saved_status(progress_file, "basics/http/methods") == "skipped"
    ok(cli("mark", "-r", "basics/http", "in-progress"))
    statuses = {tid: saved_status(progress_file, tid) for tid in ORDER}
    assert statuses == {
        **dict.fromkeys(ORDER, "todo"),
        "basics/http": "in-progress",
        "basics/http/methods": "in-progress",
    }


def test_mark_ambiguous_or_unknown_changes_nothing(cli, progress_file):
    ok(cli("mark", "dns", "done"))
    before = progress_file.read_bytes()
    err = fails(cli("mark", "Introduction", "done"))
    assert "basics/intro" in err and "apis/intro" in err
    err = fails(cli("mark", "htpp", "done"))
    assert "basics/http" in err
    assert progress_file.read_bytes() == before


def test_mark_and_reset_a_section_with_r(cmd):
    code, out, _ = cmd("mark", "basics", "done", "-r")
    assert code == 0
    assert out.strip() == "basics: 5 topics under it: done"
    assert listed(cmd, "--status", "done") == [
        "basics/extras",
        "basics/dns",
        "basics/http",
        "basics/http/methods",
        "basics/intro",
    ]
    code, out, _ = cmd("reset", "basics", "-r")
    assert code == 0 and out.strip() == "basics: 5 topics under it: to do"
    assert listed(cmd, "--status", "done") == []


def test_a_section_without_r_says_to_add_it(cmd):
    code, out, err = cmd("mark", "basics", "done")
    assert code == 1 and out == ""
    assert err.strip() == "roadmap-tui: basics is a section: add -r to mark every topic under it"
    code, out, err = cmd("reset", "basics")
    assert code == 1 and out == ""
    assert err.strip() == "roadmap-tui: basics is a section: add -r to reset every topic under it"
