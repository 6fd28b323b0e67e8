"""Start the app: load the roadmap and the progress store, then run RoadmapApp."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from roadmap_tui.core.config import Settings
from roadmap_tui.core.roadmap import RoadmapError
from roadmap_tui.storage import paths
from roadmap_tui.storage.catalog import UnknownRoadmap, open_current
from roadmap_tui.storage.progress import ProgressError, ProgressStore


def launch(args: argparse.Namespace, settings: Settings | None = None) -> int:
    # no garbage collection until the first screen is up (the app turns it back on): start-up
    # makes many objects and frees few, so the collector's passes over them would find little
    gc.disable()
    try:
        return _launch(args, settings)
    finally:
        gc.enable()


def _launch(args: argparse.Namespace, settings: Settings | None) -> int:
    settings = settings if settings is not None else Settings()
    progress_file = paths.progress_path(args.progress)
    state_file = paths.state_path(progress_file)
    try:
        roadmap, found = open_current(args.roadmap, state_file)
    except UnknownRoadmap as exc:
        print(f"roadmap-tui: {exc}", file=sys.stderr)
        return 1
    except RoadmapError as exc:
        if settings.source("roadmap") == "file" and args.roadmap == settings.roadmap:
            # config.toml's default roadmap does not load: say so, start with the default
            print(f"roadmap-tui: warning: {settings.warning('roadmap', str(exc))}", file=sys.stderr)
            args.roadmap = None
            return _launch(args, settings)
        print(f"roadmap-tui: {exc}", file=sys.stderr)
        path = Path(exc.problems[0].path) if exc.problems else None
        if path is not None and path.exists():
            print(
                f"roadmap-tui: fix the roadmap (`roadmap-tui validate {path}`) and start again",
                file=sys.stderr,
            )
        return 1
    store = ProgressStore(progress_file, roadmap.id, renamed=roadmap.renamed)
    load_error = None
    try:
        store.load()
    except ProgressError as exc:
        load_error = exc

    from roadmap_tui.tui.app import RoadmapApp  # textual is imported only here

    app = RoadmapApp(
        roadmap,
        store,
        state_path=state_file,
        load_error=load_error,
        roadmap_path=found.path,
        notice=found.notice,
        settings=settings,
        welcome=True,
        show_today=True,
    )
    result = app.run()
    return result if isinstance(result, int) else 0
