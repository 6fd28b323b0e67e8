"""Command-line entry point. The plain commands never import textual; only ``roadmap-tui``
with no command starts the app (and imports textual)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

from roadmap_tui.cli.common import Context, UserError
from roadmap_tui.cli.output import Output
from roadmap_tui.cli.parser import COMMANDS, build_parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    out = Output()
    try:
        if args.command is None:
            from roadmap_tui.tui.launch import launch

            return launch(args)
        ctx = Context(out, roadmap_option=args.roadmap, progress_option=args.progress)
        return COMMANDS[args.command].run(ctx, args)
    except UserError as exc:
        out.say(f"roadmap-tui: {exc}", err=True)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `roadmap-tui list | head`: the reader went away; that is not an error
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
