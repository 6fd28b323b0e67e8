"""`show`: a topic by id or title, or a section; its note and status; names it cannot find."""

from __future__ import annotations

import re

import pytest

from tests.cli_helpers import fails, ok

pytestmark = pytest.mark.usefixtures("isolated_env")


def test_show_by_id(cli):
    out, _ = ok(cli("show", "basics/http"))
    assert "HTTP" in out
    assert "basics/http" in out
    assert "Basics" in out  # where it is
    assert "○ to do · core" in out
    assert "The protocol of the web." in out  # summary
    # the description rendered as Markdown: no raw ** markers, bullets for the list
    assert "HTTP is the protocol of the web." in out
    assert "**" not in out
    assert "requests" in out and "responses" in out
    assert not re.search(r"^- requests", out, re.M)
    assert "Methods (basics/http/methods)" in out  # its part
    assert "Note" in out


def test_show_by_case_insensitive_title(cli):
    by_id, _ = ok(cli("show", "basics/http"))
    for query in ("HTTP", "http", "hTtP", "  Http "):
        out, _ = ok(cli("show", query))
        assert out == by_id
    dns, _ = ok(cli("show", "dns"))
    assert "basics/dns" in dns
    assert "HTTP (basics/http)" in dns  # its prerequisite


def test_show_note_and_status(cli):
    ok(cli("mark", "http", "done"))
    ok(cli("note", "http", "Status codes:\n\n- 301 moved\n- 404 missing"))
    out, _ = ok(cli("show", "http"))
    assert "done" in out
    assert "Status codes:" in out
    assert "301 moved" in out and "404 missing" in out


def test_show_ambiguous_title_lists_candidates(cli):
    code, out, err = cli("show", "introduction")
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert "basics/intro" in err and "apis/intro" in err


def test_show_unknown_topic_lists_closest(cli):
    code, out, err = cli("show", "htp")
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert "'htp'" in err
    assert "basics/http" in err


def test_show_unknown_topic_without_close_match(cli):
    err = fails(cli("show", "quantum-chromodynamics"))
    assert "quantum-chromodynamics" in err


def test_no_suggestions_for_a_name_with_no_close_match(cmd):
    code, _, err = cmd("show", "dbs")
    assert code == 1
    assert err.strip() == "roadmap-tui: no topic 'dbs'; `roadmap-tui list` shows every id"
    code, _, err = cmd("show", "metods")
    assert "closest:" in err and "basics/http/methods" in err


def test_show_a_section(cmd):
    assert cmd("mark", "apis/rest", "done")[0] == 0
    code, out, err = cmd("show", "apis")
    assert code == 0, err
    assert "APIs" in out and "1/2 complete" in out
    assert "apis/intro" in out and "apis/rest" in out
