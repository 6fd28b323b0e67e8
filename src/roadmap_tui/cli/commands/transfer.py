"""Moving progress in and out: export (Markdown checklist or JSON) and import (a JSON export,
or another progress file such as a sync-conflict copy)."""

from __future__ import annotations

import shlex
from argparse import Namespace
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roadmap_tui.cli.common import Context, UserError, saving
from roadmap_tui.core.stats import plural

if TYPE_CHECKING:
    from roadmap_tui.core.choices import Choices
    from roadmap_tui.core.roadmap import Roadmap
    from roadmap_tui.storage.progress import ProgressStore, TopicProgress


def export(ctx: Context, args: Namespace) -> int:
    from roadmap_tui.core import export

    roadmap, store = ctx.load()
    entries = dict(store.topics())
    if args.format == "json":
        content = export.to_json(
            roadmap,
            entries,
            reviews=dict(store.reviews()),
            activity=store.activity(),
            time=store.time(),
            goal=store.goal(),
            practice=store.practice(),
        )
    else:
        content = export.to_markdown(roadmap, entries, dict(store.reviews()), store.practice())
    if args.output is None:
        ctx.out.write(content)
        return 0
    from roadmap_tui.storage.atomic import atomic_write

    target = Path(args.output)
    if not target.parent.is_dir():  # an export goes where asked, into no new directory
        raise UserError(f"{target}: cannot write: No such file or directory")
    try:
        atomic_write(target, content.encode("utf-8"), mode=0o644)
    except OSError as exc:
        raise UserError(f"{target}: cannot write: {exc.strerror}") from None
    ctx.out.say(f"wrote {target}", err=True)
    return 0


def mention_conflict_copies(ctx: Context) -> None:
    """On standard error: the sync-conflict copies beside the progress file, and how to merge
    each (nothing when there are none)."""
    from roadmap_tui.storage.conflicts import conflict_copies

    copies = conflict_copies(ctx.progress_path())
    if not copies:
        return
    which = "copy" if len(copies) == 1 else "copies"
    ctx.out.say(
        f"{len(copies)} sync-conflict {which} beside the progress file; merge with:", err=True
    )
    command = "roadmap-tui"
    if ctx.progress_option:
        command += f" --progress {shlex.quote(ctx.progress_option)}"
    for copy in copies:
        ctx.out.say(f"  {command} import {shlex.quote(str(copy))}", err=True)


def import_(ctx: Context, args: Namespace) -> int:
    """Merge a JSON export, or another progress file (a sync-conflict copy), into ours."""
    roadmap, store = ctx.load()
    path = Path(args.file)
    if path.exists() and not path.is_file():  # opening a FIFO would wait for a writer
        raise UserError(f"{path}: is not a regular file")
    try:
        content = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 text") from None
    if not _is_json(path, content):
        return _merge_progress_file(ctx, roadmap, store, path)
    from roadmap_tui.core import export
    from roadmap_tui.storage.progress import TopicProgress

    try:
        roadmap_id, fields, reviews = export.parse_json_export(content, str(path))
        activity = export.parse_json_activity(content, str(path))
        studied = export.parse_json_time(content, str(path))
        their_goal = export.parse_json_goal(content, str(path))
        practice = export.parse_json_practice(content, str(path))
    except export.ImportError_ as exc:
        raise UserError(str(exc)) from None
    if roadmap_id and roadmap_id != roadmap.id:
        raise UserError(
            f"{args.file}: this export is for roadmap {roadmap_id!r}, the current roadmap is "
            f"{roadmap.id!r}; choose its file with --roadmap"
        )
    entries = {tid: TopicProgress(**f) for tid, f in fields.items()}
    picks_before = _picks(roadmap, store)
    taken = saving(lambda: store.merge_from(entries))
    added = saving(lambda: store.merge_reviews(reviews)) if reviews else (0, 0)
    saving(lambda: store.merge_activity(activity))  # the heatmap and streaks come along
    minutes = saving(lambda: store.merge_time(studied)) if studied else 0
    # links and ticks are a union; the goal is taken only when ours has none
    links, ticks = saving(lambda: store.merge_practice(practice)) if practice else (0, 0)
    goal_taken = their_goal is not None and store.goal() is None
    if goal_taken:
        saving(lambda: store.set_goal(their_goal))
    ctx.out.say(
        f"imported {taken} of {len(entries)} topics ({len(entries) - taken} were not newer)"
        + _reviews_added(added)
        + (f"; added {minutes} min of study time" if minutes else "")
        + (f"; {plural(links, 'link')} and {plural(ticks, 'tick')} added" if links or ticks else "")
        + ("; took its goal (you had none)" if goal_taken else "")
    )
    _say_changed_picks(ctx, roadmap, store, picks_before)
    return 0


def _picks(roadmap: Roadmap, store: ProgressStore) -> Choices:
    from roadmap_tui.core.choices import Choices

    return Choices.of_entries(roadmap, store.topics())


def _say_changed_picks(
    ctx: Context, roadmap: Roadmap, store: ProgressStore, before: Choices
) -> None:
    """A merge can change what a choice counts (a pick made on the other machine): say it."""
    from roadmap_tui.core.choices import changed_picks

    for line in changed_picks(before, _picks(roadmap, store)):
        ctx.out.say(line)


