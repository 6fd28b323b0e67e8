"""Following the roadmap: status, list, show and next (what changes progress is in
``marks``: mark, note, reset and choose)."""

from __future__ import annotations

from argparse import Namespace
from datetime import UTC, datetime

from roadmap_tui.cli.commands.transfer import mention_conflict_copies
from roadmap_tui.cli.common import Context, UserError, find_section, resolve, statuses
from roadmap_tui.cli.output import text
from roadmap_tui.core.symbols import GLYPHS, STATUS_LABEL, STATUS_STYLE
from roadmap_tui.core.textsafe import clean, json_dumps

WIDTH = 80  # `status` fits in 80 columns
TITLE_COLUMNS = 36  # the widest section title its table's rows hold (80 columns in all)


def _wrap(value: str, *, first: int = 0, indent: str = "") -> str:
    """``value`` wrapped to 80 columns; ``first``: columns already used on the first line."""
    import textwrap

    lines = textwrap.wrap(
        value,
        WIDTH,
        initial_indent=indent + "\0" * first,
        subsequent_indent=indent or "  ",
        break_on_hyphens=False,
    )
    return "\n".join(lines).replace("\0", "")


def status(ctx: Context, args: Namespace) -> int:
    from roadmap_tui.core.choices import Choices
    from roadmap_tui.core.stats import (
        format_hours,
        format_percent,
        next_topic,
        plain_bar,
        status_lookup,
        summary,
    )

    roadmap, store = ctx.load()
    by_id = statuses(store)
    choices = Choices.of_entries(roadmap, store.topics())
    overall = summary(roadmap, by_id, choices)
    started = [tid for tid, s in by_id.items() if s == "in-progress"]
    upcoming = next_topic(roadmap, status_lookup(by_id), in_progress=started, choices=choices)
    if args.json:
        data = overall.as_dict()
        data["roadmap"] = {"id": roadmap.id, "title": roadmap.title}
        data["sections"] = [part.as_dict() for part in overall.children]
        data["choices"] = choices.summary()
        data["next"] = (
            {"id": upcoming.topic.id, "title": upcoming.topic.title, "reason": upcoming.reason}
            if upcoming
            else None
        )
        ctx.out.write(json_dumps(data) + "\n")
        mention_conflict_copies(ctx)
        return 0

    from rich.text import Text

    page = Text()
    page.append(_wrap(clean(roadmap.title)), "bold")
    page.append("\n")
    # every line within 80 columns, whatever the terminal: the bar and the hours, the counts,
    # the table (a long section title on a line of its own), the next topic and why (wrapped)
    page.append(plain_bar(overall.percent, 30), "green")
    page.append(
        f" {format_percent(overall.percent)}  {format_hours(overall.hours_done)} done, "
        f"{format_hours(overall.hours_left)} left\n"
    )
    page.append(
        _wrap(
            f"{overall.done} done · {overall.in_progress} in progress · "
            f"{overall.skipped} skipped · {overall.todo} to do"
        )
        + "\n"
    )
    width = min(TITLE_COLUMNS, max((len(clean(p.title)) for p in overall.children), default=7))
    page.append(
        f"{'section':<{width}}  {'progress':<12}  {'done':>7} {'%':>4}  ◐   ⊘  {'left':>6}\n",
        "bold",
    )
    for part in overall.children:
        title = clean(part.title)
        if len(title) > width:  # a long title on a line of its own, its row below it
            page.append(_wrap(title) + "\n")
            title = ""
        page.append(f"{title:<{width}}  ")
        page.append(plain_bar(part.percent, 12), "green")
        page.append(
            f"  {f'{part.complete}/{part.total}':>7} {format_percent(part.percent):>4}"
            f" {part.in_progress:>2}  {part.skipped:>2}  {format_hours(part.hours_left):>6}\n"
        )
    for choice in choices.nodes:
        if choice.id in choices.made:
            picked = ", ".join(o.title for o in choice.children if o.id in choices.chosen)
            page.append(_wrap(clean(f"{choice.title}: you picked {picked}")) + "\n", "dim")
    if upcoming:
        page.append("next: ", "bold")
        page.append(_wrap(clean(f"{upcoming.topic.title} ({upcoming.topic.id})"), first=6))
        page.append("\n")
        page.append(_wrap(clean(upcoming.reason), indent="  "), "dim")
    else:
        page.append("next: nothing left: every topic is done or skipped")
    ctx.out.print(page)
    mention_conflict_copies(ctx)
    return 0


