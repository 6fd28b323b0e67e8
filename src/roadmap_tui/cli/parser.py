"""The command line: the global options and the command table, one entry per command with its
help, its arguments and the function that runs it."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import NamedTuple

from roadmap_tui.cli.commands import (
    completion,
    files,
    insight,
    marks,
    pace,
    practice,
    progress,
    review,
    serve,
    sync,
    team,
    transfer,
)
from roadmap_tui.cli.commands import config as config_command
from roadmap_tui.cli.common import Context, UserError
from roadmap_tui.core.roadmap import KINDS, LEVELS
from roadmap_tui.storage import paths

STATUS_ALIASES = {
    "in progress": "in-progress",  # the words the app and the output use
    "to do": "todo",
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
    if folded not in completion.STATUSES:
        raise argparse.ArgumentTypeError(
            f"invalid status {value!r} (choose from {', '.join(completion.STATUSES)})"
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


def _topic(p, name: str = "topic", help: str = "full id (as `list` prints) or title", **kwargs):
    """A topic argument (of a parser or a group); shell completion (shtab) offers the ids."""
    p.add_argument(name, help=help, **kwargs).complete = completion.TOPICS


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
    p.add_argument(
        "status", type=status_arg, help="todo, in-progress, done or skipped"
    ).complete = completion.STATUS_COMPLETION
    p.add_argument(
        "-r",
        "--recursive",
        action="store_true",
        help="also mark every topic under it (a section), but not those a choice left out",
    )


def _args_note(p: argparse.ArgumentParser) -> None:
    _topic(p)
    p.add_argument("text", nargs="?", help="the note (Markdown)")
    p.add_argument("--clear", action="store_true", help="clear the note")


def _args_review(p: argparse.ArgumentParser) -> None:
    _topic(p, nargs="?", help="review this topic now, due or not (practice)")
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
    _topic(group, nargs="?", help="full id or title (with -r: or a section)")
    group.add_argument("--all", action="store_true", help="reset every topic")
    p.add_argument("-r", "--recursive", action="store_true", help="also reset every topic under it")
    p.add_argument("-y", "--yes", action="store_true", help="do not ask for confirmation")


def _args_choose(p: argparse.ArgumentParser) -> None:
    _topic(p, help="an option of a pick-one choice (with --undo: or the choice)")
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


def _args_stats(p: argparse.ArgumentParser) -> None:
    _json(p)
    p.add_argument(
        "--minutes", action="store_true", help="the calendar shows minutes studied a day"
    )


def _args_completion(p: argparse.ArgumentParser) -> None:
    p.add_argument("shell", nargs="?", choices=completion.SHELLS, help="the shell of the script")
    p.add_argument(
        "--topics", action="store_true", help="print the topic ids (what the scripts complete)"
    )


def _completion(ctx: Context, args: argparse.Namespace) -> int:
    if args.topics:
        return completion.topic_ids(ctx)
    if args.shell is None:
        raise UserError(
            "completion: name a shell: bash, zsh or fish (`roadmap-tui completion bash`)"
        )
    return completion.script(ctx, args.shell, build_parser())


def _args_link(p: argparse.ArgumentParser) -> None:
    _topic(p)
    p.add_argument(
        "link", nargs="*", help="a local path (a repository) or an http(s) URL; none: list them"
    )
    p.add_argument("--remove", metavar="LINK", action="append", default=[], help="remove this link")
    _json(p)


def _args_check(p: argparse.ArgumentParser) -> None:
    _topic(p, "project", help="a project (full id or title) with a checklist")
    p.add_argument("item", nargs="*", help="item numbers to tick (as listed, from 1) or all")
    p.add_argument("--undo", action="store_true", help="untick the items given")
    _json(p)


def _args_log(p: argparse.ArgumentParser) -> None:
    _topic(p)
    p.add_argument("duration", help="time studied: 45m, 1h30m, 1.5h")
    p.add_argument("--date", metavar="DAY", help="the day studied (2026-12-01, yesterday)")
    p.add_argument("--note", metavar="TEXT", help="a line for the topic's note")
    p.add_argument(
        "--remove", action="store_true", help="take back DURATION logged by mistake on that day"
    )
    _json(p)


def _args_timer(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    start = actions.add_parser("start", help="start the study timer on a topic")
    _global_options(start, suppress=True)
    _topic(start)
    stop = actions.add_parser("stop", help="stop the timer and log its minutes")
    _global_options(stop, suppress=True)
    stop.add_argument(
        "--minutes", type=int, metavar="N", help="log N minutes instead (a timer left running)"
    )
    stop.add_argument("--discard", action="store_true", help="stop it and log nothing")
    status = actions.add_parser("status", help="the running timer, if any")
    _global_options(status, suppress=True)
    _json(status)


def _args_goal(p: argparse.ArgumentParser) -> None:
    p.add_argument("hours", nargs="?", help="hours a week: 6h, 7.5h")
    p.add_argument("--by", metavar="DAY", help="a target date (2027-06-30)")
    scope = p.add_mutually_exclusive_group()
    scope.add_argument(
        "--core",
        dest="scope",
        action="store_const",
        const="core",
        help="the date is for the core path (default)",
    )
    scope.add_argument(
        "--all", dest="scope", action="store_const", const="all", help="the date is for everything"
    )
    p.add_argument("--clear", action="store_true", help="remove the goal")
    _json(p)


def _args_serve(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--host",
        default=serve.DEFAULT_HOST,
        help=f"address to listen on (default: {serve.DEFAULT_HOST}, this machine only; "
        "any other is reachable by others, with no authentication)",
    )
    p.add_argument(
        "--port",
        type=serve.port_arg,
        default=serve.DEFAULT_PORT,
        help=f"port to listen on (default: {serve.DEFAULT_PORT})",
    )


def _args_merge_driver(p: argparse.ArgumentParser) -> None:
    p.add_argument("base", help="the common version (git's %%O)")
    p.add_argument("ours", help="our version, replaced by the merge (git's %%A)")
    p.add_argument("theirs", help="their version (git's %%B)")
    p.add_argument("name", nargs="?", default="", help="the file's path, for messages (%%P)")


def _args_sync(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("--init", action="store_true", help="set up a git repository to sync")
    group.add_argument("--status", action="store_true", help="what is synced, and where")
    p.add_argument("remote", nargs="?", help="with --init: the git remote (a URL or a folder)")
    p.add_argument(
        "--repo",
        metavar="DIR",
        help="with --init: the repository (default: the progress file's folder)",
    )
    _json(p)


def _args_team(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", help="the group's folder: one progress file per member (NAME.toml)")
    _json(p)


class Command(NamedTuple):
    help: str
    arguments: Callable[[argparse.ArgumentParser], None] | None  # None: it takes none
    run: Callable[[Context, argparse.Namespace], int]


# in the order `--help` lists them
COMMANDS: dict[str, Command] = {
    "validate": Command(
        "check a roadmap file and report every mistake", _args_validate, files.validate
    ),
    "where": Command("print where the roadmap and progress files are", None, files.where),
    "status": Command("overall and per-section progress", _json, progress.status),
    "list": Command("list topics with their status", _args_list, progress.list_topics),
    "show": Command("show a topic's details and note", _args_show, progress.show),
    "mark": Command("set a topic's status", _args_mark, marks.mark),
    "note": Command(
        'set a topic\'s note (no TEXT: read standard input; --clear or "" clears it)',
        _args_note,
        marks.note,
    ),
    "reset": Command(
        "set a topic, or everything, back to to do (notes are kept)", _args_reset, marks.reset
    ),
    "choose": Command(
        "pick an option of a pick-one choice (the others: not chosen)", _args_choose, marks.choose
    ),
    "next": Command("the next topic to learn", _json, progress.next_topic),
    "review": Command(
        "review the finished topics that are due (spaced repetition); --due lists them",
        _args_review,
        review.review,
    ),
    "ask": Command(
        "a topic's self-check questions: list them, --add your own, --remove one",
        _args_ask,
        review.ask,
    ),
    "link": Command(
        "link a topic to your work (a local repository or a URL); no link: list them",
        _args_link,
        practice.link,
    ),
    "check": Command(
        "tick items of a project's checklist; no item: list them with [x]",
        _args_check,
        practice.check,
    ),
    "log": Command("log time studied on a topic (45m, 1h30m, 1.5h)", _args_log, pace.log),
    "timer": Command("the study timer: start TOPIC, stop, status", _args_timer, pace.timer),
    "goal": Command(
        "your weekly goal in hours and a target date: set, show or --clear it",
        _args_goal,
        pace.goal,
    ),
    "today": Command(
        "what to do now: reviews due, the next topic, this week against the goal, the timer",
        _json,
        pace.today_command,
    ),
    "export": Command(
        "export progress as a Markdown checklist or JSON", _args_export, transfer.export
    ),
    "import": Command(
        "merge a JSON export back in (newer changes win, notes are kept)",
        _args_import,
        transfer.import_,
    ),
    "stats": Command(
        "statistics: progress, hours, activity heatmap, streaks, pace, forecast",
        _args_stats,
        insight.stats,
    ),
    "share": Command("a compact progress card to paste anywhere", _args_share, insight.share),
    "sync": Command(
        "sync the progress file through git: --init [REMOTE], then commit, pull and push",
        _args_sync,
        sync.sync,
    ),
    "merge-driver": Command(
        "merge two versions of a progress file (run by git: merge-driver %%O %%A %%B %%P)",
        _args_merge_driver,
        sync.merge_driver,
    ),
    "team": Command(
        "a study group's progress side by side, from a folder of progress files",
        _args_team,
        team.team,
    ),
    "roadmaps": Command(
        "list the bundled roadmap and the ones in your roadmaps folder", None, insight.roadmaps
    ),
    "config": Command(
        "print the config file's path and the settings in effect, with where each came from",
        _json,
        config_command.config,
    ),
    "completion": Command(
        "print a shell completion script (bash, zsh or fish)", _args_completion, _completion
    ),
    "serve": Command(
        "serve the app in a web browser (textual-serve), on this machine only by default",
        _args_serve,
        serve.serve,
    ),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="roadmap-tui",
        description="Follow a learning roadmap in your terminal. "
        "With no command, opens the interactive app.",
    )
    parser.add_argument(
        "--version",
        action="store_true",
        help="print the version and where the progress file and the config are, and exit",
    )
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, command in COMMANDS.items():
        p = sub.add_parser(name, help=command.help, description=command.help)
        _global_options(p, suppress=True)
        if command.arguments is not None:
            command.arguments(p)
    return parser
