"""The command line: the global options and the command table, one entry per command with its
help, its arguments and the function that runs it."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import NamedTuple

from roadmap_tui import __version__
from roadmap_tui.cli.commands import files, insight, progress, review, transfer
from roadmap_tui.cli.common import Context
from roadmap_tui.core.roadmap import KINDS, LEVELS
from roadmap_tui.storage import paths

STATUS_CHOICES = ("todo", "in-progress", "done", "skipped")
STATUS_ALIASES = {
    "in_progress": "in-progress",
    "inprogress": "in-progress",
    "doing": "in-progress",
    "learning": "in-progress",
    "skip": "skipped",
    "reset": "todo",
}


def status_arg(value: str) -> str:
    folded = value.strip().lower()
    folded = STATUS_ALIASES.get(folded, folded)
    if folded not in STATUS_CHOICES:
        raise argparse.ArgumentTypeError(
            f"invalid status {value!r} (choose from {', '.join(STATUS_CHOICES)})"
        )
    return folded


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    # on a command's own parser the options default to SUPPRESS, so that one given before
    # the command is not reset by the command's parser
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--roadmap",
        metavar="FILE",
        default=default,
        help=f"roadmap file to use (default: ${paths.ENV_ROADMAP} or the bundled roadmap)",
    )
    parser.add_argument(
        "--progress",
        metavar="FILE",
        default=default,
        help=f"progress file to use (default: ${paths.ENV_PROGRESS} or the user data dir)",
    )


def _topic(p: argparse.ArgumentParser, **kwargs) -> None:
    p.add_argument("topic", help="full id (as `list` prints) or title", **kwargs)


def _json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON")


def _args_show(p: argparse.ArgumentParser) -> None:
    _topic(p)
    p.add_argument(
        "--full", action="store_true", help="all of a long description or note, not its start"
    )


def _args_validate(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", help="roadmap file (default: the current roadmap)")


def _args_list(p: argparse.ArgumentParser) -> None:
    p.add_argument("--status", type=status_arg, help="only topics with this status")
    p.add_argument("--section", metavar="ID", help="only the topics of this section")
    p.add_argument("--kind", choices=KINDS, help="only topics of this kind")
    p.add_argument("--level", choices=LEVELS, help="only topics of this level")
    p.add_argument("--has-note", action="store_true", help="only topics with a note")
    _json(p)


def _args_mark(p: argparse.ArgumentParser) -> None:
    _topic(p)
    p.add_argument("status", type=status_arg, help="todo, in-progress, done or skipped")
    p.add_argument(
        "-r", "--recursive", action="store_true", help="also mark every topic under it (a section)"
    )


def _args_note(p: argparse.ArgumentParser) -> None:
    _topic(p)
    p.add_argument("text", nargs="?", help="the note (Markdown)")
    p.add_argument("--clear", action="store_true", help="clear the note")


def _args_review(p: argparse.ArgumentParser) -> None:
    p.add_argument("topic", nargs="?", help="review this topic now, due or not (practice)")
    p.add_argument("--due", action="store_true", help="list the topics in review and when due")
    p.add_argument("--limit", type=int, metavar="N", help="review at most N topics")
    _json(p)


def _args_ask(p: argparse.ArgumentParser) -> None:
    _topic(p)
    p.add_argument("--add", metavar="QUESTION", help="add a question of your own")
    p.add_argument("--answer", metavar="TEXT", help="the model answer of the added question")
    p.add_argument("--remove", metavar="ID", help="remove one of your own questions")
    _json(p)


def _args_reset(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("topic", nargs="?", help="full id or title (with -r: or a section)")
    group.add_argument("--all", action="store_true", help="reset every topic")
    p.add_argument("-r", "--recursive", action="store_true", help="also reset every topic under it")
    p.add_argument("-y", "--yes", action="store_true", help="do not ask for confirmation")


def _args_choose(p: argparse.ArgumentParser) -> None:
    p.add_argument("topic", help="an option of a pick-one choice (with --undo: or the choice)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--also", action="store_true", help="keep the options already chosen")
    group.add_argument(
        "--undo", action="store_true", help="clear the picks of the choice (started options stay)"
    )


def _args_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("markdown", "json"), default="markdown")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def _args_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a file made by `export --format json`")


def _args_share(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("--markdown", action="store_true", help="as Markdown, for a README")
    group.add_argument("--json", action="store_true", help="the card's figures as JSON")


def _no_args(p: argparse.ArgumentParser) -> None:
    pass


Runner = Callable[[Context, argparse.Namespace], int]


class Command(NamedTuple):
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Runner


# in the order `--help` lists them
COMMANDS: dict[str, Command] = {
    "validate": Command(
        "check a roadmap file and report every mistake",
        _args_validate,
        lambda ctx, a: files.validate(ctx, a.file),
    ),
    "where": Command(
        "print where the roadmap and progress files are",
        _no_args,
        lambda ctx, a: files.where(ctx),
    ),
    "status": Command(
        "overall and per-section progress",
        _json,
        lambda ctx, a: progress.status(ctx, as_json=a.json),
    ),
    "list": Command(
        "list topics with their status",
        _args_list,
        lambda ctx, a: progress.list_topics(
            ctx,
            status=a.status,
            section=a.section,
            kind=a.kind,
            level=a.level,
            has_note=a.has_note,
            as_json=a.json,
        ),
    ),
    "show": Command(
        "show a topic's details and note",
        _args_show,
        lambda ctx, a: progress.show(ctx, a.topic, full=a.full),
    ),
    "mark": Command(
        "set a topic's status",
        _args_mark,
        lambda ctx, a: progress.mark(ctx, a.topic, a.status, recursive=a.recursive),
    ),
    "note": Command(
        'set a topic\'s note (no TEXT: read standard input; --clear or "" clears it)',
        _args_note,
        lambda ctx, a: progress.note(ctx, a.topic, a.text, clear=a.clear),
    ),
    "reset": Command(
        "set a topic, or everything, back to todo (notes are kept)",
        _args_reset,
        lambda ctx, a: progress.reset(
            ctx, a.topic, everything=a.all, yes=a.yes, recursive=a.recursive
        ),
    ),
    "choose": Command(
        "pick an option of a pick-one choice (the others: not chosen)",
        _args_choose,
        lambda ctx, a: progress.choose(ctx, a.topic, also=a.also, undo=a.undo),
    ),
    "next": Command(
        "the next topic to learn",
        _json,
        lambda ctx, a: progress.next_topic(ctx, as_json=a.json),
    ),
    "review": Command(
        "review the finished topics that are due (spaced repetition); --due lists them",
        _args_review,
        lambda ctx, a: review.review(ctx, a.topic, list_due=a.due, as_json=a.json, limit=a.limit),
    ),
    "ask": Command(
        "a topic's self-check questions: list them, --add your own, --remove one",
        _args_ask,
        lambda ctx, a: review.ask(
            ctx, a.topic, add=a.add, answer=a.answer, remove=a.remove, as_json=a.json
        ),
    ),
    "export": Command(
        "export progress as a Markdown checklist or JSON",
        _args_export,
        lambda ctx, a: transfer.export(ctx, a.format, a.output),
    ),
    "import": Command(
        "merge a JSON export back in (newer changes win, notes are kept)",
        _args_import,
        lambda ctx, a: transfer.import_(ctx, a.file),
    ),
    "stats": Command(
        "statistics: progress, hours, activity heatmap, streaks, pace, forecast",
        _json,
        lambda ctx, a: insight.stats(ctx, as_json=a.json),
    ),
    "share": Command(
        "a compact progress card to paste anywhere",
        _args_share,
        lambda ctx, a: insight.share(ctx, markdown=a.markdown, as_json=a.json),
    ),
    "roadmaps": Command(
        "list the bundled roadmap and the ones in your roadmaps folder",
        _no_args,
        lambda ctx, a: insight.roadmaps(ctx),
    ),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="roadmap-tui",
        description="Follow a learning roadmap in your terminal. "
        "With no command, opens the interactive app.",
    )
    parser.add_argument("--version", action="version", version=f"roadmap-tui {__version__}")
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, command in COMMANDS.items():
        p = sub.add_parser(name, help=command.help, description=command.help)
        _global_options(p, suppress=True)
        command.arguments(p)
    return parser
