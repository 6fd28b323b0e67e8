"""Modules of one concern each: no module under ``src/`` grows past MAX_LINES lines.

A module that needs more is doing two things; split it by concern (as the main screen's
actions are in ``tui/screens/main_*.py`` and the store's reviews and imports are beside it).
"""

from __future__ import annotations

from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
MAX_LINES = 550


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_is_over_the_limit() -> None:
    modules = sorted(SRC.rglob("*.py"))
    assert modules, f"no modules found under {SRC}"
    too_long = {
        str(path.relative_to(SRC)): count
        for path in modules
        if (count := line_count(path)) > MAX_LINES
    }
    assert not too_long, f"modules over {MAX_LINES} lines (split them by concern): {too_long}"
