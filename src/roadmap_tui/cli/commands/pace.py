"""Plan and pace: log study time, the study timer and the weekly goal."""

from __future__ import annotations

from argparse import Namespace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from roadmap_tui.cli.common import Context, UserError, resolve, saving, statuses
from roadmap_tui.core.studytime import (
    LONG_TIMER_MINUTES,
    Goal,
    effective_goal,
    format_minutes,
    minutes_in_week,
    parse_duration,
    parse_hours,
    spent_text,
    topic_minutes,
)
from roadmap_tui.core.textsafe import json_dumps

if TYPE_CHECKING:
    from roadmap_tui.core.roadmap import Roadmap
    from roadmap_tui.storage.progress import ProgressStore


def _day(text: str, today: date) -> date:
    named = {"today": today, "yesterday": today - timedelta(days=1)}
    if text.strip().lower() in named:
        return named[text.strip().lower()]
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"invalid day {text!r} (like 2026-12-01, today or yesterday)") from None
    if day > today:
        raise UserError(f"--date {day.isoformat()} is in the future; log time you have studied")
    return day


def spent(store: ProgressStore, roadmap: Roadmap, topic_id: str) -> str:
    """``4.5 h of ~6 h`` (``45 min`` for a topic without an estimate)."""
    return spent_text(topic_minutes(store.time(), topic_id), roadmap[topic_id].hours)


def log(ctx: Context, args: Namespace) -> int:
    try:
        minutes = parse_duration(args.duration)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    note = args.note
    if args.remove and note is not None:
        raise UserError("--note goes with time logged, not with --remove")
    roadmap, store = ctx.load()
    topic = resolve(roadmap, args.topic)
    today = store.now().astimezone().date()
    when = _day(args.date, today) if args.date is not None else today
    if args.remove:
        try:
            saving(lambda: store.take_back_time(topic.id, minutes, when))
        except ValueError as exc:  # fewer minutes logged that day
            raise UserError(f"{exc}; nothing taken back") from None
        minutes = -minutes
    else:
        saving(lambda: store.log_time(topic.id, minutes, when))
    if note is not None and note.strip():
        # the note of a log is kept in the topic's note, one dated line (merged like any edit)
        line = f"{when.isoformat()} · {format_minutes(minutes)}: {note.strip()}"
        current = store.get(topic.id).note
        saving(lambda: store.set_note(topic.id, f"{current}\n{line}" if current else line))
    if args.json:
        data = {
            "topic": topic.id,
            "day": when.isoformat(),
            "minutes": minutes,
            "topic_minutes": topic_minutes(store.time(), topic.id),
            "estimate_hours": topic.hours,
        }
        ctx.out.write(json_dumps(data) + "\n")
    else:
        if minutes < 0:
            did = f"took back {format_minutes(-minutes)}"
        else:
            did = f"logged {format_minutes(minutes)}"
        ctx.out.say(f"{topic.id}: {did} on {when.isoformat()} ({spent(store, roadmap, topic.id)})")
    return 0


def _since(started: datetime) -> str:
    """The time a timer started, with its day when that is not today."""
    same_day = started.astimezone().date() == datetime.now().astimezone().date()
    return started.astimezone().strftime("%H:%M" if same_day else "%d %b %H:%M")


def timer(ctx: Context, args: Namespace) -> int:
    """``timer start TOPIC``, ``timer stop`` or ``timer status``."""
    if args.action == "start":
        return _timer_start(ctx, args.topic)
    if args.action == "stop":
        return _timer_stop(ctx, args.minutes, args.discard)
    return _timer_status(ctx, args.json)


