"""Start the app: load the roadmap and the progress store, then run RoadmapApp."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from roadmap_tui.core.roadmap import RoadmapError
from roadmap_tui.storage import paths
from roadmap_tui.storage.catalog import UnknownRoadmap, open_current
from roadmap_tui.storage.progress import ProgressError, ProgressStore


def launch(args: argparse.Namespace) -> int:
    progress_file = paths.progress_path(args.progress)
    state_file = paths.state_path(progress_file)
    try:
        roadmap, found = open_current(args.roadmap, state_file)
    except UnknownRoadmap as exc:
        print(f"roadmap-tui: {exc}", file=sys.stderr)
        return 1
    except RoadmapError as exc:
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
        show_today=True,
    )
    result = app.run()
    return result if isinstance(result, int) else 0
