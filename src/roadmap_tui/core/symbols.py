"""The statuses and how they look, shared by the plain commands and the app (pure: no Textual
import).

Each status has its own glyph as well as its own colour, so they stay apart without colour
(NO_COLOR) and for colour-blind users.
"""

STATUSES = ("todo", "in-progress", "done", "skipped")
COMPLETE = frozenset({"done", "skipped"})  # progress counts both as complete
GLYPHS = {"todo": "○", "in-progress": "◐", "done": "●", "skipped": "⊘"}
STATUS_STYLE = {
    "todo": "dim",
    "in-progress": "bold yellow",
    "done": "bold green",
    "skipped": "blue",
}
STATUS_LABEL = {"todo": "to do", "in-progress": "in progress", "done": "done", "skipped": "skipped"}
