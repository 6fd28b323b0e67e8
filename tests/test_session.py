"""The session: what the app edits, tested without Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest
from tui.conftest import MINI_TOML

from roadmap_tui.core.roadmap import Roadmap
from roadmap_tui.core.session import Session, is_essential
from roadmap_tui.core.stats import branch_counts
from roadmap_tui.storage.progress import TopicProgress
from roadmap_tui.storage.roadmaps import load


@pytest.fixture
def mini(tmp_path) -> Roadmap:
    path = tmp_path / "mini.toml"
    path.write_text(MINI_TOML, encoding="utf-8")
    return load(path)


def session(roadmap: Roadmap, **statuses: str) -> Session:
    entries = {tid.replace("__", "/"): TopicProgress(status=s) for tid, s in statuses.items()}
    return Session(roadmap, entries, TopicProgress())


def test_statuses_notes_and_counts(mini):
    s = session(mini, basics__intro="done")
    assert s.status_of("basics/intro") == "done"
    assert s.status_of("basics/tools") == "todo"
    assert s.entry("basics/tools") == TopicProgress()
    assert s.counts_of("basics") == (1, 2)
    tally = s.tally()
    assert (tally.total, tally.done, tally.todo) == (9, 1, 8)


def test_counts_follow_changes_as_a_recount_would(mini):
    s = session(mini)
    changed = s.set_statuses([("web/protocols/http/methods", "done"), ("web/html", "skipped")])
    assert changed == [("web/protocols/http/methods", "done"), ("web/html", "skipped")]
    s.set_statuses([("web/protocols/http/methods", "in-progress")])
    expected = branch_counts(mini, s.status_of)
    assert {tid: s.counts_of(tid) for tid in expected} == expected
    assert s.counts_of("web/protocols/http") == (0, 1)
    assert s.tally().in_progress == 1
    assert s.tally().skipped == 1


def test_setting_the_same_status_changes_nothing_and_records_no_undo(mini):
    s = session(mini, basics__intro="done")
    assert s.set_statuses([("basics/intro", "done")]) == []
    assert s.undo() is None


def test_a_branch_mark_covers_every_topic_under_it(mini):
    s = session(mini)
    assert s.branch("web/protocols/http", "done").ids == [
        "web/protocols/http",
        "web/protocols/http/methods",
    ]
    # a section has no status of its own: its topics
    assert s.branch("basics", "done").ids == ["basics/intro", "basics/tools"]


def test_undo_and_redo_statuses_and_notes(mini):
    s = session(mini)
    s.set_statuses([("basics/intro", "done"), ("basics/tools", "done")])
    s.set_note("basics/intro", "hello")
    # the note goes back to "", merged against "hello" (what the step left)
    assert s.restore(s.undo()) == ([], [("basics/intro", "", "hello")], [])
    assert s.entry("basics/intro").note == ""
    statuses, _, _ = s.restore(s.undo())
    assert sorted(statuses) == [("basics/intro", "todo"), ("basics/tools", "todo")]
    assert s.undo() is None
    s.restore(s.redo())
    assert s.status_of("basics/tools") == "done"
    assert s.restore(s.redo()) == ([], [("basics/intro", "hello", "")], [])
    assert s.entry("basics/intro").note == "hello"
    assert s.redo() is None


def test_a_new_change_drops_the_redo_steps(mini):
    s = session(mini)
    s.set_statuses([("basics/intro", "done")])
    s.restore(s.undo())
    s.set_statuses([("basics/tools", "skipped")])
    assert s.redo() is None


def test_a_note_typed_in_steps_is_one_undo_step(mini):
    s = session(mini)
    for text in ("h", "he", "hello"):
        s.set_note("basics/intro", text, undoable=False)
    s.note_edited("basics/intro", before="")
    s.restore(s.undo())
    assert s.entry("basics/intro").note == ""
    assert s.undo() is None


def test_search_matches_every_word_in_titles_descriptions_and_notes(mini):
    s = session(mini)
    assert [t.id for t in s.matches_text("ZEBRA")] == ["basics/intro"]
    assert [t.id for t in s.matches_text("protocol web")] == ["web/protocols"]
    s.set_note("extra/history", "a note about zebras")
    assert [t.id for t in s.matches_text("zebra")] == ["basics/intro", "extra/history"]


def test_view_shows_matches_and_their_ancestors(mini):
    s = session(mini, web__protocols__dns="done")
    assert s.view().shown is None
    s.search_text = "methods"
    view = s.view()
    assert view.matches == ["web/protocols/http/methods"]
    assert view.shown == {
        "web",
        "web/protocols",
        "web/protocols/http",
        "web/protocols/http/methods",
    }
    s.search_text = ""
    assert s.cycle_filter() == "todo"
    assert "web/protocols/dns" not in s.view().shown
    for expected in ("in-progress", "done", "skipped", "all"):
        assert s.cycle_filter() == expected


def test_focus_mode_keeps_the_essentials(mini):
    s = session(mini)
    assert s.toggle_focus_mode()
    shown = s.view().matches
    assert shown == [t.id for t in mini.topics() if is_essential(t)]
    assert "extra/history" not in shown
    s.clear_filters()
    assert not s.filtering


def test_next_topic_and_its_reason(mini):
    s = session(mini)
    upcoming = s.next_topic()
    assert upcoming is not None
    assert s.next_reason(upcoming.topic.id) == upcoming.reason
    s.set_statuses([(upcoming.topic.id, "done")])
    assert s.next_topic().topic.id != upcoming.topic.id
    s.set_statuses([(t.id, "done") for t in mini.topics()])
    assert s.next_topic() is None


def test_unfinished_wraps_around_and_skips_what_is_complete_or_hidden(mini):
    s = session(mini, basics__tools="done", web__protocols="skipped")
    assert s.unfinished("basics/intro", 1, None) == "web/protocols/http"
    assert s.unfinished("basics/intro", -1, None) == "extra/history"
    assert s.unfinished("basics/intro", 1, {"extra", "extra/history"}) == "extra/history"
    s.set_statuses([(t.id, "done") for t in mini.topics()])
    assert s.unfinished(None, 1, None) is None


def test_replace_reports_what_changed_on_disk(mini):
    s = session(mini, basics__intro="done")
    changed = s.replace({"basics/tools": TopicProgress(status="done")})
    assert sorted(changed) == ["basics/intro", "basics/tools"]
    assert s.counts_of("basics") == (1, 2)


def test_the_session_imports_neither_textual_nor_rich():
    code = (
        "import sys, roadmap_tui.core.session; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]; "
        "print(bad); sys.exit(bool(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_option_that_counts_nowhere_has_the_figures_it_would_count_if_picked():
    from choice_roadmap import choice_roadmap

    roadmap = choice_roadmap()
    waiting = session(roadmap)
    assert waiting.counts_of("language/python") == (0, 0)  # what it counts: nothing yet
    assert waiting.branch_figures("language/python") == ((0, 1), 14)  # Python and asyncio
    go = Session(roadmap, {"language/go": TopicProgress(chosen=True)}, TopicProgress())
    assert go.branch_figures("language/python") == ((0, 1), 14)  # not chosen: the same
    done = {"language/python/asyncio": TopicProgress("done"), **go.entries}
    assert Session(roadmap, done, TopicProgress()).branch_figures("language/python") == (
        (1, 1),
        14,
    )
    # a branch that counts has what it counts
    python = Session(roadmap, {"language/python": TopicProgress(chosen=True)}, TopicProgress())
    assert python.branch_figures("language/python") == ((0, 1), 14)
    hours = sum(unit.hours for unit in python.choices.units(roadmap["frameworks"]))
    counted = (python.counts_of("frameworks"), hours)
    assert python.branch_figures("frameworks") == counted == ((0, 3), 16)
