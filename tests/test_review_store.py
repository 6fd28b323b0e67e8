"""Reviews and the learner's own questions in the progress file: saved at once, readable,
merged between two processes, refused when damaged, kept across schema-compatible readers."""

from __future__ import annotations

import tomllib
from datetime import timedelta

import pytest

from roadmap_tui.core.review import schedule
from roadmap_tui.storage.progress import ProgressError
from tests.progress_helpers import T0, Clock, make


def test_a_rating_is_saved_at_once_with_its_schedule(tmp_path):
    path = tmp_path / "progress.toml"
    clock = Clock()
    store = make(path, clock=clock)
    store.set_status("internet/dns", "done")
    clock.advance(days=3)
    store.rate("internet/dns", "hard")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    table = data["roadmaps"]["backend"]["review"]["internet/dns"]
    assert table["log"] == [f"{(T0 + timedelta(days=3)).strftime('%Y-%m-%dT%H:%M:%SZ')} hard"]
    expected = schedule(T0, make(path).review_of("internet/dns").log)
    assert table["due"] == expected.due and table["state"] == "review"
    assert '[roadmaps.backend.review."internet/dns"]' in path.read_text(encoding="utf-8")


def test_two_processes_reviewing_the_same_topic_keep_both(tmp_path):
    path = tmp_path / "progress.toml"
    here, there = make(path, clock=Clock()), make(path, clock=Clock(T0 + timedelta(minutes=1)))
    here.set_status("internet/dns", "done")
    here.rate("internet/dns", "good")
    there.rate("internet/dns", "again")  # it never re-read the file in between
    log = make(path).review_of("internet/dns").log
    assert sorted(r.rating for r in log) == ["again", "good"]
    assert make(path).get("internet/dns").status == "done"


def test_practice_is_marked_in_the_log(tmp_path):
    path = tmp_path / "progress.toml"
    store = make(path)
    store.rate("internet/dns", "easy", practice=True)
    assert path.read_text(encoding="utf-8").count("easy practice") == 1
    assert make(path).review_of("internet/dns").log[0].practice


def test_own_questions_round_trip_and_merge(tmp_path):
    path = tmp_path / "progress.toml"
    a, b = make(path), make(path)
    first = a.put_question("internet/dns", "What is a TTL?", "How long a record may be cached.")
    second = b.put_question("internet/dns", "What is an A record?", "Name to IPv4 address.")
    assert first.id != second.id
    got = make(path).review_of("internet/dns").questions
    assert [q.q for q in got] == ["What is a TTL?", "What is an A record?"]
    a.put_question("internet/dns", "What is a TTL, exactly?", "Seconds to cache.", first.id)
    b.remove_question("internet/dns", second.id)
    got = make(path).review_of("internet/dns").questions
    assert [(q.id, q.q) for q in got] == [(first.id, "What is a TTL, exactly?")]
    with pytest.raises(KeyError):
        a.remove_question("internet/dns", "nosuch")
    with pytest.raises(ValueError):
        a.put_question("internet/dns", "  ", "x")


def test_unknown_keys_in_a_review_are_kept(tmp_path):
    path = tmp_path / "progress.toml"
    path.write_text(
        'schema = 1\n[roadmaps.backend.review."internet/dns"]\n'
        'log = ["2026-11-26T09:00:00Z good"]\nmood = "sunny"\n',
        encoding="utf-8",
    )
    store = make(path)
    store.rate("internet/dns", "easy")
    text = path.read_text(encoding="utf-8")
    assert 'mood = "sunny"' in text and "2026-11-26T09:00:00Z good" in text


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('log = ["yesterday good"]', "log entry 1: 'yesterday' is not a date-time"),
        ('log = ["2026-11-26T09:00:00Z meh"]', "log entry 1: rating 'meh' is not one of"),
        ("log = [3]", "log entry 1 must be a string"),
        ('questions = [{ id = "x", q = "", a = "y" }]', "questions entry 1 needs a non-empty id"),
        ('log = "good"', "log must be an array of strings"),
    ],
)
def test_a_damaged_review_is_refused_with_its_place_and_never_overwritten(tmp_path, body, message):
    path = tmp_path / "progress.toml"
    text = f'schema = 1\n[roadmaps.backend.review."internet/dns"]\n{body}\n'
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProgressError) as caught:
        make(path)
    assert message in str(caught.value) and ":3" in str(caught.value)
    assert path.read_text(encoding="utf-8") == text
