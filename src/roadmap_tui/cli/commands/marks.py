"""Changing progress: mark, note, reset and choose."""

from __future__ import annotations

from argparse import Namespace

from roadmap_tui.cli.common import Context, UserError, resolve, saving
from roadmap_tui.core.stats import plural
from roadmap_tui.core.symbols import STATUS_LABEL


def _reset_targets(topic, recursive: bool) -> list[str]:
    """What a reset of ``topic`` changes: the topic, or with ``recursive`` every topic under it
    too (a section only that way: it has no status of its own)."""
    if topic.is_section and not recursive:
        raise UserError(f"{topic.id} is a section: add -r to reset every topic under it")
    if not recursive:
        return [topic.id]
    return [t.id for t in topic.walk() if not t.is_section]


def _said(topic, targets: list[str], status: str, recursive: bool) -> str:
    """What a mark or a reset says it did, the status in the words the app uses."""
    status = STATUS_LABEL[status]
    if topic.is_section:
        return f"{topic.id}: {plural(len(targets), 'topic')} under it: {status}"
    if recursive and len(targets) > 1:
        return f"{topic.id} and {len(targets) - 1} under it: {status}"
    return f"{topic.id}: {status}"


def mark(ctx: Context, args: Namespace) -> int:
    from roadmap_tui.core.choices import Choices, added_picks, branch_mark

    roadmap, store = ctx.load()
    topic = resolve(roadmap, args.topic, sections=True)
    if topic.is_section and not args.recursive:
        raise UserError(f"{topic.id} is a section: add -r to mark every topic under it")
    before = Choices.of_entries(roadmap, store.topics())
    left = ""
    if args.recursive:
        # what counts: a topic not chosen or waiting for a pick is left alone (a status picks
        # the option it is set on)
        branch = branch_mark(before, topic, args.status)
        targets, left = branch.ids, branch.left_as_is
        if not targets and branch.left:
            raise UserError(
                f"{topic.id}: nothing marked: under it {branch.left} "
                "(`roadmap-tui choose TOPIC` picks an option)"
            )
        saving(lambda: store.set_many([(tid, args.status) for tid in targets]))
    else:
        targets = [topic.id]
        saving(lambda: store.set_status(topic.id, args.status))
    said = _said(topic, targets, args.status, args.recursive)
    ctx.out.say(f"{said} ({left})" if left else said)
    after = Choices.of_entries(roadmap, store.topics())
    for line in added_picks(before, after, targets):
        ctx.out.say(f"{line} (`roadmap-tui mark {topic.id} todo` takes it back)")
    return 0


def note(ctx: Context, args: Namespace) -> int:
    value = args.text
    if args.clear and value is not None:
        raise UserError("give either a note TEXT or --clear, not both")
    roadmap, store = ctx.load()
    topic = resolve(roadmap, args.topic)
    if args.clear:
        value = ""
    elif value is None:
        if ctx.out.interactive:
            ctx.out.say("Type the note, then Ctrl-D on a new line:", err=True)
        value = ctx.out.read()
        if not value.strip():
            return _empty_input(ctx, store, topic.id)
    value = value.replace("\r\n", "\n")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UserError(
            f"{topic.id}: the note is not valid UTF-8 text; nothing was saved"
        ) from None
    if not value.strip():
        value = ""
    saving(lambda: store.set_note(topic.id, value))
    ctx.out.say(f"{topic.id}: note {'cleared' if not value else 'saved'}")
    return 0


def _empty_input(ctx: Context, store, topic_id: str) -> int:
    """Standard input gave no text: an existing note is cleared only when the user says so."""
    if not store.get(topic_id).note:
        ctx.out.say(f"{topic_id}: no note given; nothing saved")
        return 0
    if not ctx.out.interactive:
        raise UserError(
            f"standard input was empty: the note of {topic_id} is kept "
            f"(`roadmap-tui note {topic_id} --clear` clears it)"
        )
    if ctx.out.confirm(f"Clear the note of {topic_id}? [y/N] "):
        saving(lambda: store.set_note(topic_id, ""))
        ctx.out.say(f"{topic_id}: note cleared")
        return 0
    ctx.out.say(f"{topic_id}: note kept")
    return 1


def reset(ctx: Context, args: Namespace) -> int:
    roadmap, store = ctx.load()
    if args.all:
        count = sum(1 for entry in store.topics().values() if entry.status != "todo")
        if not args.yes:
            if not ctx.out.interactive:
                raise UserError("reset --all needs confirmation: add --yes to reset every topic")
            question = f"Reset {count} topics of {roadmap.title} to to do? Notes are kept. [y/N] "
            if not ctx.out.confirm(question):
                ctx.out.say("nothing reset")
                return 1
        saving(lambda: store.reset(None))
        ctx.out.say(f"reset {count} topics to to do (notes kept)")
        return 0
    topic = resolve(roadmap, args.topic or "", sections=True)
    targets = _reset_targets(topic, args.recursive)
    saving(lambda: store.reset(targets))
    ctx.out.say(_said(topic, targets, "todo", args.recursive))
    return 0


def choose(ctx: Context, args: Namespace) -> int:
    """Pick an option of a pick-one choice (the other options not chosen, unless ``--also``),
    or, with ``--undo``, clear the picks of the choice (an option or the choice itself)."""
    from roadmap_tui.core.choices import Choices, NotAnOption, pick, unpick

    roadmap, store = ctx.load()
    node = roadmap.get(args.topic.strip())
    # a section can be a choice too (the languages): named by its id
    topic = node if node is not None and node.is_choice else resolve(roadmap, args.topic)
    try:
        if args.undo:
            choice, picks = unpick(roadmap, topic)
        else:
            picks = pick(roadmap, topic, also=args.also)
    except NotAnOption as exc:
        raise UserError(f"{exc}; `roadmap-tui list` marks the choices") from None
    saving(lambda: store.set_chosen(picks))
    choices = Choices.of_entries(roadmap, store.topics())
    if args.undo:
        picked = [o.id for o in choice.children if o.id in choices.chosen]
        left = f"; still chosen (started): {', '.join(picked)}" if picked else ""
        ctx.out.say(f"{choice.id}: picks cleared{left}")
    else:
        why = choices.why(topic.id)
        counts = f" (it counts nowhere: {why})" if why else ""
        ctx.out.say(f"{topic.id}: chosen" + (" too" if args.also else "") + counts)
    return 0
