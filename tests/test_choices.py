"""Pick-one choices in the core: what is chosen, what is out, what counts, what comes next."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from choice_roadmap import CHOICE_ROADMAP, choice_roadmap

from roadmap_tui.core.choices import (
    BranchMark,
    Choices,
    NotAnOption,
    added_picks,
    branch_mark,
    changed_picks,
    pick,
    unpick,
)
from roadmap_tui.core.loader import parse
from roadmap_tui.core.progress import Change, Document, apply_changes, transition
from roadmap_tui.core.session import Session
from roadmap_tui.core.stats import branch_counts, next_topic, status_lookup, summary
from roadmap_tui.storage.progress import TopicProgress
from roadmap_tui.storage.progress.fileformat import FormatError, decode, encode

WHEN = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def choices(statuses=None, chosen=None):
    statuses = statuses or {}
    chosen = chosen or {}
    return Choices(choice_roadmap(), status_lookup(statuses), chosen.get)


# ------------------------------------------------------------------ chosen, made, out


def test_nothing_chosen_the_options_and_what_needs_them_wait():
    c = choices()
    assert c.made == set() and c.chosen == set()
    for tid in ("language/python", "language/python/asyncio", "language/go"):
        assert not c.is_counted(tid) and not c.is_out(tid)
    assert c.why("frameworks/framework/django") == "needs Python, not chosen yet"
    assert c.is_counted("basics/internet") and c.is_counted("frameworks/framework")


def test_starting_an_option_picks_it_and_leaves_the_others_out():
    c = choices({"language/python": "in-progress"})
    assert c.chosen == {"language/python"} and c.made == {"language"}
    assert c.is_counted("language/python/asyncio")
    assert c.why("language/go") == "not chosen: you picked Python"
    assert c.why("frameworks/framework/express") == "needs JavaScript, not chosen"
    # Django needs Python (chosen) but its own choice is not made yet: it waits
    assert not c.is_out("frameworks/framework/django")


def test_an_explicit_pick_wins_over_the_status():
    c = choices({"language/python": "done"}, {"language/python": False, "language/go": True})
    assert c.chosen == {"language/go"}
    assert c.why("language/python") == "not chosen: you picked Go"
    # a framework choice whose every option needs a language not chosen is out as a whole
    assert c.is_out("frameworks/framework")
    assert c.why("frameworks/framework/django") == "needs Python, not chosen"


def test_choose_also_keeps_both():
    c = choices(chosen={"language/python": True, "language/go": True})
    assert c.chosen == {"language/python", "language/go"}
    assert c.is_out("language/javascript")


def test_pick_and_unpick_say_what_to_change():
    roadmap = choice_roadmap()
    go = roadmap["language/go"]
    assert pick(roadmap, go) == [
        ("language/go", True),
        ("language/python", False),
        ("language/javascript", False),
    ]
    assert pick(roadmap, go, also=True) == [("language/go", True)]
    choice, picks = unpick(roadmap, go)
    assert choice.id == "language" and all(chosen is None for _, chosen in picks)
    with pytest.raises(NotAnOption):
        pick(roadmap, roadmap["basics/internet"])


# ------------------------------------------------------------------ counting


def test_a_choice_not_made_counts_as_one_topic_with_the_typical_hours():
    roadmap = choice_roadmap()
    tally = summary(roadmap, {})
    language = next(p for p in tally.children if p.id == "language")
    assert (language.total, language.todo) == (1, 1)
    assert language.hours_total == 14  # Python 10 + its part asyncio 4
    frameworks = next(p for p in tally.children if p.id == "frameworks")
    # the framework topic itself (1 h overview), its pick (Django 12 h) and Testing (3 h)
    assert (frameworks.total, frameworks.hours_total) == (3, 16)
    assert (tally.total, tally.hours_total) == (6, 37)


def test_once_made_the_chosen_option_counts_and_the_others_count_nowhere():
    roadmap = choice_roadmap()
    statuses = {"language/go": "done", "language/python": "done"}
    c = Choices(roadmap, status_lookup(statuses), {"language/python": False}.get)
    tally = summary(roadmap, statuses, c)
    language = next(p for p in tally.children if p.id == "language")
    assert (language.total, language.done, language.hours_total) == (1, 1, 8)
    frameworks = next(p for p in tally.children if p.id == "frameworks")
    assert frameworks.total == 1  # only Testing: no framework fits Go
    assert (tally.total, tally.complete) == (4, 1)
    assert tally.percent == 25.0


def test_branch_counts_count_the_pick_and_skip_out_topics():
    roadmap = choice_roadmap()
    counts = branch_counts(roadmap, status_lookup({}))
    assert counts["language"] == (0, 1)
    assert counts["frameworks"] == (0, 3)
    statuses = {"language/python": "done", "language/python/asyncio": "done"}
    counts = branch_counts(roadmap, status_lookup(statuses))
    assert counts["language"] == (2, 2)
    assert counts["language/python"] == (1, 1)


def test_the_session_counts_as_a_recount_would_through_picks_and_undo():
    roadmap = choice_roadmap()
    s = Session(roadmap, {}, TopicProgress())

    def check():
        fresh = Session(roadmap, dict(s.entries), TopicProgress())
        assert s.tally() == fresh.tally()
        assert s.counts == fresh.counts

    assert (s.tally().total, s.counts_of("language")) == (6, (0, 1))
    s.set_statuses([("basics/internet", "done")])
    check()
    s.set_picks(pick(roadmap, roadmap["language/go"]))
    check()
    assert s.tally().total == 4 and s.choice_tag("language/python") == ("not chosen", True)
    assert s.choice_note("language/python") == "not chosen: you picked Go"
    s.set_statuses([("language/python", "in-progress")])  # learning a second one picks it
    check()
    assert s.chosen_of("language/python") is None
    assert "language/python" in s.choices.chosen and s.tally().in_progress == 1
    s.restore(s.undo())
    s.restore(s.undo())  # the pick of Go undone
    check()
    assert s.choices.made == set()
    assert s.choice_tag("language") == ("choose 1 of 3", False)


def test_focus_mode_keeps_a_chosen_option_as_core():
    roadmap = choice_roadmap()
    s = Session(roadmap, {}, TopicProgress())
    s.toggle_focus_mode()
    assert "language/go" not in s.view().shown
    s.set_picks(pick(roadmap, roadmap["language/go"]))
    assert "language/go" in s.view().shown and "language/python" not in s.view().shown


# ------------------------------------------------------------------ the next topic


def test_next_suggests_the_choice_itself_then_follows_the_pick():
    roadmap = choice_roadmap()
    statuses = {"basics/internet": "done"}
    upcoming = next_topic(roadmap, status_lookup(statuses))
    assert upcoming.topic.id == "language"
    assert upcoming.reason == "choose your language: Python, Go, JavaScript"
    statuses["language/python"] = "done"
    upcoming = next_topic(roadmap, status_lookup(statuses))
    # a chosen option's part ranks as core; the language's own kind is alternative
    assert upcoming.topic.id == "language/python/asyncio"
    statuses["language/python/asyncio"] = "done"
    upcoming = next_topic(roadmap, status_lookup(statuses))
    assert (upcoming.topic.id, upcoming.reason) == (
        "frameworks/framework",
        "choose your framework: Django",  # Express needs JavaScript, not chosen
    )


def test_next_never_suggests_an_out_topic_and_ranks_a_chosen_option_as_its_choice():
    text = CHOICE_ROADMAP.replace("hours = 2\n", 'hours = 2\nkind = "optional"\n', 1)
    roadmap = parse(text, "pick.toml")
    statuses = {"language/go": "todo", "frameworks/framework": "done", "frameworks/testing": "done"}
    c = Choices(roadmap, status_lookup(statuses), {"language/go": True}.get)
    upcoming = next_topic(roadmap, status_lookup(statuses), choices=c)
    # Go (kind alternative) is chosen: it ranks as core, before the optional Internet topic,
    # and the reason names the pick rather than a kind the pane does not show for it
    reason = "no prerequisites, your pick for Pick a Language"
    assert (upcoming.topic.id, upcoming.reason) == ("language/go", reason)
    statuses["language/go"] = "done"
    upcoming = next_topic(roadmap, status_lookup(statuses), choices=c)
    assert upcoming.topic.id == "basics/internet"
    statuses["basics/internet"] = "done"
    upcoming = next_topic(roadmap, status_lookup(statuses), choices=c)
    # the project practises Django, which is out: it needs only what counts
    assert upcoming.topic.id == "projects/todo-api"


def test_a_project_comes_as_soon_as_what_it_practises_is_complete():
    roadmap = choice_roadmap()
    early = {"basics/internet": "done", "frameworks/testing": "done"}
    # Django, practised, waits for the language: the project waits too
    assert next_topic(roadmap, status_lookup(early)).topic.id == "language"
    statuses = {
        "basics/internet": "done",
        "language/python": "done",
        "language/python/asyncio": "done",
        "frameworks/framework/django": "done",
    }
    upcoming = next_topic(roadmap, status_lookup(statuses))
    assert upcoming.topic.id == "frameworks/framework"  # Testing is practised, not done yet
    statuses["frameworks/testing"] = "done"
    upcoming = next_topic(roadmap, status_lookup(statuses))
    # before the framework overview, which comes earlier in roadmap order
    assert (upcoming.topic.id, upcoming.reason) == (
        "projects/todo-api",
        "every practised topic complete, core",
    )


# ------------------------------------------------------------------ the progress model and file


def test_chosen_is_saved_read_back_and_old_files_still_load():
    doc, _ = apply_changes(Document(), "pick", [Change("chosen", "language/go", WHEN, chosen=True)])
    text = encode(doc)
    assert '[roadmaps.pick.topics."language/go"]\nstatus = "todo"\nchosen = true\n' in text
    entry = decode(text.encode())
    assert entry.roadmaps["pick"].topics["language/go"].chosen is True
    old = decode(b'[roadmaps.pick.topics."language/go"]\nstatus = "done"\n')
    assert old.roadmaps["pick"].topics["language/go"].chosen is None


def test_a_chosen_that_is_not_a_boolean_is_a_located_error():
    with pytest.raises(FormatError) as info:
        decode(b'[roadmaps.pick.topics."language/go"]\nchosen = "yes"\n')
    assert info.value.line == 2
    assert "chosen must be true or false, not a string" in info.value.message


def test_starting_an_option_not_chosen_picks_it_and_a_pick_is_not_activity():
    cur = TopicProgress(chosen=False)
    assert transition(cur, "in-progress", WHEN).chosen is None
    assert transition(TopicProgress(chosen=True), "done", WHEN).chosen is True
    doc, _ = apply_changes(
        Document(), "pick", [Change("chosen", "language/go", WHEN, chosen=False)]
    )
    assert doc.roadmaps["pick"].activity == {}
    assert doc.roadmaps["pick"].topics["language/go"].changed == WHEN


def test_session_counts_always_match_a_recount():
    """Whatever the order of statuses and picks, the session's kept counts equal a recount."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    roadmap = choice_roadmap()
    ids = [t.id for t in roadmap.topics()]
    options = [t.id for t in roadmap.topics() if roadmap[t.parent].is_choice]
    statuses = st.tuples(
        st.just("status"), st.sampled_from(ids), st.sampled_from(["todo", "in-progress", "done"])
    )
    picks = st.tuples(st.just("pick"), st.sampled_from(options), st.sampled_from([True, False]))

    @settings(max_examples=120, deadline=None)
    @given(st.lists(st.one_of(statuses, picks), max_size=12))
    def check(steps):
        s = Session(roadmap, {}, TopicProgress())
        for kind, tid, value in steps:
            if kind == "status":
                s.set_statuses([(tid, value)])
            else:
                s.set_picks([(tid, value)])
        fresh = Session(roadmap, dict(s.entries), TopicProgress())
        assert (s.tally(), s.counts) == (fresh.tally(), fresh.counts)
        tally = summary(roadmap, {t: e.status for t, e in s.entries.items()}, fresh.choices)
        assert (s.tally().total, s.tally().done) == (tally.total, tally.done)

    check()


