"""The outline (a roadmap's structure as flat columns) and what is computed from it: it must
agree with the roadmap model it comes from, through its cache too."""

from __future__ import annotations

import marshal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_tui.core.outline import _COLUMNS, Outline
from roadmap_tui.core.roadmap import RoadmapError, bundled_path, load, load_outline
from roadmap_tui.core.stats import COMPLETE, KIND_PREFERENCE, next_position, next_topic, summary

BUNDLED = load(bundled_path())


def columns(outline: Outline) -> list:
    """Every column as a list (a cached outline reads its numbers in place, as memoryviews)."""
    names = (*_COLUMNS, "ends", "section_of", "sections")
    return [list(getattr(outline, name)) for name in names]


TOPIC_IDS = [t.id for t in BUNDLED.topics()]
STATUSES = ("todo", "in-progress", "done", "skipped")


def test_outline_columns_follow_the_model():
    outline = BUNDLED.outline
    nodes = list(BUNDLED.nodes())
    assert outline.ids == [n.id for n in nodes]
    assert outline.titles == [n.title for n in nodes]
    for i, node in enumerate(nodes):
        parent = outline.parents[i]
        assert (outline.ids[parent] if parent >= 0 else None) == node.parent
        assert outline.is_section(i) == node.is_section
        assert outline.is_leaf(i) == (not node.children)
        assert [outline.ids[j] for j in outline.subtree(i)] == [n.id for n in node.walk()]
        assert [outline.ids[j] for j in outline.children(i)] == [c.id for c in node.children]
        assert outline.ids[outline.sections[outline.section_of[i]]] == (node.section or node.id)
        assert outline.sources[i] == len(node.sources)
    assert outline.topic_count == BUNDLED.topic_count
    assert [outline.ids[i] for i in outline.topic_positions()] == TOPIC_IDS


def naive_summary(statuses):
    """Counts by walking the model, topic by topic: what summary() must agree with."""
    rows = []
    for section in BUNDLED.sections:
        topics = [t for t in section.walk() if not t.is_section]
        status = [statuses.get(t.id, "todo") for t in topics]
        rows.append(
            (
                section.id,
                len(topics),
                status.count("done"),
                status.count("in-progress"),
                status.count("skipped"),
                status.count("todo"),
                sum(t.hours for t in topics),
                sum(t.hours for t, s in zip(topics, status, strict=True) if s in COMPLETE),
            )
        )
    return rows


def naive_next(statuses):
    """The next-topic rule, written out over the model: what next_topic() must agree with."""
    status_of = lambda tid: statuses.get(tid, "todo")  # noqa: E731
    first = {}
    for topic in BUNDLED.topics():
        status = status_of(topic.id)
        if status == "in-progress":
            return topic.id
        if status in COMPLETE or any(status_of(p) not in COMPLETE for p in topic.prerequisites):
            continue
        if topic.kind == "alternative":
            siblings = BUNDLED[topic.parent].children
            if any(
                s.kind == "alternative" and s is not topic and status_of(s.id) != "todo"
                for s in siblings
            ):
                continue
        first.setdefault(topic.kind, topic.id)
    return next((first[k] for k in KIND_PREFERENCE if k in first), None)


statuses_strategy = st.dictionaries(
    st.sampled_from([*TOPIC_IDS, "gone/topic", BUNDLED.sections[0].id]),
    st.sampled_from(STATUSES),
    max_size=120,
)


@settings(max_examples=150, deadline=None)
@given(statuses_strategy)
def test_summary_agrees_with_a_walk_over_the_model(statuses):
    tally = summary(BUNDLED, statuses)
    got = [
        (p.id, p.total, p.done, p.in_progress, p.skipped, p.todo, p.hours_total, p.hours_done)
        for p in tally.children
    ]
    assert got == naive_summary(statuses)
    assert tally.total == BUNDLED.topic_count
    assert tally.done == sum(p.done for p in tally.children)
    assert tally.todo == tally.total - tally.done - tally.in_progress - tally.skipped


@settings(max_examples=150, deadline=None)
@given(statuses_strategy)
def test_next_topic_agrees_with_the_rule_written_over_the_model(statuses):
    expected = naive_next(statuses)
    found = next_topic(BUNDLED, lambda tid: statuses.get(tid, "todo"))
    assert (found.topic.id if found else None) == expected
    # knowing the topics in progress up front gives the same answer, sooner
    started = [tid for tid, s in statuses.items() if s == "in-progress"]
    hinted = next_position(
        BUNDLED.outline, lambda tid: statuses.get(tid, "todo"), in_progress=started
    )
    assert (BUNDLED.outline.ids[hinted[0]] if hinted else None) == expected


def test_everything_done_leaves_nothing_next():
    statuses = dict.fromkeys(TOPIC_IDS, "done")
    assert next_topic(BUNDLED, lambda tid: statuses.get(tid, "todo")) is None
    assert summary(BUNDLED, statuses).percent == 100


def test_find_and_suggest_by_position():
    outline = BUNDLED.outline
    topic = BUNDLED.topics().__next__()
    assert [outline.ids[i] for i in outline.find(topic.id)] == [topic.id]
    assert [outline.ids[i] for i in outline.find(topic.title.upper())] == [topic.id]
    assert outline.find(BUNDLED.sections[0].id) == []  # a section is not a topic
    assert outline.find("no such thing at all") == []
    close = outline.suggest(topic.title[:-1].lower())
    assert close and outline.ids[close[0]] == topic.id


