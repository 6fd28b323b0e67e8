"""Review in the plain terminal: a review session, what is due, and a topic's own questions."""

from __future__ import annotations

from argparse import Namespace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from roadmap_tui.cli.common import Context, UserError, resolve, saving
from roadmap_tui.core.review import (
    RATINGS,
    Question,
    describe,
    due,
    question_for,
    questions_of,
    schedule,
    schedules,
)
from roadmap_tui.core.stats import plural
from roadmap_tui.core.textsafe import json_dumps

if TYPE_CHECKING:
    from roadmap_tui.core.roadmap import Roadmap
    from roadmap_tui.storage.progress import ProgressStore

KEYS = {"1": "again", "2": "hard", "3": "good", "4": "easy"}


def review(ctx: Context, args: Namespace) -> int:
    roadmap, store = ctx.load()
    now = datetime.now(UTC)
    found = schedules(store.topics(), store.reviews(), (t.id for t in roadmap.topics()))
    if args.due or args.json:
        return _list(ctx, roadmap, found, now, args.json)
    if args.topic is not None:  # practise one topic now, due or not
        topic = resolve(roadmap, args.topic)
        practice = topic.id not in found or found[topic.id].due > now
        return _session(ctx, roadmap, store, [(topic, practice)])
    ids = due(found, now)
    if args.limit is not None:
        ids = ids[: args.limit]
    if not ids:
        soonest = min((s.due for s in found.values()), default=None)
        when = f"; the next is due {soonest.astimezone():%Y-%m-%d %H:%M}" if soonest else ""
        ctx.out.say(f"Nothing is due{when}.")
        return 0
    return _session(ctx, roadmap, store, [(roadmap[tid], False) for tid in ids])


def _list(ctx: Context, roadmap: Roadmap, found, now: datetime, as_json: bool) -> int:
    ordered = sorted(found, key=lambda tid: found[tid].due)
    if as_json:
        items = [
            {
                "id": tid,
                "title": roadmap[tid].title,
                "due": found[tid].due.isoformat(),
                "is_due": found[tid].due <= now,
                "reviews": found[tid].reviews,
                "needs_relearning": found[tid].relearn,
            }
            for tid in ordered
        ]
        ctx.out.write(json_dumps({"due": sum(i["is_due"] for i in items), "topics": items}) + "\n")
        return 0
    due_now = [tid for tid in ordered if found[tid].due <= now]
    ctx.out.say(f"{plural(len(due_now), 'topic')} due, {len(ordered)} in review")
    for tid in ordered:
        s = found[tid]
        mark = "due " if s.due <= now else "    "
        ctx.out.say(
            f"{mark} {s.due.astimezone():%Y-%m-%d}  {tid}  {roadmap[tid].title}"
            + ("  (needs relearning)" if s.relearn else "")
        )
    return 0


def _session(ctx: Context, roadmap: Roadmap, store: ProgressStore, queue) -> int:
    out = ctx.out
    out.say(
        f"{plural(len(queue), 'topic')} to review. Enter shows the answer; then rate your "
        "recall: 1 again, 2 hard, 3 good, 4 easy; q stops."
    )
    rated: list[str] = []
    for n, (topic, practice) in enumerate(queue, start=1):
        review = store.review_of(topic.id)
        # a topic with no questions: explain it, compared with its summary
        question = question_for(questions_of(topic.questions, review), review) or Question(
            f"Explain {topic.title} in your own words.", topic.summary or topic.title
        )
        section = roadmap[topic.section].title
        out.say("")
        out.say(
            f"[{n}/{len(queue)}] {section} > {topic.title}" + ("  (practice)" if practice else "")
        )
        out.say(f"  Q: {question.q}")
        answer = out.ask("  (Enter shows the answer, q stops) ")
        if answer.strip().lower() == "q" or not answer:
            break
        out.say(f"  A: {question.a}")
        note = store.get(topic.id).note.strip()
        if note:
            out.say("  Your note:")
            for line in note.splitlines():
                out.say(f"    {line}")
        rating = _ask_rating(ctx)
        if rating is None:
            break
        saving(lambda t=topic, r=rating, p=practice: store.rate(t.id, r, practice=p))
        rated.append(rating)
        if not practice and store.get(topic.id).completed is not None:
            s = schedule(store.get(topic.id).completed, store.review_of(topic.id).log)
            out.say(f"  Saved: {rating}; {describe(s, datetime.now(UTC))}.")
        else:
            out.say(f"  Saved: {rating} (practice: the schedule is unchanged).")
    out.say("")
    summary = (
        f"Reviewed {len(rated)}: {rated.count('again')} again" if rated else "Nothing reviewed"
    )
    found = schedules(store.topics(), store.reviews(), (t.id for t in roadmap.topics()))
    now = datetime.now(UTC)
    later = min((s.due for s in found.values() if s.due > now), default=None)
    if later:
        summary += f". Next due: {later.astimezone():%Y-%m-%d %H:%M}"
    out.say(summary + ".")
    return 0


def _ask_rating(ctx: Context) -> str | None:
    while True:
        line = ctx.out.ask("  Rate 1-4 (1 again, 2 hard, 3 good, 4 easy; q stops): ")
        choice = line.strip().lower()
        if not line or choice == "q":
            return None
        if choice in KEYS:
            return KEYS[choice]
        if choice in RATINGS:
            return choice
        ctx.out.say("  Type 1, 2, 3 or 4 (or q).")


def ask(ctx: Context, args: Namespace) -> int:
    """A topic's self-check questions: list them, add one of your own, or remove one."""
    add, answer, remove = args.add, args.answer, args.remove
    roadmap, store = ctx.load()
    topic = resolve(roadmap, args.topic)
    if add is not None:
        if not add.strip():
            raise UserError("the question is empty")
        if answer is None or not answer.strip():
            raise UserError("give the model answer too: --answer TEXT")
        question = saving(lambda: store.put_question(topic.id, add.strip(), answer.strip()))
        ctx.out.say(f"{topic.id}: question {question.id} added")
        return 0
    if answer is not None:
        raise UserError("--answer goes with --add QUESTION")
    if remove is not None:
        try:
            saving(lambda: store.remove_question(topic.id, remove))
        except KeyError:
            own = ", ".join(q.id for q in store.review_of(topic.id).questions) or "none"
            raise UserError(
                f"{topic.id} has no question {remove!r} of yours (yours: {own})"
            ) from None
        ctx.out.say(f"{topic.id}: question {remove} removed")
        return 0
    own = store.review_of(topic.id).questions
    if args.json:
        data = {
            "id": topic.id,
            "questions": [{"q": q.q, "a": q.a, "own": False} for q in topic.questions]
            + [{"id": q.id, "q": q.q, "a": q.a, "own": True} for q in own],
        }
        ctx.out.write(json_dumps(data) + "\n")
        return 0
    if not topic.questions and not own:
        ctx.out.say(
            f"{topic.id} has no questions; add one: roadmap-tui ask {topic.id} "
            '--add "QUESTION" --answer "ANSWER"'
        )
        return 0
    for q in topic.questions:
        ctx.out.say(f"- {q.q}")
        ctx.out.say(f"    {q.a}")
    for q in own:
        ctx.out.say(f"- [{q.id}] {q.q}")
        ctx.out.say(f"    {q.a}")
    return 0