def test_two_stores_keep_each_others_picks_and_a_pick_is_no_activity(tmp_path):
    from roadmap_tui.storage.progress import ProgressStore

    path = tmp_path / "progress.toml"
    first, second = ProgressStore(path, "pick"), ProgressStore(path, "pick")
    first.load()
    second.load()
    first.set_chosen([("language/go", True), ("language/python", False)])
    second.set_status("basics/internet", "done")  # written over the file with first's picks
    third = ProgressStore(path, "pick")
    assert third.get("language/go").chosen is True
    assert third.get("language/python").chosen is False
    assert third.get("basics/internet").status == "done"
    assert sum(third.activity().values()) == 1  # the status change only
    with pytest.raises(TypeError):
        first.set_chosen([("language/go", "yes")])


def test_a_branch_mark_leaves_alone_what_does_not_count_unless_that_was_named():
    roadmap = choice_roadmap()
    nothing = choices()
    mark = branch_mark(nothing, roadmap["language"], "done")
    assert mark == BranchMark([], 0, 4) and mark.left == "4 waiting for a pick"
    go = choices(chosen={"language/go": True, "language/python": False})
    mark = branch_mark(go, roadmap["language"], "skipped")
    assert mark == BranchMark(["language/go"], 3, 0)
    assert mark.left_as_is == "3 not chosen, left as they are"
    mark = branch_mark(go, roadmap["frameworks"], "done")  # no framework for Go
    assert mark.ids == ["frameworks/testing"] and mark.left == "3 not chosen"
    assert BranchMark([], 1, 0).left_as_is == "1 not chosen, left as it is"
    # named on purpose, or set back to to do: everything under it
    assert branch_mark(go, roadmap["language/python"], "done").ids == [
        "language/python",
        "language/python/asyncio",
    ]
    assert len(branch_mark(go, roadmap["language"], "todo").ids) == 4


