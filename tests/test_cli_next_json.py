"""`roadmap-tui next --json`: what `next` prints, as data."""

from __future__ import annotations

import json
from pathlib import Path

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
