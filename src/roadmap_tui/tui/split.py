"""The split between the tree and the detail pane, side by side (a window 100 columns wide or
more): the tree takes what its longest line needs, up to 45% of the window, unless the user
chose a width (``{`` and ``}``, remembered in the view state); the pane takes the rest, and its
text keeps a readable measure (80 columns at most, app.tcss)."""

from __future__ import annotations

STEP = 4  # columns a key press moves the split by
MIN_TREE = 24
MIN_DETAIL = 40  # the pane never gets narrower than this beside the tree
AUTO_SHARE = 0.45  # the most of the window the tree takes by itself


def tree_columns(window: int, chosen: int, needed: int) -> int:
    """The tree's width in a window ``window`` columns wide: ``chosen`` (0: none) or what the
    tree ``needed``, within the bounds that leave both sides usable."""
    wanted = chosen or min(needed, round(window * AUTO_SHARE))
    return max(MIN_TREE, min(wanted, window - MIN_DETAIL))
