"""Pilot test: a section's detail pane shows the hours it counts, the same as `status`, the
tree and the header (a choice not yet made counts as its typical option, not every option)."""

from __future__ import annotations

import json
import re

from roadmap_tui.storage.paths import bundled_path
from roadmap_tui.storage.roadmaps import load

from .helpers import SIZE, detail_text, goto, header, label, saved


def pane_figures(app) -> tuple[int, int, float]:
    """(complete, total, hours) from the section pane's line "0 of 1 topic complete · ~40 h"."""
    found = re.search(r"(\d+) of (\d+) topics? complete · ~([\d.]+) h", detail_text(app))
    assert found, detail_text(app)
    return int(found[1]), int(found[2]), float(found[3])


def status_json(run, progress_path) -> dict:
    code, out, err = run("--progress", str(progress_path), "status", "--json")
    assert code == 0, err
    return json.loads(out)


def section(status: dict, section_id: str) -> dict:
    return next(s for s in status["sections"] if s["id"] == section_id)


async def test_the_language_pane_counts_the_typical_option_then_the_pick(
    make_app, progress_path, run
):
    roadmap = load(bundled_path(), cache=False)
    typical = roadmap["language"].typical_option
    assert typical is not None
    app = make_app(roadmap)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "language")
        before = pane_figures(app)
        before_pane = detail_text(app)
        before_header = header(app)
        before_label = label(app, "language")
        await goto(pilot, "language/rust")
        await pilot.press("c")
        await saved(pilot)
        after_label = label(app, "language")
        after_header = header(app)
        panes = {}
        for part in roadmap.sections:
            await goto(pilot, part.id)
            panes[part.id] = pane_figures(app)
    # before the pick: the typical option's hours, not the sum of every option
    assert before == (0, 1, typical.hours)
    assert "0 of 1 topic complete" in before_pane  # one topic, not "1 topics"
    assert before_label.endswith("choose 1 of 9")
    assert panes["language"] == (0, 1, roadmap["language/rust"].hours)
    assert after_label.endswith("0/1")
    status = status_json(run, progress_path)  # as saved after the pick
    assert f"· {status['todo']} to do" in after_header
    assert before_header != after_header  # the pick changed what counts
    for part in status["sections"]:  # every section pane agrees with `status`
        figures = panes[part["id"]]
        assert figures == (part["complete"], part["total"], part["hours_total"]), part["id"]


async def test_a_choice_topics_pane_shows_its_overview_and_what_it_counts(make_app):
    roadmap = load(bundled_path(), cache=False)
    orm = roadmap["databases/orm"]
    app = make_app(roadmap)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "databases/orm")
        before = detail_text(app)
        await goto(pilot, "language/go")
        await pilot.press("c")
        await saved(pilot)
        await goto(pilot, "databases/orm")
        after = detail_text(app)
    typical = orm.hours + roadmap["databases/orm/prisma"].hours  # the typical option
    assert f"~{orm.hours:g} h · " in before and f"~{typical:g} h with its parts" in before
    gorm = orm.hours + roadmap["databases/orm/gorm"].hours  # a Go learner's only ORM
    assert f"~{gorm:g} h with its parts" in after, after


async def test_an_option_that_does_not_count_shows_what_it_would_count(make_app):
    """Choosing between options: each one's parts and hours, before the pick and after it (as
    if picked), not "0/0 parts complete · ~0 h"."""
    roadmap = load(bundled_path(), cache=False)
    option = roadmap["language/javascript"]
    parts = [t for t in option.walk() if t is not option]
    hours = sum(t.hours for t in option.walk())
    expected = f"0/{len(parts)} parts complete · ~{hours:g} h with its parts"
    app = make_app(roadmap)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "language/javascript")
        waiting = " ".join(detail_text(app).split())
        await goto(pilot, "language/python")
        await pilot.press("c")
        await saved(pilot)
        await goto(pilot, "language/javascript")
        not_chosen = " ".join(detail_text(app).split())
    assert len(parts) == 2 and hours > option.hours
    assert expected in waiting, waiting
    assert expected in not_chosen and "not chosen: you picked Python" in not_chosen, not_chosen
