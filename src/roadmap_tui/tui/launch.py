"""Start the app: load the roadmap and the progress store, then run RoadmapApp."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from roadmap_tui.core.roadmap import RoadmapError
from roadmap_tui.storage import paths
from roadmap_tui.storage.catalog import roadmap_path
from roadmap_tui.storage.progress import ProgressError, ProgressStore
from roadmap_tui.storage.roadmaps import load
from roadmap_tui.storage.uistate import load_state


def launch(args: argparse.Namespace) -> int:
    progress_file = paths.progress_path(args.progress)
    state_file = paths.state_path(progress_file)
    roadmap_file = roadmap_path(args.roadmap)
    roadmap = None
    notice = ""  # said in the app: the roadmap used last time is replaced by the default
    if not args.roadmap and not os.environ.get(paths.ENV_ROADMAP):
        # reopen the roadmap chosen last time in the app, if it still loads
        last = load_state(state_file, "").last_roadmap
        if last and not Path(last).is_file():
            notice = f"Last roadmap not found: {last}"
        elif last:
            try:
                roadmap = load(last)
                roadmap_file = Path(last)
            except RoadmapError as exc:
                roadmap = None
                problems = str(exc).splitlines()
                notice = f"Last roadmap unreadable: {problems[0] if problems else last}"
    try:
        roadmap = roadmap or load(roadmap_file)
    except RoadmapError as exc:
        print(f"roadmap-tui: {exc}", file=sys.stderr)
        print(
            f"roadmap-tui: fix the roadmap (`roadmap-tui validate {roadmap_file}`) and start again",
            file=sys.stderr,
        )
        return 1
    store = ProgressStore(progress_file, roadmap.id)
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
        roadmap_path=roadmap_file,
        notice=f"{notice}\nOpened {roadmap.title} instead." if notice else "",
    )
    result = app.run()
    return result if isinstance(result, int) else 0
