"""Command-line entry point. The plain commands print with rich and never import textual;
only ``roadmap-tui`` with no command starts the app (and imports textual, lazily)."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap_tui import __version__
from roadmap_tui.cli.styled import Styled, write
from roadmap_tui.core.symbols import GLYPHS, STATUS_STYLE
from roadmap_tui.core.textsafe import json_dumps
from roadmap_tui.storage import paths

if TYPE_CHECKING:
    from rich.console import Console

    from roadmap_tui.core.roadmap import Roadmap, Topic
    from roadmap_tui.storage.progress import ProgressStore

STATUS_CHOICES = ("todo", "in-progress", "done", "skipped")
STATUS_ALIASES = {
    "in_progress": "in-progress",
    "inprogress": "in-progress",
    "doing": "in-progress",
    "learning": "in-progress",
    "skip": "skipped",
    "reset": "todo",
}


class UserError(Exception):
    """A mistake of the user or in their data: printed as one line, exit code 1."""


# ------------------------------------------------------------------------------ parsing


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
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


def _args_validate(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", help="roadmap file (default: the current roadmap)")


def _args_list(p: argparse.ArgumentParser) -> None:
    p.add_argument("--status", type=_status_arg, help="only topics with this status")
    _json(p)


def _args_mark(p: argparse.ArgumentParser) -> None:
    _topic(p)
    p.add_argument("status", type=_status_arg, help="todo, in-progress, done or skipped")
    p.add_argument("-r", "--recursive", action="store_true", help="also mark every topic under it")


def _args_note(p: argparse.ArgumentParser) -> None:
    _topic(p)
    p.add_argument("text", nargs="?", help="the note (Markdown)")


def _args_reset(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("topic", nargs="?", help="full id or title")
    group.add_argument("--all", action="store_true", help="reset every topic")
    p.add_argument("-y", "--yes", action="store_true", help="do not ask for confirmation")


def _args_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("markdown", "json"), default="markdown")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def _args_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a file made by `export --format json`")


def _args_share(p: argparse.ArgumentParser) -> None:
    p.add_argument("--markdown", action="store_true", help="as Markdown, for a README")


def _no_args(p: argparse.ArgumentParser) -> None:
    pass


# name -> (help, adds the command's own arguments), in the order `--help` lists them
SUBCOMMANDS = {
    "validate": ("check a roadmap file and report every mistake", _args_validate),
    "where": ("print where the roadmap and progress files are", _no_args),
    "status": ("overall and per-section progress", _json),
    "list": ("list topics with their status", _args_list),
    "show": ("show a topic's details and note", _topic),
    "mark": ("set a topic's status", _args_mark),
    "note": ("set a topic's note (no TEXT: read standard input; empty clears)", _args_note),
    "reset": ("set a topic, or everything, back to todo (notes are kept)", _args_reset),
    "next": ("the next topic to learn", _no_args),
    "export": ("export progress as a Markdown checklist or JSON", _args_export),
    "import": (
        "merge a JSON export back in (newer changes win, notes are kept)",
        _args_import,
    ),
    "stats": ("statistics: progress, hours, activity heatmap, streaks, pace, forecast", _json),
    "share": ("a compact progress card to paste anywhere", _args_share),
    "roadmaps": ("list the bundled roadmap and the ones in your roadmaps folder", _no_args),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command-line parser; with ``only``, just that command's subparser is built.

    Building all fourteen subparsers costs a few milliseconds that a plain command, run from a
    script in a loop, or the app's start should not pay; ``main`` passes the command it finds
    in the arguments ("" for none: the app).
    """
    parser = argparse.ArgumentParser(
        prog="roadmap-tui",
        description="Follow a learning roadmap in your terminal. "
        "With no command, opens the interactive app.",
    )
    parser.add_argument("--version", action="version", version=f"roadmap-tui {__version__}")
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help, add_arguments) in SUBCOMMANDS.items():
        if only is not None and name != only:
            continue
        p = sub.add_parser(name, help=help, description=help)
        _global_options(p, suppress=True)
        add_arguments(p)
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The command named in ``argv``; "" when there is none (the app starts: no subparser is
    needed); None when every subparser is (help, an unknown command or option)."""
    takes_value = ("--roadmap", "--progress")
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in takes_value:
            skip = True
        elif arg == "--":
            return None
        elif not arg.startswith("-"):
            return arg if arg in SUBCOMMANDS else None
        elif not arg.startswith(tuple(f"{option}=" for option in takes_value)):
            return None  # -h, --version, or an option argparse should report with every command
    return "" if not skip else None


def _status_arg(value: str) -> str:
    folded = value.strip().lower()
    folded = STATUS_ALIASES.get(folded, folded)
    if folded not in STATUS_CHOICES:
        raise argparse.ArgumentTypeError(
            f"invalid status {value!r} (choose from {', '.join(STATUS_CHOICES)})"
        )
    return folded


# ------------------------------------------------------------------------------ helpers


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # `roadmap-tui list | head`: let main() end quietly with exit code 0
            raise BrokenPipeError

    return _Console(stderr=stderr, highlight=False, soft_wrap=True, emoji=False)


def _load_roadmap(args: argparse.Namespace) -> Roadmap:
    from roadmap_tui.storage.catalog import roadmap_path
    from roadmap_tui.storage.roadmaps import load

    path = roadmap_path(args.roadmap)
    try:
        return load(path)
    except Exception as exc:
        from roadmap_tui.core.roadmap import RoadmapError  # not imported when all goes well

        if not isinstance(exc, RoadmapError):
            raise
        count = len(exc.problems)
        raise UserError(
            f"{exc}\n{count} problem{'s' if count != 1 else ''} in the roadmap; "
            f"run `roadmap-tui validate {path}` after fixing them"
        ) from None


def _open_store(args: argparse.Namespace, roadmap: Roadmap) -> ProgressStore:
    from roadmap_tui.storage.progress import ProgressError, ProgressStore

    store = ProgressStore(paths.progress_path(args.progress), roadmap.id)
    try:
        store.load()
    except ProgressError as exc:
        raise UserError(_progress_message(exc)) from None
    return store


def _progress_message(exc: Exception) -> str:
    hint = getattr(exc, "hint", None)
    return f"{exc}; {hint}" if hint else str(exc)


def _resolve(roadmap: Roadmap, query: str) -> Topic:
    """The one topic ``query`` names, or a UserError listing the candidates."""
    matches = roadmap.find(query)
    if len(matches) == 1:
        return matches[0]
    if matches:
        listing = "\n".join(f"  {t.id}  ({t.title})" for t in matches[:10])
        raise UserError(f"{query!r} matches {len(matches)} topics; use a full id:\n{listing}")
    close = roadmap.suggest(query)
    listing = "\n".join(f"  {t.id}  ({t.title})" for t in close)
    more = f"; closest:\n{listing}" if close else "; `roadmap-tui list` shows every id"
    raise UserError(f"no topic {query!r}{more}")


def _bar(percent: float, width: int = 20) -> str:
    filled = round(width * percent / 100)
    return "█" * filled + "░" * (width - filled)


def _safe(text: str) -> str:
    from roadmap_tui.core.textsafe import clean

    return clean(text)


def _say(message: str, *, stderr: bool = False) -> None:
    """Print one plain message (control characters made visible). Unstyled text does not need
    rich, and a script that runs `mark` in a loop should not pay for importing it."""
    print(_safe(message), file=sys.stderr if stderr else sys.stdout)


def _text(text: str, style: str = ""):
    from rich.text import Text

    return Text(_safe(text), style=style)


def _print(page: Styled) -> None:
    """Print a page and a newline: through rich in a terminal, as plain text to a pipe or file
    (where rich would print the same characters, unstyled)."""
    write(page, sys.stdout, _console)


# ------------------------------------------------------------------------------ commands


def cmd_validate(args: argparse.Namespace) -> int:
    from roadmap_tui.core.roadmap import RoadmapError
    from roadmap_tui.storage.catalog import roadmap_path
    from roadmap_tui.storage.roadmaps import load

    path = Path(args.file) if args.file else roadmap_path(args.roadmap)
    try:
        roadmap = load(path)
    except RoadmapError as exc:
        out = _console(stderr=True)
        for problem in exc.problems:
            out.print(_text(str(problem)))
        count = len(exc.problems)
        out.print(f"{count} problem{'s' if count != 1 else ''} found")
        return 1
    hours = roadmap.total_hours
    _say(
        f"{path}: ok: {len(roadmap.sections)} sections, {roadmap.topic_count} topics, "
        f"{hours:g} hours"
    )
    return 0


def cmd_where(args: argparse.Namespace) -> int:
    from roadmap_tui.storage.catalog import roadmap_path

    progress = paths.progress_path(args.progress)
    _say(f"roadmap:  {roadmap_path(args.roadmap)}")
    _say(f"progress: {progress}")
    _say(f"ui state: {paths.state_path(progress)}")
    _say(f"roadmaps: {paths.user_roadmaps_dir()}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from roadmap_tui.core.stats import format_hours, next_topic, status_lookup, summary

    outline = _load_roadmap(args)
    store = _open_store(args, outline)
    entries = store.topics()
    statuses = {tid: entry.status for tid, entry in entries.items()}
    status_of = status_lookup(statuses)
    overall = summary(outline, statuses)
    started = [tid for tid, entry in entries.items() if entry.status == "in-progress"]
    upcoming = next_topic(outline, status_of, in_progress=started)
    if upcoming is not None:
        next_id, next_title = upcoming.topic.id, upcoming.topic.title
    if args.json:
        data = overall.as_dict()
        data["roadmap"] = {"id": outline.id, "title": outline.title}
        data["sections"] = [part.as_dict() for part in overall.children]
        data["next"] = (
            {"id": next_id, "title": next_title, "reason": upcoming[1]} if upcoming else None
        )
        print(json_dumps(data))
        return 0

    # one page, printed once: each print costs rich a full render pass
    page = Styled()
    page.append(_safe(outline.title), "bold")
    page.append("\n")
    page.append(_bar(overall.percent, 30), "green")
    page.append(
        f" {overall.percent:.0f}%  "
        f"{overall.done} done · {overall.in_progress} in progress · "
        f"{overall.skipped} skipped · {overall.todo} to do  "
        f"({format_hours(overall.hours_done)} done, {format_hours(overall.hours_left)} left)\n"
    )
    # a plain fixed-width table: as clear as rich.table and much cheaper to import and render
    width = max((len(_safe(part.title)) for part in overall.children), default=7)
    page.append(
        f"{'section':<{width}}  {'progress':<12}  {'done':>7} {'%':>4}  ◐   ⊘  {'left':>6}\n",
        "bold",
    )
    for part in overall.children:
        page.append(f"{_safe(part.title):<{width}}  ")
        page.append(_bar(part.percent, 12), "green")
        page.append(
            f"  {f'{part.complete}/{part.total}':>7} {part.percent:>3.0f}%"
            f" {part.in_progress:>2}  {part.skipped:>2}  {format_hours(part.hours_left):>6}\n"
        )
    if upcoming:
        page.append("next: ", "bold")
        page.append(_safe(f"{next_title} ({next_id})"))
        page.append(_safe(f"  {upcoming[1]}"), "dim")
    else:
        page.append("next: nothing left: every topic is done or skipped")
    _print(page)
    return 0


def _status_of(store: ProgressStore):
    from roadmap_tui.core.stats import status_lookup

    return status_lookup({tid: entry.status for tid, entry in store.topics().items()})


def cmd_list(args: argparse.Namespace) -> int:
    from roadmap_tui.storage.progress import TopicProgress

    roadmap = _load_roadmap(args)
    store = _open_store(args, roadmap)
    entries = store.topics()
    todo = TopicProgress()
    rows = []
    for topic in roadmap.topics():
        entry = entries.get(topic.id, todo)
        if args.status and entry.status != args.status:
            continue
        rows.append((topic.id, topic.title, entry))
    if args.json:
        from roadmap_tui.core.textsafe import json_records

        records = [(tid, title, e.status, e.note) for tid, title, e in rows]
        print(json_records(("id", "title", "status", "note"), records))
        return 0
    page = Styled()
    for tid, title, entry in rows:
        if page:
            page.append("\n")
        style = STATUS_STYLE[entry.status]
        page.append(f"{GLYPHS[entry.status]} {entry.status:<11} ", style)
        page.append(tid, "bold")
        page.append(f"  {_safe(title)}")
        if entry.note.strip():
            page.append("  ✎", "cyan")
    if page:
        _print(page)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from rich.markdown import Markdown
    from rich.text import Text

    roadmap = _load_roadmap(args)
    store = _open_store(args, roadmap)
    topic = _resolve(roadmap, args.topic)
    entry = store.get(topic.id)
    out = _console()
    crumbs = " › ".join(p.title for p in roadmap.parents(topic.id))
    out.print(_text(crumbs, "dim"))
    out.print(_text(topic.title, "bold"))
    out.print(_text(topic.id, "dim"))
    meta = Text()
    meta.append(f"{GLYPHS[entry.status]} {entry.status}", STATUS_STYLE[entry.status])
    meta.append(f" · {topic.kind} · {topic.level} · ~{topic.hours:g} h")
    if roadmap.sources:
        meta.append(f" · listed by {len(topic.sources)} of {len(roadmap.sources)} roadmaps")
    out.print(meta)
    if entry.started or entry.completed:
        dates = []
        if entry.started:
            dates.append(f"started {entry.started:%Y-%m-%d}")
        if entry.completed:
            dates.append(f"completed {entry.completed:%Y-%m-%d}")
        out.print(_text(" · ".join(dates), "dim"))
    if topic.summary:
        out.print()
        out.print(_text(topic.summary, "italic"))
    if topic.description:
        out.print()
        out.print(Markdown(_safe(topic.description)))
    for heading, ids in (
        ("Prerequisites", topic.prerequisites),
        ("Practises", topic.practises),
        ("Parts", [child.id for child in topic.children]),
    ):
        if ids:
            out.print()
            out.print(_text(heading, "bold"))
            for tid in ids:
                status = store.get(tid).status
                line = Text(f"  {GLYPHS[status]} ", STATUS_STYLE[status])
                line.append(_safe(f"{roadmap[tid].title} ({tid})"))
                out.print(line)
    if topic.resources:
        out.print()
        out.print(_text("Resources", "bold"))
        for res in topic.resources:
            out.print(_text(f"  [{res.type}] {res.title}: {res.url}"))
    out.print()
    out.print(_text("Note", "bold"))
    if entry.note.strip():
        out.print(Markdown(_safe(entry.note)))
    else:
        out.print(_text(f'  (none: roadmap-tui note {topic.id} "...")', "dim"))
    return 0


def _save(action):
    from roadmap_tui.storage.progress import ProgressError

    try:
        return action()
    except ProgressError as exc:
        raise UserError(_progress_message(exc)) from None


def cmd_mark(args: argparse.Namespace) -> int:
    roadmap = _load_roadmap(args)
    store = _open_store(args, roadmap)
    topic_id = _resolve(roadmap, args.topic).id
    if args.recursive:
        targets = [t.id for t in roadmap[topic_id].walk()]
        _save(lambda: store.set_many([(tid, args.status) for tid in targets]))
        _say(f"{topic_id} and {len(targets) - 1} under it: {args.status}")
    else:
        _save(lambda: store.set_status(topic_id, args.status))
        _say(f"{topic_id}: {args.status}")
    return 0


def cmd_note(args: argparse.Namespace) -> int:
    roadmap = _load_roadmap(args)
    store = _open_store(args, roadmap)
    topic = _resolve(roadmap, args.topic)
    if args.text is None:
        if sys.stdin.isatty():
            _say("Type the note, then Ctrl-D on a new line:", stderr=True)
        text = sys.stdin.read()
    else:
        text = args.text
    text = text.replace("\r\n", "\n")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise UserError(
            f"{topic.id}: the note is not valid UTF-8 text; nothing was saved"
        ) from None
    if not text.strip():
        text = ""
    _save(lambda: store.set_note(topic.id, text))
    _say(f"{topic.id}: note {'cleared' if not text else 'saved'}")
    return 0


def cmd_reset(args: argparse.Namespace) -> int:
    roadmap = _load_roadmap(args)
    store = _open_store(args, roadmap)
    if args.all:
        count = sum(1 for entry in store.topics().values() if entry.status != "todo")
        if not args.yes:
            if not sys.stdin.isatty():
                raise UserError("reset --all needs confirmation: add --yes to reset every topic")
            answer = input(
                f"Reset {count} topics of {roadmap.title} to todo? Notes are kept. [y/N] "
            )
            if answer.strip().lower() not in ("y", "yes"):
                _say("nothing reset")
                return 1
        _save(lambda: store.reset(None))
        _say(f"reset {count} topics to todo (notes kept)")
        return 0
    topic = _resolve(roadmap, args.topic)
    _save(lambda: store.reset([topic.id]))
    _say(f"{topic.id}: todo")
    return 0


def cmd_next(args: argparse.Namespace) -> int:
    from roadmap_tui.core.stats import next_topic

    roadmap = _load_roadmap(args)
    store = _open_store(args, roadmap)
    upcoming = next_topic(roadmap, _status_of(store))
    if upcoming is None:
        _print(Styled("Nothing left: every topic is done or skipped."))
        return 0
    topic = upcoming.topic
    page = Styled(_safe(f"{topic.title}  ({topic.id})\n"), "bold")
    if topic.summary:
        page.append(_safe(f"{topic.summary}\n"))
    page.append(_safe(f"why: {upcoming.reason}"), "dim")
    _print(page)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from roadmap_tui.core import export

    roadmap = _load_roadmap(args)
    store = _open_store(args, roadmap)
    entries = dict(store.topics())
    if args.format == "json":
        text = export.to_json(roadmap, entries)
    else:
        text = export.to_markdown(roadmap, entries)
    if args.output:
        target = Path(args.output)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise UserError(f"{target}: cannot write: {exc.strerror}") from None
        _say(f"wrote {target}", stderr=True)
    else:
        sys.stdout.write(text)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from roadmap_tui.core import export

    roadmap = _load_roadmap(args)
    store = _open_store(args, roadmap)
    try:
        roadmap_id, entries = _read_export(Path(args.file))
    except export.ImportError_ as exc:
        raise UserError(str(exc)) from None
    if roadmap_id and roadmap_id != roadmap.id:
        raise UserError(
            f"{args.file}: this export is for roadmap {roadmap_id!r}, the current roadmap is "
            f"{roadmap.id!r}; choose its file with --roadmap"
        )
    taken = _save(lambda: store.merge_from(entries))
    _say(f"imported {taken} of {len(entries)} topics ({len(entries) - taken} were not newer)")
    return 0


def _read_export(path: Path):
    from roadmap_tui.core import export
    from roadmap_tui.storage.progress import TopicProgress

    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise export.ImportError_(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise export.ImportError_(f"{path}: not UTF-8 text") from None
    roadmap_id, fields = export.parse_json_export(text, str(path))
    return roadmap_id, {tid: TopicProgress(**f) for tid, f in fields.items()}


def _history(roadmap: Roadmap, store: ProgressStore):
    from datetime import date

    from roadmap_tui.core.history import history
    from roadmap_tui.core.stats import summary

    entries = dict(store.topics())
    tally = summary(roadmap, {tid: entry.status for tid, entry in entries.items()})
    return tally, history(roadmap, entries, dict(store.activity()), date.today())


def cmd_stats(args: argparse.Namespace) -> int:
    from roadmap_tui import report

    roadmap = _load_roadmap(args)
    store = _open_store(args, roadmap)
    tally, hist = _history(roadmap, store)
    if args.json:
        print(json_dumps(report.stats_json(roadmap, tally, hist)))
        return 0
    _console().print(report.stats_renderable(roadmap, tally, hist))
    return 0


def cmd_share(args: argparse.Namespace) -> int:
    from roadmap_tui import report

    roadmap = _load_roadmap(args)
    store = _open_store(args, roadmap)
    tally, hist = _history(roadmap, store)
    sys.stdout.write(report.share_card(roadmap, tally, hist, markdown=args.markdown))
    return 0


def cmd_roadmaps(args: argparse.Namespace) -> int:
    from roadmap_tui.storage.catalog import discover, roadmap_path

    folder = paths.user_roadmaps_dir()
    current = roadmap_path(args.roadmap).resolve()
    entries = discover(folder)
    bad = 0
    page = Styled()
    for entry in entries:
        if page:
            page.append("\n")
        page.append("* " if entry.path.resolve() == current else "  ", "bold green")
        if entry.roadmap is not None:
            rm = entry.roadmap
            page.append(_safe(rm.id), "bold")
            page.append(
                _safe(f"  {rm.title}  ({len(rm.sections)} sections, {rm.topic_count} topics)")
            )
        else:
            bad += 1
            page.append(_safe(entry.path.stem), "bold red")
            page.append(f"  invalid: {len(entry.problems)} problem(s)", "red")
        page.append(_safe(f"  {'bundled' if entry.bundled else entry.path}"), "dim")
        for problem in entry.problems[:10]:
            page.append(_safe(f"\n      {problem}"), "red")
        if len(entry.problems) > 10:
            page.append(f"\n      ... and {len(entry.problems) - 10} more", "red")
    if len(entries) == 1:
        page.append(_safe(f"\nAdd your own: put roadmap files (*.toml) in {folder}"), "dim")
    if page:
        _print(page)
    return 1 if bad else 0


COMMANDS = {
    "validate": cmd_validate,
    "where": cmd_where,
    "status": cmd_status,
    "list": cmd_list,
    "show": cmd_show,
    "mark": cmd_mark,
    "note": cmd_note,
    "reset": cmd_reset,
    "next": cmd_next,
    "export": cmd_export,
    "import": cmd_import,
    "stats": cmd_stats,
    "share": cmd_share,
    "roadmaps": cmd_roadmaps,
}


def run_app(args: argparse.Namespace) -> int:
    from roadmap_tui.tui.launch import launch

    return launch(args)


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(_command_in(argv))
    args = parser.parse_args(argv)
    if args.command is None:
        return _guarded(run_app, args)
    # A plain command lives for a few milliseconds and makes no garbage worth collecting, but
    # loading tens of thousands of objects would set off collections that walk them all.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _guarded(COMMANDS[args.command], args)
    finally:
        if collecting:
            gc.enable()


def _guarded(command, args: argparse.Namespace) -> int:
    try:
        return command(args)
    except UserError as exc:
        _say(f"roadmap-tui: {exc}", stderr=True)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `roadmap-tui list | head`: the reader went away; that is not an error
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