def _timer_start(ctx: Context, query: str) -> int:
    roadmap, store = ctx.load()
    topic = resolve(roadmap, query)
    running = store.timer()
    if running is not None:
        raise UserError(
            f"a timer is already running on {running.topic} "
            f"({format_minutes(running.minutes(store.now()))}); "
            "stop it first: roadmap-tui timer stop"
        )
    from roadmap_tui.core.choices import Choices, added_picks

    was = store.get(topic.id).status
    before = Choices.of_entries(roadmap, store.topics())
    timer = saving(lambda: store.start_timer(topic.id))
    marked = ", marked in progress" if was == "todo" else ""
    ctx.out.say(
        f"{topic.id}: timer started at {_since(timer.started)}{marked}; "
        "stop it with `roadmap-tui timer stop`"
    )
    for line in added_picks(before, Choices.of_entries(roadmap, store.topics()), [topic.id]):
        ctx.out.say(f"{line} (`roadmap-tui mark {topic.id} todo` takes it back)")
    return 0


def _timer_stop(ctx: Context, minutes: int | None, discard: bool) -> int:
    if minutes is not None and discard:
        raise UserError("give either --minutes or --discard, not both")
    if minutes is not None and minutes < 0:
        raise UserError(f"--minutes must be 0 or more, not {minutes}")
    roadmap, store = ctx.load()
    timer = store.timer()
    if timer is None:
        raise UserError("no timer is running; start one with `roadmap-tui timer start TOPIC`")
    ran = timer.minutes(store.now())
    if discard:
        minutes = 0
    if minutes is not None and minutes > ran:
        raise UserError(f"--minutes {minutes} is more than the timer ran ({ran} min)")
    if minutes is None and ran > LONG_TIMER_MINUTES:
        minutes = _ask_minutes(ctx, timer.topic, ran)
    days = saving(lambda: store.stop_timer(minutes))
    if days is None:
        raise UserError("no timer is running: it was stopped elsewhere meanwhile")
    logged = sum(n for _, n in days)
    # a topic the roadmap no longer has still gets its minutes, without an estimate
    total = f" ({spent(store, roadmap, timer.topic)})" if timer.topic in roadmap else ""
    if logged:
        ctx.out.say(f"{timer.topic}: logged {format_minutes(logged)}{total}")
    else:
        ctx.out.say(f"{timer.topic}: timer stopped, nothing logged")
    return 0


def _ask_minutes(ctx: Context, topic_id: str, ran: int) -> int:
    """How much of a long timer was study: asked in a terminal, else an error saying how."""
    ran_for = f"ran for {format_minutes(ran)}"
    if not ctx.out.interactive:
        raise UserError(
            f"the timer on {topic_id} {ran_for}; say how many minutes were study: "
            "roadmap-tui timer stop --minutes N (0 logs nothing)"
        )
    answer = ctx.out.ask(f"The timer on {topic_id} {ran_for}. Minutes of study (0-{ran}): ")
    try:
        minutes = int(answer.strip())
    except ValueError:
        raise UserError(f"not a number of minutes: {answer.strip()!r}; nothing logged") from None
    if not 0 <= minutes <= ran:
        raise UserError(f"minutes must be from 0 to {ran}, not {minutes}; nothing logged")
    return minutes


def _timer_status(ctx: Context, as_json: bool) -> int:
    _, store = ctx.load()
    timer = store.timer()
    if timer is None:
        if as_json:
            ctx.out.write(json_dumps({"timer": None}) + "\n")
        else:
            ctx.out.say("no timer running")
        return 0
    ran = timer.minutes(store.now())
    if as_json:
        data = {
            "topic": timer.topic,
            "started": timer.started.isoformat().replace("+00:00", "Z"),
            "minutes": ran,
            "long": ran > LONG_TIMER_MINUTES,
        }
        ctx.out.write(json_dumps({"timer": data}) + "\n")
        return 0
    line = f"timer: {timer.topic}, {format_minutes(ran)} since {_since(timer.started)}"
    if ran > LONG_TIMER_MINUTES:
        line += "; left running? `roadmap-tui timer stop --minutes N` logs only the study"
    ctx.out.say(line)
    return 0


