"""Review in `stats`, `next`, export and import, as a user sees them: the output, the JSON and
the saved progress file."""

from __future__ import annotations

import json
import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("isolated_env")


def stamp(days_ago: float) -> str:
    return (datetime.now(UTC) - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")


def progress_with(progress: Path, done: dict[str, float], logs: dict[str, list[str]]) -> None:
    """``done``: topic -> finished that many days ago; ``logs``: topic -> review log lines."""
    text = "schema = 1\n"
    for tid, days in done.items():
        when = stamp(days).replace("T", " ")
        text += f'[roadmaps.mini.topics."{tid}"]\nstatus = "done"\ncompleted = {when}\n'
        text += f"changed = {when}\n"
    for tid, log in logs.items():
        text += f'[roadmaps.mini.review."{tid}"]\nlog = {json.dumps(log)}\n'
    progress.write_text(text, encoding="utf-8")


def review_table(progress: Path, topic: str) -> dict:
    data = tomllib.loads(progress.read_text(encoding="utf-8"))
    return data.get("roadmaps", {}).get("mini", {}).get("review", {}).get(topic, {})


# ---- stats ---------------------------------------------------------------------------------


def test_stats_without_reviews_says_so(run, roadmap_file, progress_file):
    code, out, _ = run("--roadmap", roadmap_file, "--progress", progress_file, "stats")
    assert code == 0
    assert "Reviews, last 26 weeks" in out
    assert "No reviews yet. Topics you mark done come up for review here." in out
    code, out, _ = run("--roadmap", roadmap_file, "--progress", progress_file, "stats", "--json")
    review = json.loads(out)["review"]
    assert review["reviews"] == 0 and review["retention"]["recalled"] is None
    assert review["per_day"] == {} and review["needs_relearning"] == []


def test_stats_with_done_topics_but_no_reviews_points_to_review(run, roadmap_file, progress_file):
    progress_with(progress_file, {"basics/dns": 40}, {})
    code, out, _ = run("--roadmap", roadmap_file, "--progress", progress_file, "stats")
    assert code == 0
    assert "No reviews yet. 1 finished topic is in review: `roadmap-tui review`." in out


def test_stats_show_reviews_retention_due_days_and_relearning(run, roadmap_file, progress_file):
    progress_with(
        progress_file,
        {"basics/dns": 60, "basics/http": 60, "basics/http/methods": 1},
        {
            # two "again" in a row: needs relearning (and is due at once)
            "basics/dns": [f"{stamp(20)} good", f"{stamp(3)} again", f"{stamp(2)} again"],
            "basics/http": [f"{stamp(10)} hard", f"{stamp(45)} again"],
        },
    )
    code, out, _ = run("--roadmap", roadmap_file, "--progress", progress_file, "stats")
    assert code == 0, out
    assert "5 reviews in all; 3 topics in review." in out
    # last 30 days: good, again, again, hard (the "again" of 45 days ago is older)
    assert "Retention, last 30 days: 50% recalled (hard, good or easy) of 4 reviews." in out
    assert "Due, next 7 days: today " in out
    assert "Needs relearning (1): DNS" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    code, out, _ = run("--roadmap", roadmap_file, "--progress", progress_file, "stats", "--json")
    review = json.loads(out)["review"]
    assert review["reviews"] == 5 and review["in_review"] == 3
    assert review["retention"] == {"days": 30, "reviews": 4, "recalled": 0.5}
    assert sum(review["per_day"].values()) == 5
    assert review["due_next_days"][0]["date"] == date.today().isoformat()
    assert review["due_next_days"][0]["due"] >= review["due_now"] >= 1
    assert len(review["due_next_days"]) == 7
    assert review["needs_relearning"] == [{"id": "basics/dns", "title": "DNS"}]
    # topics completed and reviews stay apart: the completions heatmap has no reviews in it
    data = json.loads(out)
    assert sum(data["activity"].values()) == 0


# ---- next ----------------------------------------------------------------------------------


def test_next_mentions_relearning_and_due_without_changing_the_next(
    run, roadmap_file, progress_file
):
    args = ("--roadmap", roadmap_file, "--progress", progress_file, "next")
    progress_with(progress_file, {"basics/http": 60}, {})
    _, before, _ = run(*args)
    assert "review: 1 topic due for review; `roadmap-tui review`" in before
    progress_with(
        progress_file,
        {"basics/http": 60},
        {"basics/http": [f"{stamp(3)} again", f"{stamp(2)} again"]},
    )
    code, out, _ = run(*args)
    assert code == 0
    assert out.splitlines()[0] == before.splitlines()[0]  # the same topic is next
    assert (
        "review: 1 topic needs relearning: HTTP; 1 topic due for review; `roadmap-tui review`"
        in out
    )


def test_next_says_nothing_of_review_when_nothing_is_due(run, roadmap_file, progress_file):
    progress_with(progress_file, {"basics/http": 0}, {})  # finished now: due in days
    code, out, _ = run("--roadmap", roadmap_file, "--progress", progress_file, "next")
    assert code == 0 and "review" not in out


# ---- export and import ---------------------------------------------------------------------


def with_questions(progress: Path, topic: str, questions: list[tuple[str, str, str]]) -> None:
    rows = ", ".join(
        f"{{ id = {json.dumps(i)}, q = {json.dumps(q)}, a = {json.dumps(a)} }}"
        for i, q, a in questions
    )
    text = progress.read_text(encoding="utf-8")
    marker = f'[roadmaps.mini.review."{topic}"]\n'
    progress.write_text(text.replace(marker, f"{marker}questions = [{rows}]\n"), encoding="utf-8")


def test_the_json_export_carries_logs_and_own_questions(run, roadmap_file, progress_file):
    log = ["2026-11-01T10:00:00Z good", "2026-11-10T10:00:00Z again practice"]
    progress_with(progress_file, {"basics/dns": 40}, {"basics/dns": log})
    with_questions(progress_file, "basics/dns", [("k1", "Why TTLs?", "Caching.")])
    code, out, _ = run(
        "--roadmap", roadmap_file, "--progress", progress_file, "export", "--format", "json"
    )
    assert code == 0
    topics = {t["id"]: t for t in json.loads(out)["topics"]}
    assert topics["basics/dns"]["review"] == {
        "log": log,
        "questions": [{"id": "k1", "q": "Why TTLs?", "a": "Caching."}],
    }
    assert "review" not in topics["basics/http"]  # nothing to say: no key


def test_import_merges_logs_once_and_questions_by_id(run, roadmap_file, progress_file, tmp_path):
    theirs = tmp_path / "theirs.toml"
    progress_with(
        theirs,
        {"basics/dns": 40},
        {"basics/dns": ["2026-11-01T10:00:00Z good", "2026-11-10T10:00:00Z hard"]},
    )
    with_questions(theirs, "basics/dns", [("k1", "Their k1?", "x"), ("k2", "Why TTLs?", "y")])
    code, exported, _ = run(
        "--roadmap", roadmap_file, "--progress", theirs, "export", "--format", "json"
    )
    export_file = tmp_path / "export.json"
    export_file.write_text(exported, encoding="utf-8")
    progress_with(
        progress_file,
        {"basics/dns": 40},
        {"basics/dns": ["2026-11-01T10:00:00Z good", "2026-11-05T10:00:00Z easy"]},
    )
    with_questions(progress_file, "basics/dns", [("k1", "My k1?", "mine")])
    base = ("--roadmap", roadmap_file, "--progress", progress_file)
    code, out, err = run(*base, "import", export_file)
    assert code == 0, err
    assert out.strip().endswith("; added 1 review and 1 own question")
    saved = review_table(progress_file, "basics/dns")
    assert saved["log"] == [
        "2026-11-01T10:00:00Z good",
        "2026-11-05T10:00:00Z easy",
        "2026-11-10T10:00:00Z hard",
    ]
    assert saved["questions"] == [
        {"id": "k1", "q": "My k1?", "a": "mine"},  # ours kept on the same id
        {"id": "k2", "q": "Why TTLs?", "a": "y"},
    ]
    before = progress_file.read_text(encoding="utf-8")
    code, out, _ = run(*base, "import", export_file)  # again: nothing new
    assert code == 0 and "added" not in out
    assert progress_file.read_text(encoding="utf-8") == before


def test_a_sync_conflict_copy_merges_reviews_too(run, roadmap_file, progress_file):
    progress_with(progress_file, {"basics/dns": 40}, {"basics/dns": ["2026-11-01T10:00:00Z good"]})
    copy = progress_file.with_name("progress.sync-conflict-20261201-123456-ABCDEFG.toml")
    progress_with(copy, {"basics/dns": 40}, {"basics/dns": ["2026-11-02T10:00:00Z again"]})
    with_questions(copy, "basics/dns", [("k9", "From the other machine?", "yes")])
    code, out, err = run("--roadmap", roadmap_file, "--progress", progress_file, "import", copy)
    assert code == 0, err
    assert "; added 1 review and 1 own question" in out
    saved = review_table(progress_file, "basics/dns")
    assert saved["log"] == ["2026-11-01T10:00:00Z good", "2026-11-02T10:00:00Z again"]
    assert saved["questions"] == [{"id": "k9", "q": "From the other machine?", "a": "yes"}]


@pytest.mark.parametrize(
    ("review", "message"),
    [
        ({"log": ["yesterday good"]}, "review log[0]: 'yesterday' is not a date-time"),
        ({"log": ["2026-11-01T10:00:00Z meh"]}, "review log[0]: rating 'meh' is not one of"),
        ({"log": "2026-11-01T10:00:00Z good"}, "review 'log' must be a list of strings"),
        ({"questions": [{"id": "", "q": "?", "a": ""}]}, "review questions[0]: 'id', 'q'"),
        ("good", "'review' must be an object"),
    ],
)
def test_a_bad_review_in_an_export_is_named_and_nothing_changes(
    run, roadmap_file, progress_file, tmp_path, review, message
):
    progress_with(progress_file, {"basics/dns": 40}, {})
    before = progress_file.read_text(encoding="utf-8")
    document = {
        "format": "roadmap-tui-export",
        "roadmap": {"id": "mini"},
        "topics": [{"id": "basics/dns", "status": "done", "review": review}],
    }
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    code, out, err = run("--roadmap", roadmap_file, "--progress", progress_file, "import", bad)
    assert code != 0 and "Traceback" not in err and "imported" not in out
    [line] = err.strip().splitlines()
    assert f"{bad}: topics[0] (basics/dns): {message}" in line
    assert progress_file.read_text(encoding="utf-8") == before


def test_the_markdown_export_counts_questions_and_reviews(run, roadmap_file, progress_file):
    log = ["2026-11-01T10:00:00Z good", "2026-11-10T10:00:00Z again"]
    progress_with(progress_file, {"basics/dns": 40, "basics/http": 40}, {"basics/dns": log})
    with_questions(progress_file, "basics/dns", [("k1", "Why TTLs?", "Caching.")])
    code, out, _ = run("--roadmap", roadmap_file, "--progress", progress_file, "export")
    assert code == 0
    assert "- [x] DNS (1 question, reviewed 2 times)" in out.splitlines()
    assert "- [x] HTTP" in out.splitlines()  # never reviewed: nothing added


def test_next_with_nothing_left_still_mentions_review(run, roadmap_file, progress_file):
    from roadmap_tui.core.loader import parse

    ids = [t.id for t in parse(roadmap_file.read_text(encoding="utf-8")).topics()]
    progress_with(progress_file, dict.fromkeys(ids, 60), {})
    code, out, _ = run("--roadmap", roadmap_file, "--progress", progress_file, "next")
    assert code == 0
    assert out.startswith("Nothing left: every topic is done or skipped.")
    assert f"review: {len(ids)} topics due for review; `roadmap-tui review`" in out