def test_a_status_on_an_option_not_chosen_is_said_to_add_a_pick():
    before = choices(chosen={"language/go": True})
    after = choices({"language/python": "done"}, {"language/go": True})
    assert added_picks(before, after, ["language/python", "basics/internet"]) == [
        "Python counts now too: your picks for Pick a Language are Python and Go"
    ]
    assert added_picks(choices(), after, ["language/python"]) == []  # the first pick
    assert added_picks(after, after, ["language/python"]) == []  # a pick already


def test_a_merge_that_changes_the_picks_is_said_once_a_choice():
    nothing = choices()
    go = choices(chosen={"language/go": True})
    both = choices({"language/python": "done"}, {"language/go": True})
    assert changed_picks(nothing, go) == ["Pick a Language: your pick is now Go (no pick before)"]
    assert changed_picks(both, nothing) == [
        "Pick a Language: no pick now (they were Python and Go)"
    ]
    assert changed_picks(go, both) == [
        "Pick a Language: your picks are now Python and Go (it was Go)"
    ]
    assert changed_picks(go, go) == []


NESTED = CHOICE_ROADMAP.replace(
    """[[section.topic.topic]]
id = "asyncio"
title = "asyncio"
hours = 4
""",
    """[[section.topic.topic]]
id = "asyncio"
title = "asyncio"
hours = 4

[[section.topic.topic]]
id = "web"
title = "Pick a web library"
choose = 1
typical = "flask"
hours = 1

[[section.topic.topic.topic]]
id = "flask"
title = "Flask"
hours = 3

[[section.topic.topic.topic]]
id = "bottle"
title = "Bottle"
hours = 2
""",
)