def _reviews_added(added: tuple[int, int]) -> str:
    """What a merge added to the review logs and own questions ("" when nothing)."""
    ratings, questions = added
    parts = [plural(ratings, "review")] if ratings else []
    if questions:
        parts.append(plural(questions, "own question"))
    return f"; added {' and '.join(parts)}" if parts else ""


def _is_json(path: Path, content: str) -> bool:
    """Whether ``content`` is meant as JSON (an export), not TOML (a progress file): a .json
    file, a JSON object, or anything else JSON reads (TOML tables begin with ``[`` too)."""
    import json

    text = content.lstrip()
    if path.suffix.lower() == ".json" or text.startswith("{"):
        return True
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _merge_progress_file(ctx: Context, roadmap: Roadmap, store: ProgressStore, path: Path) -> int:
    """Merge every roadmap's progress in another progress file into ours: an entry changed
    later there is taken (a date in the future counts as now), ours is kept where it is newer,
    and no note is lost (a note there that ours does not hold is kept beside ours)."""
    from roadmap_tui.storage.conflicts import is_conflict_copy, read_copy
    from roadmap_tui.storage.progress import ProgressError, ProgressStore

    progress = store.path
    if path.resolve() == progress.resolve():
        raise UserError(f"{path}: is the progress file itself; name the copy to merge into it")
    try:
        theirs = read_copy(path).roadmaps
    except ProgressError as exc:
        raise UserError(f"{exc} (import takes a JSON export or a progress file)") from None

    def merged(what: str, merge: Callable[[Any], Any], part: Any) -> Any:
        """``merge(part)``, of their file: what it cannot take is an error naming ``what``."""
        try:
            return saving(lambda: merge(part))
        except (TypeError, ValueError) as exc:  # something the store cannot take
            raise UserError(f"{path}: cannot merge {what}: {exc}") from None

    picks_before = _picks(roadmap, store)
    taken = kept = count = ratings = questions = links = ticks = minutes = 0
    for roadmap_id, their in theirs.items():
        ours = store if roadmap_id == store.roadmap_id else ProgressStore(progress, roadmap_id)
        saving(ours.load)
        taken += merged(f"roadmap {roadmap_id!r}", ours.merge_from, their.topics)
        kept += _keep_their_notes(ours, their.topics)
        count += len(their.topics)
        if their.reviews:
            added = merged(f"the review of {roadmap_id!r}", ours.merge_reviews, their.reviews)
            ratings, questions = ratings + added[0], questions + added[1]
        if their.practice:  # links to their work and checklist ticks: a union
            added = merged(f"the practice of {roadmap_id!r}", ours.merge_practice, their.practice)
            links, ticks = links + added[0], ticks + added[1]
    for roadmap_id, their in theirs.items():
        if their.time:
            ours = store if roadmap_id == store.roadmap_id else ProgressStore(progress, roadmap_id)
            minutes += merged(f"the study time of {roadmap_id!r}", ours.merge_time, their.time)
    kept_text = f"; kept {plural(kept, 'note')} of it beside yours" if kept else ""
    ctx.out.say(
        f"merged {path}: took {taken} of {plural(count, 'topic')} "
        f"({count - taken} were not newer){kept_text}{_reviews_added((ratings, questions))}"
        + (f"; {plural(links, 'link')} and {plural(ticks, 'tick')} added" if links or ticks else "")
        + (f"; added {minutes} min of study time" if minutes else "")
    )
    _say_changed_picks(ctx, roadmap, store, picks_before)
    if is_conflict_copy(path, progress):
        _offer_to_delete(ctx, path, progress)
    return 0


def _keep_their_notes(store: ProgressStore, entries: Mapping[str, TopicProgress]) -> int:
    """Where our entry won the merge (it changed later), a note of theirs with something ours
    does not hold is kept after ours, below a conflict marker; returns how many."""
    from roadmap_tui.core.progress import format_utc
    from roadmap_tui.storage.progress import CONFLICT_MARKER

    kept = 0
    for topic_id, entry in entries.items():
        note = store.get(topic_id).note
        if not entry.note.strip() or entry.note in note:
            continue
        if note:
            now = datetime.now(UTC)
            when = min(entry.changed, now) if entry.changed else now
            note = f"{note}\n\n{CONFLICT_MARKER}{format_utc(when)}\n{entry.note}"
        else:
            note = entry.note
        saving(lambda topic_id=topic_id, note=note: store.set_note(topic_id, note))
        kept += 1
    return kept


def _offer_to_delete(ctx: Context, path: Path, progress: Path) -> None:
    """A merged conflict copy is deleted only when the user says so at a terminal."""
    if not ctx.out.interactive:
        ctx.out.say(f"everything in it is now in {progress}: you may delete it")
        return
    if not ctx.out.confirm(f"Everything in it is now in {progress}. Delete {path}? [y/N] "):
        ctx.out.say(f"kept {path}")
        return
    try:
        path.unlink()
    except OSError as exc:
        raise UserError(f"{path}: cannot delete: {exc.strerror}") from None
    ctx.out.say(f"deleted {path}")