def goal_text(goal: Goal | None) -> str:
    if goal is None:
        return "no goal set: `roadmap-tui goal 6h` sets hours a week"
    parts = []
    if goal.weekly_hours is not None:
        parts.append(f"{goal.weekly_hours:g} h a week")
    if goal.by is not None:
        parts.append(f"{'core' if goal.scope == 'core' else 'everything'} by {goal.by:%d %b %Y}")
    return "goal: " + "; ".join(parts)


def goal(ctx: Context, args: Namespace) -> int:
    hours, by, scope, clear = args.hours, args.by, args.scope, args.clear
    if clear and (hours is not None or by is not None or scope is not None):
        raise UserError("--clear takes no hours, --by, --core or --all")
    weekly = None
    if hours is not None:
        try:
            weekly = parse_hours(hours)
        except ValueError as exc:
            raise UserError(str(exc)) from None
    _, store = ctx.load()
    today = store.now().astimezone().date()
    target = None
    if by is not None:
        try:
            target = date.fromisoformat(by.strip())
        except ValueError:
            raise UserError(f"invalid --by {by!r} (a day like 2027-06-30)") from None
        if target <= today:
            raise UserError(f"--by {target.isoformat()} is not in the future")
    current = store.goal() or Goal()
    if scope is not None and target is None and current.by is None:
        raise UserError("--core and --all go with a target date: --by DAY")
    if clear:
        saving(lambda: store.set_goal(None))
    elif weekly is not None or target is not None or scope is not None:
        new = Goal(
            weekly if weekly is not None else current.weekly_hours,
            target if target is not None else current.by,
            scope or current.scope,
            current.extra,
        )
        saving(lambda: store.set_goal(new))
    found, source = effective_goal(store.goal(), ctx.settings.weekly_goal)
    week = minutes_in_week(store.time(), today, ctx.settings.week_start_day)
    if args.json:
        data = {
            "goal": None if found is None else found.as_dict(),
            "source": source,
            "this_week_hours": round(week / 60, 2),
        }
        ctx.out.write(json_dumps(data) + "\n")
        return 0
    if clear:
        tail = ""
        if source == "config":
            tail = f"; config.toml's weekly_goal ({found.weekly_hours:g} h a week) still applies"
        ctx.out.say("goal cleared" + tail)
        return 0
    line = goal_text(found)
    if source == "config":
        line += " (the weekly hours from config.toml's weekly_goal)"
    if found is not None and found.weekly_hours is not None:
        line += f" (this week {week / 60:.1f} / {found.weekly_hours:g} h)"
    ctx.out.say(line)
    return 0


def today_command(ctx: Context, args: Namespace) -> int:
    """The Today view: the same work as `next`, plus the week and the streak (weeks and the
    default goal from the settings)."""
    from roadmap_tui.core import stats
    from roadmap_tui.core.choices import Choices
    from roadmap_tui.core.review import due, schedules
    from roadmap_tui.core.today import today, today_json, today_lines

    roadmap, store = ctx.load()
    now = store.now()
    entries = store.topics()
    choices = Choices.of_entries(roadmap, entries)
    upcoming = stats.next_topic(roadmap, stats.status_lookup(statuses(store)), choices=choices)
    found = schedules(entries, store.reviews(), (t.id for t in roadmap.topics()))
    timer = store.timer()
    timer_topic = roadmap.get(timer.topic) if timer else None
    view = today(
        due=len(due(found, now)),
        relearn=[roadmap[tid].title for tid, s in found.items() if s.relearn],
        upcoming=(upcoming.topic.id, upcoming.topic.title, upcoming.reason) if upcoming else None,
        time=store.time(),
        goal=effective_goal(store.goal(), ctx.settings.weekly_goal)[0],
        timer=timer,
        timer_title=timer_topic.title if timer_topic else (timer.topic if timer else ""),
        activity=store.activity(),
        now=now,
        first_weekday=ctx.settings.week_start_day,
    )
    if args.json:
        ctx.out.write(json_dumps(today_json(view)) + "\n")
    else:
        ctx.out.say("\n".join(today_lines(view)))
    return 0
