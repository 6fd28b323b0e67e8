"""About the files: validate a roadmap, and say where everything is."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from roadmap_tui.cli.common import Context
from roadmap_tui.cli.output import text
from roadmap_tui.core.stats import plural
from roadmap_tui.storage import paths


def validate(ctx: Context, args: Namespace) -> int:
    from roadmap_tui.core.roadmap import RoadmapError
    from roadmap_tui.storage.roadmaps import load

    path = Path(args.file) if args.file else ctx.roadmap_path()
    try:
        roadmap = load(path)
    except RoadmapError as exc:
        for problem in exc.problems:
            ctx.out.print(text(str(problem)), err=True)
        ctx.out.print(f"{plural(len(exc.problems), 'problem')} found", err=True)
        return 1
    ctx.out.say(
        f"{path}: ok: {len(roadmap.sections)} sections, {roadmap.topic_count} topics, "
        f"{roadmap.total_hours:g} hours"
    )
    return 0


def version(ctx: Context) -> int:
    """The version and where the data lives; fast: it loads no roadmap and opens no file."""
    from roadmap_tui import __version__
    from roadmap_tui.storage.config import config_path

    ctx.out.say(f"roadmap-tui {__version__}")
    ctx.out.say(f"progress: {ctx.progress_path()}")
    ctx.out.say(f"config:   {config_path()}")
    ctx.out.say("(`roadmap-tui where` lists every file)")
    return 0


def where(ctx: Context, args: Namespace) -> int:
    """Every file of the README's "Your files" table, one line each."""
    from roadmap_tui.storage.progress.store import lock_file

    progress = ctx.progress_path()
    ctx.out.say(f"roadmap:  {ctx.roadmap_path()}")
    ctx.out.say(f"progress: {progress}")
    ctx.out.say(f"lock:     {lock_file(progress)}")
    ctx.out.say(f"ui state: {paths.state_path(progress)}")
    ctx.out.say(f"roadmaps: {paths.user_roadmaps_dir()}")
    ctx.out.say(f"cache:    {paths.cache_dir()}")
    ctx.out.say(f"config:   {ctx.settings.path}")
    return 0