def list_topics(ctx: Context, args: Namespace) -> int:
    """The topics, in roadmap order, that pass every filter given."""
    from roadmap_tui.core.choices import Choices

    roadmap, store = ctx.load()
    pool = roadmap.topics()
    if args.section is not None:
        section = find_section(roadmap, args.section)
        if section is None:
            ids = ", ".join(s.id for s in roadmap.sections)
            raise UserError(f"no section {args.section!r} (the sections: {ids})")
        pool = (t for t in section.walk() if not t.is_section)
    choices = Choices.of_entries(roadmap, store.topics())
    rows = []
    for topic in pool:
        entry = store.get(topic.id)
        if (
            (args.status is None or entry.status == args.status)
            and (args.kind is None or topic.kind == args.kind)
            and (args.level is None or topic.level == args.level)
            and (not args.has_note or entry.note.strip())
        ):
            rows.append((topic, entry))
    if args.json:
        records = []
        for t, e in rows:
            record = {
                "id": t.id,
                "title": t.title,
                "status": e.status,
                "note": e.note,
                "kind": t.kind,
                "level": t.level,
                "hours": t.hours,
                "started": _utc(e.started),
                "completed": _utc(e.completed),
            }
            if not choices.is_counted(t.id):
                # left out by a pick-one choice, or waiting for one: it counts nowhere
                record.update(counts=False, why=choices.why(t.id))
            records.append(record)
        ctx.out.write(json_dumps(records) + "\n")
        return 0
    if not rows:
        return 0
    from rich.text import Text

    page = Text()
    for topic, entry in rows:
        if page:
            page.append("\n")
        page.append(
            f"{GLYPHS[entry.status]} {STATUS_LABEL[entry.status]:<11} ", STATUS_STYLE[entry.status]
        )
        page.append(topic.id, "bold")
        page.append(f"  {clean(topic.title)}")
        if entry.note.strip():
            page.append("  ✎", "cyan")
        if choices.is_out(topic.id):
            page.append("  not chosen", "dim italic")
        elif choices.pending(topic):
            page.append(f"  choose {topic.choose} of {len(topic.children)}", "yellow")
    ctx.out.print(page)
    return 0


