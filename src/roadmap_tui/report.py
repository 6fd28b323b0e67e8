"""Statistics and share cards as rich renderables and text, used by the CLI and the app.

Pure core: rich only, no Textual import.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, timedelta

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from roadmap_tui.core.history import History, heatmap_grid
from roadmap_tui.core.pace import Pace, goal_lines, pace_json, time_lines
from roadmap_tui.core.review import FORECAST_DAYS, RETENTION_DAYS, ReviewStats
from roadmap_tui.core.roadmap import Roadmap
from roadmap_tui.core.stats import (
    Tally,
    filled_cells,
    format_hours,
    format_percent,
    plain_bar,
    plural,
)
from roadmap_tui.core.team import Member, Unreadable
from roadmap_tui.core.textsafe import clean

HEAT_CHARS = ("·", "░", "▒", "▓", "█")
HEAT_STYLES = ("dim", "green4", "green3", "green1", "bold bright_green")
SPARK = "▁▂▃▄▅▆▇█"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# the least value of each heat level from 1 to 4 (below the first: level 0, nothing)
COUNT_STEPS = (1, 2, 4, 7)  # changes a day: 1, 2-3, 4-6, 7+
MINUTES_STEPS = (1, 30, 60, 120)  # minutes a day: under 30 min, under 1 h, under 2 h, 2 h+

# what each level of the minutes calendar stands for, in its legend
MINUTES_LEGEND = ("0", "<30m", "<1h", "<2h", "2h+")


def bar(percent: float, width: int, style: str = "green") -> Text:
    filled = filled_cells(percent, width)
    return Text.assemble(("█" * filled, style), ("░" * (width - filled), "dim"))


def heatmap(history: History) -> Text:
    """The calendar of changes (statuses and notes) per day."""
    return heatmap_of(history.heatmap, unit="topics changed")


def heatmap_of(
    grid: list[list[tuple[date, int] | None]], *, minutes: bool = False, unit: str = "changes"
) -> Text:
    """A contribution calendar: one column per week, one row per weekday, month names above.
    ``minutes``: the cells are minutes studied (levels by time), else counts; the legend
    names ``unit``, what the cells count."""
    months = Text("    ")
    last_month = None
    skip = 0
    for column in grid:
        first = column[0]
        if skip:
            skip -= 1
            continue
        if first is not None and first[0].month != last_month:
            last_month = first[0].month
            name = first[0].strftime("%b")
            months.append(name + " ", "dim")
            skip = (len(name) + 1) // 2 - 1
            if (len(name) + 1) % 2:
                months.append(" ")
        else:
            months.append("  ")
    lines = [months]
    first_weekday = grid[0][0][0].weekday() if grid and grid[0][0] else 0
    for weekday in range(7):
        name = WEEKDAYS[(first_weekday + weekday) % 7] if weekday % 2 == 0 else ""  # every other
        row = Text(f"{name:<4}", "dim")
        for column in grid:
            cell = column[weekday]
            if cell is None:
                row.append("  ")
                continue
            level = bisect_right(MINUTES_STEPS if minutes else COUNT_STEPS, cell[1])
            row.append(HEAT_CHARS[level] + " ", HEAT_STYLES[level])
        lines.append(row)
    legend = Text(f"    {unit} a day:", "dim")
    if not minutes:
        legend.append(" less", "dim")
    for level in range(5):
        legend.append(" " + HEAT_CHARS[level], HEAT_STYLES[level])
        if minutes:
            legend.append(" " + MINUTES_LEGEND[level], "dim")
    if not minutes:
        legend.append(" more", "dim")
    lines.append(legend)
    return Text("\n").join(lines)


def _spark(value: int, top: int) -> str:
    index = 0 if top == 0 else round((len(SPARK) - 1) * value / top)
    return SPARK[index] if value or top == 0 else " "


def weekly_columns(values: list[int], indent: int = 2) -> Text:
    """A bar over each week's number, both right-aligned in one column per week (as wide as
    the widest number), so that every bar stands over its own number."""
    top = max(values, default=0)
    width = max((len(str(n)) for n in values), default=1)
    bars = Text(" " * indent)
    numbers = Text(" " * indent, "dim")
    for n, value in enumerate(values):
        gap = " " if n else ""
        bars.append(gap + _spark(value, top).rjust(width), "green" if value else "dim")
        numbers.append(gap + str(value).rjust(width))
    return Text("\n").join([bars, numbers])


def forecast_lines(history: History) -> list[str]:
    if not history.has_history:
        return ["No history yet: mark a few topics done and a pace and finish date appear here."]
    lines = []
    if history.pace <= 0:
        lines.append("No topics completed in the last weeks, so there is no pace to project.")
    else:
        # measured over the weeks since the first activity, not the whole window
        weeks = plural(history.pace_weeks, "week")
        lines.append(f"Pace: {history.pace:.1f} topics a week over {weeks} of history.")
    for label, left, when in (
        ("Core topics", history.core_left, history.core_finish),
        ("Everything", history.all_left, history.all_finish),
    ):
        if left == 0:
            lines.append(f"{label}: all complete.")
        elif when is not None:
            lines.append(f"{label}: {left} left, done around {when:%d %b %Y} at this pace.")
        else:
            lines.append(f"{label}: {left} left.")
    return lines


def section_table(tally: Tally, width: int = 12) -> Table:
    """Progress per section. The names are the one column that gives way when the table is
    wider than the screen (cut with an ellipsis, never wrapped); every other column and the
    header row keep their width and stay on one line."""
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold", expand=False)
    table.add_column("Section", min_width=10)  # wrappable, so rich narrows this one first
    table.add_column("progress", no_wrap=True)
    table.add_column("%", justify="right", no_wrap=True)
    table.add_column("●", justify="right", header_style="bold green", no_wrap=True)
    table.add_column("◐", justify="right", header_style="bold yellow", no_wrap=True)
    table.add_column("⊘", justify="right", header_style="bold blue", no_wrap=True)
    table.add_column("○", justify="right", no_wrap=True)
    table.add_column("h done/left", justify="right", no_wrap=True)
    for part in tally.children:
        table.add_row(
            Text(clean(part.title), no_wrap=True, overflow="ellipsis"),
            bar(part.percent, width),
            format_percent(part.percent),
            str(part.done),
            str(part.in_progress),
            str(part.skipped),
            str(part.todo),
            f"{part.hours_done:g}/{part.hours_left:g}",
        )
    return table


def review_lines(review: ReviewStats, today: date) -> list[str]:
    """The review statistics as plain lines (titles are added by the caller)."""
    if not review.has_reviews and not review.in_review:
        return ["No reviews yet. Topics you mark done come up for review here."]
    if not review.has_reviews:
        topics = "topic is" if review.in_review == 1 else "topics are"
        return [
            f"No reviews yet. {review.in_review} finished {topics} in review: `roadmap-tui review`."
        ]
    times = "review" if review.reviews == 1 else "reviews"
    lines = [f"{review.reviews} {times} in all; {review.in_review} topics in review."]
    if review.retention is None:
        lines.append(f"Retention: no reviews in the last {RETENTION_DAYS} days.")
    else:
        lines.append(
            f"Retention, last {RETENTION_DAYS} days: {review.retention:.0%} "
            f"recalled (hard, good or easy) of {review.recent} reviews."
        )
    days = [
        ("today" if n == 0 else (today + timedelta(days=n)).strftime("%a"), count)
        for n, count in enumerate(review.due_days)
    ]
    lines.append(
        f"Due, next {FORECAST_DAYS} days: " + "  ".join(f"{name} {count}" for name, count in days)
    )
    return lines


def stats_renderable(
    roadmap: Roadmap,
    tally: Tally,
    history: History,
    review: ReviewStats | None = None,
    pace: Pace | None = None,
    *,
    minutes: bool = False,
) -> RenderableType:
    """The statistics; ``minutes``: the activity calendar shows minutes studied a day (from
    ``pace``), else the topics changed."""
    overall = Text()
    overall.append(clean(roadmap.title), "bold")
    overall.append("\n")
    overall.append_text(bar(tally.percent, 40))
    overall.append(f" {format_percent(tally.percent)} complete\n", "bold")
    overall.append(f"● {tally.done} done", "green")
    overall.append(" · ")
    overall.append(f"◐ {tally.in_progress} in progress", "yellow")
    overall.append(" · ")
    overall.append(f"⊘ {tally.skipped} skipped", "blue")
    overall.append(f" · ○ {tally.todo} to do   ({tally.total} topics)\n")
    overall.append(
        f"Hours: {format_hours(tally.hours_done)} done, "
        f"{format_hours(tally.hours_in_progress)} in progress, "
        f"{format_hours(tally.hours_left)} left of {format_hours(tally.hours_total)}"
    )
    weeks_shown = len(history.heatmap)
    if minutes and pace is not None:
        activity_title = Text(f"\nMinutes studied, last {weeks_shown} weeks", "bold")
        calendar = heatmap_of(
            heatmap_grid(pace.per_day, history.today, first_weekday=history.first_weekday),
            minutes=True,
            unit="minutes studied",
        )
    else:
        activity_title = Text(f"\nActivity, last {weeks_shown} weeks", "bold")
        calendar = heatmap(history)
    weekly = Text(
        f"Completed per week, the last {len(history.weekly_completed)} (this week last):\n"
    )
    weekly.append_text(weekly_columns(history.weekly_completed))
    # in the order shown
    parts: list[RenderableType] = [
        overall,
        Text(""),
        section_table(tally),  # its header row ("Section ...") is the heading
        activity_title,
        calendar,
        Text(
            f"Streak: {plural(history.current_streak, 'day')} "
            f"now, longest {history.longest_streak}."
        ),
        weekly,
    ]
    if pace is not None:
        parts += [Text("\nStudy time", style="bold"), Text(clean("\n".join(time_lines(pace))))]
    if review is not None:
        parts.append(Text(f"\nReviews, last {weeks_shown} weeks", "bold"))
        if review.has_reviews:
            grid = heatmap_grid(review.per_day, history.today, first_weekday=history.first_weekday)
            parts.append(heatmap_of(grid, unit="reviews"))
        parts.append(Text("\n".join(review_lines(review, history.today))))
        if review.relearn:
            relearn = Text(f"Needs relearning ({len(review.relearn)}): ", "bold red")
            relearn.append(", ".join(clean(_title(roadmap, tid)) for tid in review.relearn))
            parts.append(relearn)
    parts += [Text("\nForecast", style="bold"), Text("\n".join(forecast_lines(history)))]
    if pace is not None:
        parts += [Text("\nGoal and pace (hours)", style="bold"), Text("\n".join(goal_lines(pace)))]
    return Group(*parts)


def _title(roadmap: Roadmap, topic_id: str) -> str:
    node = roadmap.get(topic_id)
    return node.title if node is not None else topic_id


def review_json(roadmap: Roadmap, review: ReviewStats, today: date) -> dict:
    return {
        "in_review": review.in_review,
        "reviews": review.reviews,
        "per_day": {day.isoformat(): n for day, n in sorted(review.per_day.items())},
        "retention": {
            "days": RETENTION_DAYS,
            "reviews": review.recent,
            "recalled": None if review.retention is None else round(review.retention, 4),
        },
        "due_now": review.due_now,
        "due_next_days": [
            {"date": (today + timedelta(days=n)).isoformat(), "due": count}
            for n, count in enumerate(review.due_days)
        ],
        "needs_relearning": [{"id": tid, "title": _title(roadmap, tid)} for tid in review.relearn],
    }


def stats_json(
    roadmap: Roadmap,
    tally: Tally,
    history: History,
    review: ReviewStats | None = None,
    pace: Pace | None = None,
) -> dict:
    def iso(value: date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "roadmap": {"id": roadmap.id, "title": roadmap.title},
        "today": history.today.isoformat(),
        **tally.as_dict(),
        "sections": [part.as_dict() for part in tally.children],
        "activity": {day.isoformat(): n for day, n in sorted(history.activity.items())},
        "streak": {"current": history.current_streak, "longest": history.longest_streak},
        "weekly_completed": [
            {"week": start.isoformat(), "completed": n}
            for start, n in zip(history.week_starts, history.weekly_completed, strict=True)
        ],
        "has_history": history.has_history,
        "pace_per_week": round(history.pace, 2),
        "pace_weeks": history.pace_weeks,
        "forecast": {
            "core_left": history.core_left,
            "all_left": history.all_left,
            "core_finish": iso(history.core_finish) if history.has_history else None,
            "all_finish": iso(history.all_finish) if history.has_history else None,
        },
        **({"review": review_json(roadmap, review, history.today)} if review else {}),
        **({"study": pace_json(pace)} if pace is not None else {}),
    }


def share_card(roadmap: Roadmap, tally: Tally, history: History, *, markdown: bool = False) -> str:
    """A compact progress card that pastes well as plain text or Markdown."""
    width = 20
    name_width = min(34, max((len(p.title) for p in tally.children), default=10))

    title = clean(roadmap.title)
    streak = f"streak {plural(history.current_streak, 'day')}"
    summary = (
        f"{format_percent(tally.percent)} · {tally.done} done · {tally.in_progress} in progress · "
        f"{tally.skipped} skipped · {tally.total} topics · {streak}"
    )
    rows = []
    for part in tally.children:
        name = clean(part.title)
        if len(name) > name_width:
            name = name[: name_width - 1] + "…"
        rows.append(
            f"{name:<{name_width}}  {plain_bar(part.percent, width // 2)} "
            f"{part.percent:>3.0f}%  {part.complete}/{part.total}"
        )
    if markdown:
        lines = [
            f"### {title}",
            "",
            f"**{plain_bar(tally.percent, width)} {summary}**",
            "",
            "```text",
            *rows,
            "```",
            "",
            "<sub>tracked with roadmap-tui</sub>",
        ]
    else:
        lines = [
            title,
            f"{plain_bar(tally.percent, width)} {summary}",
            "",
            *rows,
            "",
            "tracked with roadmap-tui",
        ]
    return "\n".join(lines) + "\n"


def team_table(
    roadmap: Roadmap, members: Sequence[Member], unreadable: Sequence[Unreadable]
) -> RenderableType:
    parts: list[RenderableType] = []
    if members:
        table = Table(title=Text(clean(roadmap.title)), title_justify="left")
        table.add_column("Section")
        for member in members:
            table.add_column(Text(clean(member.name)), justify="right")
        for section in roadmap.sections:
            table.add_row(
                Text(clean(section.title)),
                *(format_percent(m.sections.get(section.id, 0)) for m in members),
            )
        table.add_section()
        table.add_row(Text("Overall", style="bold"), *(format_percent(m.percent) for m in members))
        table.add_row("Complete", *(f"{m.complete}/{m.total}" for m in members))
        table.add_row("In progress", *(str(m.in_progress) for m in members))
        table.add_row("Streak (days)", *(str(m.streak) for m in members))
        table.add_row("This week: changes", *(str(m.week) for m in members))
        table.add_row("This week: completed", *(str(m.completed_week) for m in members))
        parts.append(table)
    else:
        parts.append(Text("No member's progress to show for this roadmap."))
    if unreadable:
        parts.append(Text("Not shown:"))
        for item in unreadable:
            parts.append(Text(clean(f"  {item.name}: {item.reason}")))
    return Group(*parts)
