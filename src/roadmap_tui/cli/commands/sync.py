"""Sync through git: ``merge-driver`` (what git runs to merge two progress files) and ``sync``
(``--init``, ``--status``, or commit, pull and push). They import what they need when they run:
the other commands do not pay for them."""

from __future__ import annotations

import sys
from argparse import Namespace
from datetime import UTC, datetime
from pathlib import Path

from roadmap_tui.cli.common import Context, UserError
from roadmap_tui.storage import paths


def merge_driver(ctx: Context, args: Namespace) -> int:
    """git's merge driver: merge ``theirs`` into ``ours`` (both from ``base``); exit 0 when the
    result is in ``ours``, 1 (``ours`` untouched) so that git reports a conflict otherwise; ``name``
    is the file's path, for messages."""
    from roadmap_tui.storage.gitsync import MergeError, merge_files

    try:
        merge_files(Path(args.base), Path(args.ours), Path(args.theirs), args.name)
    except MergeError as exc:
        ctx.out.say(f"roadmap-tui merge-driver: {exc}", err=True)
        return 1
    return 0


def driver_command() -> str:
    """The command git runs for the merge driver: this interpreter and this package, so it
    works without roadmap-tui on git's PATH. git runs it through its shell: quoted."""
    import shlex

    return f"{shlex.quote(sys.executable)} -m roadmap_tui merge-driver %O %A %B %P"


def sync(ctx: Context, args: Namespace) -> int:
    import json

    from roadmap_tui.storage import gitsync
    from roadmap_tui.storage.progress.store import lock_file

    progress = ctx.progress_path()
    if not args.init and (args.remote or args.repo):
        raise UserError("REMOTE and --repo go with --init (sync --init [REMOTE] [--repo DIR])")
    try:
        if args.init:
            where = paths.expand(args.repo) if args.repo else None
            for line in gitsync.init(progress, driver_command(), where, args.remote):
                ctx.out.say(line)
            return 0
        if args.status:
            info = gitsync.status(progress)
            if args.json:
                ctx.out.write(json.dumps(info, indent=2) + "\n")
            else:
                _print_status(ctx, info)
            return 0
        report = gitsync.sync(progress, lock_file(progress), datetime.now(UTC), driver_command())
    except gitsync.SyncError as exc:
        raise UserError(f"sync: {exc}") from None
    if args.json:
        data = {
            "repo": str(report.repo),
            "remote": report.remote,
            "committed": report.committed,
            "merged": report.merged,
            "pushed": report.pushed,
        }
        ctx.out.write(json.dumps(data, indent=2) + "\n")
        return 0
    done = [
        "committed your changes" if report.committed else "nothing new to commit",
        *(["merged the remote's changes"] if report.merged else []),
        *([f"pushed to {report.remote}"] if report.pushed else []),
    ]
    if report.remote is not None and not report.pushed:
        done.append("nothing to push")
    ctx.out.say(f"synced: {', '.join(done)}")
    for note in report.notes:
        ctx.out.say(note)
    return 0


def _print_status(ctx: Context, info: dict) -> None:
    ctx.out.say(f"repository: {info['repo']} (branch {info['branch']})")
    ctx.out.say(
        f"file:       {info['file']}" + (" (changed since the last sync)" * info["changed"])
    )
    ctx.out.say(f"remote:     {info['remote'] or 'none'}")
    ctx.out.say(f"last sync:  {info['last_commit'] or 'never'}")
    if info["ahead"] is not None:
        ctx.out.say(
            f"as of the last fetch: {info['ahead']} commit(s) to push, {info['behind']} to merge"
        )
