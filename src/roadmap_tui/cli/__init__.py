"""Command-line entry point. The plain commands never import textual; only ``roadmap-tui``
with no command starts the app (and imports textual)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

from roadmap_tui.cli.commands import files
from roadmap_tui.cli.common import Context, UserError
from roadmap_tui.cli.output import Output, StreamError, is_terminal
from roadmap_tui.cli.parser import COMMANDS, build_parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    out = Output()
    try:
        if args.version:
            files.version(Context(out, progress_option=args.progress))
            out.flush()
            return 0
        settings = _settings(args, out)
        if args.command is None:
            if not out.interactive or not is_terminal(out.stdout):
                # on a pipe the app would run unseen until killed (`roadmap-tui | head`)
                raise UserError(
                    "the app needs a terminal for its input and output; for plain text run "
                    "`roadmap-tui status` (or any command in `roadmap-tui --help`)"
                )
            from roadmap_tui.tui.launch import launch

            return launch(args, settings)
        ctx = Context(
            out, roadmap_option=args.roadmap, progress_option=args.progress, settings=settings
        )
        code = COMMANDS[args.command].run(ctx, args)
        out.flush()
        return code
    except UserError as exc:
        out.say(f"roadmap-tui: {exc}", err=True)
        return 1
    except StreamError as exc:
        _discard_stdout()
        out.say(f"roadmap-tui: {exc}", err=True)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `roadmap-tui list | head`: the reader went away; that is not an error
        _discard_stdout()
        return 0


def _settings(args, out: Output):
    """The effective settings (config.toml, the environment, the flags); each mistake in the
    file is said on standard error, and the command goes on with the default. The plain
    commands do not check the keymap's binding ids (the app and `config` do)."""
    from roadmap_tui.storage.config import load_settings

    settings = load_settings({"roadmap": args.roadmap})
    if args.command != "config":  # `config` lists them itself
        for warning in settings.warnings:
            out.say(f"roadmap-tui: warning: {warning}", err=True)
    if settings.source("roadmap") == "file":
        # the config file's default roadmap stands in for --roadmap, when it names one
        from roadmap_tui.storage.catalog import UnknownRoadmap, current

        try:
            current(settings.roadmap)
        except UnknownRoadmap as exc:
            warning = settings.warning("roadmap", f"{exc}; using the default")
            out.say(f"roadmap-tui: warning: {warning}", err=True)
        else:
            args.roadmap = settings.roadmap
    return settings


def _discard_stdout() -> None:
    """Send what is still buffered for standard output to /dev/null, so that the flush at exit
    cannot fail again (and print a traceback) after the error was reported."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
