"""Command-line entry point. The plain commands never import textual; only ``roadmap-tui``
with no command starts the app (and imports textual)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

from roadmap_tui.cli.common import Context, UserError
from roadmap_tui.cli.output import Output, StreamError
from roadmap_tui.cli.parser import COMMANDS, build_parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    out = Output()
    try:
        if args.command is None:
            if not _is_terminal(sys.stdin) or not _is_terminal(sys.stdout):
                # on a pipe the app would run unseen until killed (`roadmap-tui | head`)
                raise UserError(
                    "the app needs a terminal for its input and output; for plain text run "
                    "`roadmap-tui status` (or any command in `roadmap-tui --help`)"
                )
            from roadmap_tui.tui.launch import launch

            return launch(args)
        ctx = Context(out, roadmap_option=args.roadmap, progress_option=args.progress)
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


def _is_terminal(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):  # a closed stream
        return False


def _discard_stdout() -> None:
    """Send what is still buffered for standard output to /dev/null, so that the flush at exit
    cannot fail again (and print a traceback) after the error was reported."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