# ------------------------------------------------------------------------ the outline cache

ROADMAP = """\
[roadmap]
id = "small"
title = "Small"

[[section]]
id = "basics"
title = "Basics"

[[section.topic]]
id = "dns"
title = "DNS"
hours = 2

[[section.topic]]
id = "http"
title = "HTTP"
prerequisites = ["basics/dns"]
"""


def test_outline_cache_serves_the_same_outline_and_notices_a_change(tmp_path, monkeypatch):
    import roadmap_tui.core.roadmap as module

    monkeypatch.setenv("ROADMAP_TUI_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "r.toml"
    path.write_text(ROADMAP, encoding="utf-8")
    first = load_outline(path)
    assert columns(first) == columns(load(path).outline)
    assert list((tmp_path / "cache").glob("*.outline"))
    calls = []
    real_load = module.load
    monkeypatch.setattr(module, "load", lambda *a, **k: calls.append(1) or real_load(*a, **k))
    second = load_outline(path)
    assert calls == []  # served from the cache
    assert columns(second) == columns(first)
    path.write_text(ROADMAP.replace('title = "DNS"', 'title = "Domain names"'), encoding="utf-8")
    third = load_outline(path)
    assert calls == [1]
    assert third.titles[1] == "Domain names"


@pytest.mark.parametrize("garbage", [b"", b"\x00garbage", b"\xe9\x00\x00\x00"])
def test_a_damaged_outline_cache_is_ignored(tmp_path, monkeypatch, garbage):
    monkeypatch.setenv("ROADMAP_TUI_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "r.toml"
    path.write_text(ROADMAP, encoding="utf-8")
    load_outline(path)
    for cached in (tmp_path / "cache").glob("*.outline"):
        cached.write_bytes(garbage)
    assert load_outline(path).ids == ["basics", "basics/dns", "basics/http"]


def test_an_outline_of_the_wrong_shape_is_ignored():
    good = BUNDLED.outline.dump()
    assert columns(Outline.from_dump(good)) == columns(BUNDLED.outline)
    assert Outline.from_dump(good[:-1]) is None
    assert Outline.from_dump((*good[:3], [], *good[4:])) is None  # a column too short
    assert Outline.from_dump((*good[:4], [], *good[5:])) is None  # a list, not a blob
    assert Outline.from_dump((*good[:-1], "not a list")) is None
    assert Outline.from_dump("nonsense") is None


@given(st.lists(st.text(max_size=12), max_size=30))
def test_titles_packed_in_one_string_come_back_whole_and_one_by_one(titles):
    # a title may even hold the separator the packed form uses
    n = len(titles)
    ids = [f"t{i}" for i in range(n)]
    outline = Outline("r", "R", 0, ids, titles, *[[0] * n] * 5, [()] * n, [()] * n)
    loaded = Outline.from_dump(marshal.loads(marshal.dumps(outline.dump())))
    assert loaded is not None
    assert [loaded.title_of(i) for i in range(n)] == titles  # before they are all decoded
    assert loaded.titles == titles
    assert [loaded.title_of(i) for i in range(n)] == titles  # and after


def test_damaged_packed_titles_are_refused():
    good = BUNDLED.outline.dump()
    joined, starts = good[4]
    for titles in [(joined,), (joined, starts[:-1]), (joined + "x", starts), (b"x", starts)]:
        assert Outline.from_dump((*good[:4], titles, *good[5:])) is None, titles


def test_damaged_numbers_are_refused():
    good = BUNDLED.outline.dump()
    parents = good[5]
    for damaged in [parents[:-1], parents[:-4], parents + bytes(4), list(BUNDLED.outline.parents)]:
        assert Outline.from_dump((*good[:5], damaged, *good[6:])) is None
    ends = good[-3]
    assert Outline.from_dump((*good[:-3], ends[:-4], *good[-2:])) is None


def test_an_invalid_roadmap_has_no_outline(tmp_path, monkeypatch):
    monkeypatch.setenv("ROADMAP_TUI_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "r.toml"
    path.write_text(ROADMAP, encoding="utf-8")
    load_outline(path)
    path.write_text(ROADMAP.replace('"basics/dns"]', '"basics/nope"]'), encoding="utf-8")
    with pytest.raises(RoadmapError, match="nope"):
        load_outline(path)
    with pytest.raises(RoadmapError):
        load_outline(tmp_path / "missing.toml")


def test_hours_add_up_as_numbers_of_hours_even_when_written_as_integers(tmp_path, monkeypatch):
    monkeypatch.setenv("ROADMAP_TUI_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "r.toml"
    path.write_text(ROADMAP, encoding="utf-8")
    tally = summary(load_outline(path), {"basics/dns": "done"})
    data = tally.as_dict()
    assert (data["hours_total"], data["hours_done"], data["hours_left"]) == (2.0, 2.0, 0.0)
    assert all(isinstance(data[k], float) for k in ("hours_total", "hours_done", "hours_left"))
    assert isinstance(tally.children[0].as_dict()["hours_total"], float)
