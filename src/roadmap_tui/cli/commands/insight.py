"""Looking back and around: stats, share and roadmaps."""

from __future__ import annotations

from argparse import Namespace
from typing import TYPE_CHECKING

from roadmap_tui.cli.common import Context, statuses
from roadmap_tui.core.stats import plural
from roadmap_tui.core.textsafe import clean, json_dumps

if TYPE_CHECKING:
    from roadmap_tui.core.history import History
    from roadmap_tui.core.roadmap import Roadmap
    from roadmap_tui.core.stats import Tally
    from roadmap_tui.storage.progress import ProgressStore


def _history(ctx: Context) -> tuple[Roadmap, ProgressStore, Tally, History]:
    """The roadmap, its progress, its tally and its history: what stats and share show."""
    from datetime import date

    from roadmap_tui.core.choices import Choices
    from roadmap_tui.core.history import history
    from roadmap_tui.core.stats import summary

    roadmap, store = ctx.load()
    tally = summary(roadmap, statuses(store), Choices.of_entries(roadmap, store.topics()))
    days = ctx.settings.week_start_day
    hist = history(
        roadmap, dict(store.topics()), dict(store.activity()), date.today(), first_weekday=days
    )
    return roadmap, store, tally, hist


def stats(ctx: Context, args: Namespace) -> int:
    """``--minutes``: the calendar shows minutes studied a day instead of topics changed."""
    from datetime import UTC, date, datetime

    from roadmap_tui import report
    from roadmap_tui.core.pace import pace
    from roadmap_tui.core.review import review_stats, schedules
    from roadmap_tui.core.studytime import effective_goal

    roadmap, store, tally, hist = _history(ctx)
    due = schedules(store.topics(), store.reviews(), (t.id for t in roadmap.topics()))
    review = review_stats(due, store.reviews(), datetime.now(UTC))
    goal = effective_goal(store.goal(), ctx.settings.weekly_goal)[0]
    paced = pace(roadmap, store.topics(), store.time(), goal, date.today(), hist.first_weekday)
    if args.json:
        ctx.out.write(json_dumps(report.stats_json(roadmap, tally, hist, review, paced)) + "\n")
    else:
        found = report.stats_renderable(roadmap, tally, hist, review, paced, minutes=args.minutes)
        ctx.out.print(found)
    return 0


def share(ctx: Context, args: Namespace) -> int:
    from roadmap_tui import report

    roadmap, _, tally, hist = _history(ctx)
    if args.json:  # the card's figures, for a script that makes its own card
        card = {
            "roadmap": {"id": roadmap.id, "title": roadmap.title},
            **tally.as_dict(),
            "streak": {"current": hist.current_streak, "longest": hist.longest_streak},
            "sections": [part.as_dict() for part in tally.children],
        }
        ctx.out.write(json_dumps(card) + "\n")
        return 0
    ctx.out.write(report.share_card(roadmap, tally, hist, markdown=args.markdown))
    return 0


def roadmaps(ctx: Context, args: Namespace) -> int:
    from rich.text import Text

    from roadmap_tui.storage import paths
    from roadmap_tui.storage.catalog import discover

    folder = paths.user_roadmaps_dir()
    current = ctx.roadmap_path().resolve()
    entries = discover(folder)
    page = Text()
    for entry in entries:
        if page:
            page.append("\n")
        page.append("* " if entry.path.resolve() == current else "  ", "bold green")
        if entry.roadmap is not None:
            rm = entry.roadmap
            page.append(clean(rm.id), "bold")
            page.append(
                clean(f"  {rm.title}  ({len(rm.sections)} sections, {rm.topic_count} topics)")
            )
        else:
            page.append(clean(entry.path.stem), "bold red")
            page.append(f"  invalid: {plural(len(entry.problems), 'problem')}", "red")
        page.append(clean(f"  {'bundled' if entry.bundled else entry.path}"), "dim")
        for problem in entry.problems[:10]:
            page.append(clean(f"\n      {problem}"), "red")
        if len(entry.problems) > 10:
            page.append(f"\n      ... and {len(entry.problems) - 10} more", "red")
    if len(entries) == 1:
        page.append(clean(f"\nAdd your own: put roadmap files (*.toml) in {folder}"), "dim")
    if page:
        ctx.out.print(page)
    return 0
