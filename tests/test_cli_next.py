"""`next`: which topic comes next (core first, prerequisites complete, roadmap order), in text
and as JSON (`next --json`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import ORDER, next_id, ok

pytestmark = pytest.mark.usefixtures("isolated_env")

PROGRESS = """\
schema = 1
[roadmaps.mini.topics."basics/http"]
status = "done"
completed = 2026-01-10 10:00:00+00:00
changed = 2026-01-10 10:00:00+00:00

[roadmaps.mini.review."basics/http"]
log = ["2026-02-01T10:00:00Z again", "2026-02-03T10:00:00Z again"]
"""


def next_json(run, roadmap_file: Path, progress_file: Path) -> dict:
    code, out, err = run("--roadmap", roadmap_file, "--progress", progress_file, "next", "--json")
    assert code == 0, err
    return json.loads(out)


def test_next_json_gives_the_topic_and_why(run, roadmap_file, progress_file):
    data = next_json(run, roadmap_file, progress_file)
    assert data["next"] == {
        "id": "basics/http",
        "title": "HTTP",
        "summary": "The protocol of the web.",
        "reason": data["next"]["reason"],
        "kind": "core",
        "hours": 4,
    }
    _, out, _ = run("--roadmap", roadmap_file, "--progress", progress_file, "next")
    assert f"why: {data['next']['reason']}" in out  # the reason `next` prints
    assert data["review"] == {"due": 0, "needs_relearning": []}


def test_next_json_gives_the_review_reminder(run, roadmap_file, progress_file):
    progress_file.write_text(PROGRESS, encoding="utf-8")
    data = next_json(run, roadmap_file, progress_file)
    assert data["next"]["id"] == "basics/dns"  # HTTP is done
    assert data["review"]["needs_relearning"] == [{"id": "basics/http", "title": "HTTP"}]
    assert data["review"]["due"] == 1
    _, out, _ = run("--roadmap", roadmap_file, "--progress", progress_file, "next")
    assert "1 topic needs relearning: HTTP; 1 topic due for review" in out


def test_next_json_when_nothing_is_left(run, roadmap_file, progress_file):
    base = ("--roadmap", roadmap_file, "--progress", progress_file)
    code, _, err = run(*base, "mark", "basics", "-r", "skipped")
    assert code == 0, err
    code, _, err = run(*base, "mark", "apis", "-r", "skipped")
    assert code == 0, err
    assert next_json(run, roadmap_file, progress_file)["next"] is None


def test_next_prefers_core_with_prerequisites_done(cli):
    # Extras (optional) comes first and DNS needs HTTP: HTTP is next
    out, _ = ok(cli("next"))
    assert next_id(out) == "basics/http"
    assert "HTTP" in out


def test_next_follows_roadmap_order(cli):
    ok(cli("mark", "http", "done"))
    assert next_id(ok(cli("next"))[0]) == "basics/dns"  # before Methods in roadmap order
    ok(cli("mark", "dns", "skipped"))  # skipped counts as complete
    assert next_id(ok(cli("next"))[0]) == "basics/http/methods"
    ok(cli("mark", "methods", "done"))
    assert next_id(ok(cli("next"))[0]) == "basics/intro"


def test_next_skipped_prerequisite_counts_as_complete(cli):
    ok(cli("mark", "http", "skipped"))
    ok(cli("mark", "dns", "skipped"))
    ok(cli("mark", "methods", "done"))
    ok(cli("mark", "basics/intro", "done"))
    ok(cli("mark", "apis/intro", "done"))
    assert next_id(ok(cli("next"))[0]) == "apis/rest"  # its prerequisite DNS was skipped


def test_next_topic_in_progress_comes_first(cli):
    ok(cli("mark", "apis/rest", "in-progress"))
    out, _ = ok(cli("next"))
    assert next_id(out) == "apis/rest"
    assert "in progress" in out


def test_next_optional_only_when_no_core_left(cli):
    for topic in ORDER:
        if topic != "basics/extras":
            ok(cli("mark", topic, "done"))
    assert next_id(ok(cli("next"))[0]) == "basics/extras"


def test_next_when_everything_is_complete(cli):
    for topic in ORDER:
        ok(cli("mark", topic, "skipped"))
    out, _ = ok(cli("next"))
    assert "nothing left" in out.lower()


def test_status_and_next_agree(cli):
    ok(cli("mark", "http", "done"))
    out, _ = ok(cli("status", "--json"))
    assert json.loads(out)["next"]["id"] == next_id(ok(cli("next"))[0]) == "basics/dns"