def _utc(value) -> str | None:
    """A date of the progress as JSON gives it: ``2026-11-25T09:12:00Z`` (None: none)."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def _long_text(ctx: Context, value: str, what: str, topic_id: str, full: bool) -> None:
    """A description or a note as Markdown; a long one (rendering 10 MB would take minutes)
    only in part with a line saying so, or with ``full`` all of it as its Markdown source."""
    from rich.markdown import Markdown

    from roadmap_tui.core.longtext import head, size_label

    shown = head(value)
    if len(shown) == len(value):
        ctx.out.print(Markdown(clean(value)))
    elif full:
        ctx.out.write(clean(value).rstrip("\n") + "\n")
    else:
        ctx.out.print(Markdown(clean(shown)))
        ctx.out.print(
            text(
                f"(showing the first {size_label(len(shown))} of this "
                f"{size_label(len(value))} {what}; `roadmap-tui show --full {topic_id}` "
                "prints all of it)",
                "dim italic",
            )
        )


def show(ctx: Context, args: Namespace) -> int:
    from rich.text import Text

    from roadmap_tui.core.practice import checklist, checklist_state
    from roadmap_tui.core.studytime import spent_text, topic_minutes

    roadmap, store = ctx.load()
    topic = resolve(roadmap, args.topic, sections=True)
    if topic.is_section:
        return _show_section(ctx, roadmap, store, topic)
    entry = store.get(topic.id)
    out = ctx.out
    out.print(text(" › ".join(p.title for p in roadmap.parents(topic.id)), "dim"))
    out.print(text(topic.title, "bold"))
    out.print(text(topic.id, "dim"))
    meta = Text()
    meta.append(f"{GLYPHS[entry.status]} {STATUS_LABEL[entry.status]}", STATUS_STYLE[entry.status])
    meta.append(f" · {topic.kind} · {topic.level} · ~{topic.hours:g} h")
    if roadmap.sources:
        meta.append(f" · listed by {len(topic.sources)} of {len(roadmap.sources)} roadmaps")
    from roadmap_tui.core.choices import Choices
    from roadmap_tui.core.stats import branch_figures

    choices = Choices.of_entries(roadmap, store.topics())
    if topic.children:  # as the app's details say it (an option: what it would count)
        (complete, total), hours = branch_figures(topic, choices)
        if total:
            meta.append(f" · {complete}/{total} parts complete")
        if hours != topic.hours:
            meta.append(f" · ~{hours:g} h with its parts")
    out.print(meta)
    why = choices.prompt(topic) if choices.pending(topic) else choices.why(topic.id)
    if why:
        out.print(text(why, "italic yellow"))
    if entry.started or entry.completed:
        dates = []
        if entry.started:
            dates.append(f"started {ctx.settings.format_date(entry.started)}")
        if entry.completed:
            dates.append(f"completed {ctx.settings.format_date(entry.completed)}")
        out.print(text(" · ".join(dates), "dim"))
    minutes = topic_minutes(store.time(), topic.id)
    if minutes:
        out.print(text(f"Study time: {spent_text(minutes, topic.hours)}"))
    else:
        out.print(text(f"Study time: none logged (roadmap-tui log {topic.id} 45m)"))
    if topic.summary:
        out.print()
        out.print(text(topic.summary, "italic"))
    if topic.description:
        out.print()
        _long_text(ctx, topic.description, "description", topic.id, args.full)
    for heading, ids in (
        ("Prerequisites", topic.prerequisites),
        ("Practises", topic.practises),
        ("Parts", [child.id for child in topic.children]),
    ):
        if ids:
            out.print()
            out.print(text(heading, "bold"))
            for tid in ids:
                state = store.get(tid).status
                line = Text(f"  {GLYPHS[state]} ", STATUS_STYLE[state])
                line.append(clean(f"{roadmap[tid].title} ({tid})"))
                out.print(line)
    evidence = store.practice_of(topic.id)
    ticks = checklist_state(checklist(topic.description), evidence)
    for heading, lines in (
        ("Resources", [f"  [{res.type}] {res.title}: {res.url}" for res in topic.resources]),
        ("Your work", [f"  {link}" for link in evidence.links]),
        (
            f"Checklist ({sum(done for _, done in ticks)} of {len(ticks)} ticked)",
            [f"  [{'x' if done else ' '}] {item.text}" for item, done in ticks],
        ),
    ):
        if lines:
            out.print()
            out.print(text(heading, "bold"))
            for line in lines:
                out.print(text(line))
    out.print()
    out.print(text("Note", "bold"))
    if entry.note.strip():
        _long_text(ctx, entry.note, "note", topic.id, args.full)
    else:
        out.print(text(f'  (none: roadmap-tui note {topic.id} "...")', "dim"))
    return 0


def _show_section(ctx: Context, roadmap, store, section) -> int:
    """A section: its title, how much of it is complete, and its topics with their status."""
    from rich.text import Text

    from roadmap_tui.core.choices import Choices
    from roadmap_tui.core.stats import format_percent, summary

    by_id = statuses(store)
    overall = summary(roadmap, by_id, Choices.of_entries(roadmap, store.topics()))
    part = next(p for p in overall.children if p.id == section.id)
    out = ctx.out
    out.print(text(section.title, "bold"))
    out.print(text(f"{section.id} · a section", "dim"))
    out.print(text(f"{part.complete}/{part.total} complete ({format_percent(part.percent)})"))
    if section.summary:
        out.print()
        out.print(text(section.summary, "italic"))
    out.print()
    out.print(text("Topics", "bold"))
    for topic in section.walk():
        if topic.is_section:
            continue
        state = by_id.get(topic.id, "todo")
        depth = topic.id.count("/") - 1
        line = Text(f"  {'  ' * depth}{GLYPHS[state]} ", STATUS_STYLE[state])
        line.append(clean(f"{topic.title} ({topic.id})"))
        out.print(line)
    return 0


def next_topic(ctx: Context, args: Namespace) -> int:
    from rich.text import Text

    from roadmap_tui.core import stats
    from roadmap_tui.core.choices import Choices
    from roadmap_tui.core.review import due, reminder, schedules

    roadmap, store = ctx.load()
    choices = Choices.of_entries(roadmap, store.topics())
    upcoming = stats.next_topic(roadmap, stats.status_lookup(statuses(store)), choices=choices)
    # review is mentioned beside the next topic, never instead of it
    found = schedules(store.topics(), store.reviews(), (t.id for t in roadmap.topics()))
    titles = {tid: roadmap[tid].title for tid in found}
    now = datetime.now(UTC)
    if args.json:
        topic = upcoming.topic if upcoming else None
        data = {
            "next": {
                "id": topic.id,
                "title": topic.title,
                "summary": topic.summary,
                "reason": upcoming.reason,
                "kind": topic.kind,
                "hours": topic.hours,
            }
            if topic
            else None,
            # the review reminder `next` prints below the topic, as data
            "review": {
                "due": len(due(found, now)),
                "needs_relearning": [
                    {"id": tid, "title": titles[tid]} for tid, s in found.items() if s.relearn
                ],
            },
        }
        ctx.out.write(json_dumps(data) + "\n")
        return 0
    review = reminder(found, titles, now)
    if upcoming is None:
        page = Text("Nothing left: every topic is done or skipped.")
    else:
        topic = upcoming.topic
        page = Text(clean(f"{topic.title}  ({topic.id})\n"), "bold")
        if topic.summary:
            page.append(clean(f"{topic.summary}\n"))
        page.append(clean(f"why: {upcoming.reason}"), "dim")
    if review:
        page.append(clean(f"\nreview: {review}"), "yellow")
    ctx.out.print(page)
    return 0
