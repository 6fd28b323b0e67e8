"""The learning path of a roadmap: follow the next-topic hint from an empty progress, marking
each suggestion done (a choice not yet made: pick its typical option), and print the walk.

    python benchmarks/path.py [ROADMAP]

Prints the first 30 steps, the step of the first language, framework, database and project,
each project's step, and the hours: of every topic, with one option per choice (typical), and
of the core path with one option per choice. The walk is the one tests/test_learning_path.py
checks.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_learning_path import report

from roadmap_tui.storage.paths import bundled_path
from roadmap_tui.storage.roadmaps import load

if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else bundled_path()
    print(report(load(source, cache=False)))