def test_a_branch_named_that_does_not_count_is_marked_as_if_picked_its_own_choices_wait():
    roadmap = parse(NESTED, "nested.toml")
    go = Choices(roadmap, status_lookup({}), {"language/go": True}.get)
    mark = branch_mark(go, roadmap["language/python"], "done")
    # Python and what counts once it is picked; the choice inside it waits for its own pick
    assert mark == BranchMark(
        ["language/python", "language/python/asyncio", "language/python/web"], 0, 2
    )


def test_a_second_pick_is_said_only_beyond_what_the_choice_asks_for_and_where_it_counts():
    two = parse(
        CHOICE_ROADMAP.replace('choose = 1\ntypical = "python"', 'choose = 2\ntypical = "python"'),
        "two.toml",
    )
    before = Choices(two, status_lookup({}), {"language/go": True}.get)
    after = Choices(two, status_lookup({"language/python": "done"}), {"language/go": True}.get)
    assert added_picks(before, after, ["language/python"]) == []  # the second of two
    # an option that still counts nowhere (Express needs JavaScript, not chosen) is no pick
    roadmap = choice_roadmap()
    picks = {"language/python": True, "frameworks/framework/django": True}
    before = Choices(roadmap, status_lookup({}), picks.get)
    after = Choices(roadmap, status_lookup({"frameworks/framework/express": "done"}), picks.get)
    assert not after.is_counted("frameworks/framework/express")
    assert added_picks(before, after, ["frameworks/framework/express"]) == []
