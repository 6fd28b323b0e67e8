"""The session's filters (status, kind, level, section, has a note), without Textual."""

from __future__ import annotations

from tui.conftest import MINI_TOML

from roadmap_tui.core.loader import parse
from roadmap_tui.core.session import Session
from roadmap_tui.storage.progress import TopicProgress


def session() -> Session:
    text = MINI_TOML.replace('kind = "alternative"', 'kind = "alternative"\nlevel = "advanced"')
    roadmap = parse(text)  # DNS is advanced, every other topic a beginner's
    entries = {
        "web/protocols/dns": TopicProgress(status="done", note="resolvers"),
        "web/html": TopicProgress(note="  "),  # blank: no note
    }
    return Session(roadmap, entries, TopicProgress())


def shown(s: Session) -> list[str]:
    return s.view().matches


def test_each_filter_narrows_and_they_combine():
    s = session()
    s.choose_filter("level:advanced")
    assert shown(s) == ["web/protocols/dns"]
    assert s.filter_words() == ["advanced"]
    s.choose_filter("level:")
    s.choose_filter("section:basics")
    assert shown(s) == ["basics/intro", "basics/tools"]
    s.choose_filter("kind:core")
    assert shown(s) == ["basics/intro"]
    assert s.filter_words() == ["core", "Basics"]
    s.choose_filter("section:")
    s.choose_filter("kind:")
    s.choose_filter("note:yes")
    assert shown(s) == ["web/protocols/dns"]  # a blank note is no note
    s.choose_filter("status:todo")
    assert shown(s) == []
    s.search_text = "names"  # the search combines too
    s.choose_filter("status:done")
    assert shown(s) == ["web/protocols/dns"]
    assert s.filter_chosen("status:done") and s.filter_chosen("note:yes")
    assert not s.filter_chosen("status:all")
    s.choose_filter("clear")
    assert not s.filters.on and s.search_text == "names"


def test_the_menu_offers_only_what_the_roadmap_has_and_rejects_the_rest():
    s = session()
    groups = dict(s.filter_choices())
    assert [label for _, label in groups["Level"]] == ["any level", "beginner", "advanced"]
    assert "status:not-chosen" not in dict(groups["Status"])  # mini has no choices
    assert [label for _, label in groups["Section"]][1:] == ["Basics", "Web", "Extras"]
    for bad in ("kind:nosuch", "section:nosuch", "status:nosuch", "level:expert"):
        s.choose_filter(bad)
    assert not s.filters.on


def test_the_status_filter_cycles_both_ways():
    s = session()
    assert s.cycle_filter(-1) == "skipped"
    assert s.cycle_filter(-1) == "done"
    assert s.cycle_filter() == "skipped"
    assert s.cycle_filter() == "all"
