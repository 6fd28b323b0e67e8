"""The user's [keymap]: every binding of the app by id, and the remapping applied through
Textual's public keymap (``App.set_keymap``), so the footer shows the new keys by itself."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Mapping

from textual.binding import Binding

import roadmap_tui.tui

# a binding that shares keys with another on a screen or widget of its own follows the other's
# remap: space toggles done both on the tree (which would expand with it) and on the screen;
# the help key also closes the help screen
FOLLOWS = {"tree.toggle_done": "main.toggle_done", "help.close": "main.help"}


def owners() -> list[type]:
    """The classes of roadmap-tui's app that declare bindings (the app, screens, widgets)."""
    found = []
    for info in pkgutil.walk_packages(roadmap_tui.tui.__path__, "roadmap_tui.tui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and "BINDINGS" in vars(cls):
                found.append(cls)
    return found


def bindings() -> dict[str, Binding]:
    """Every binding of the app by its id (``main.toggle_done``), as declared."""
    out: dict[str, Binding] = {}
    for cls in owners():
        for binding in vars(cls)["BINDINGS"]:
            if isinstance(binding, Binding) and binding.id:
                out.setdefault(binding.id, binding)
    return out


def checked(
    keymap: Mapping[str, str], known: Mapping[str, Binding]
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The keymap to give Textual (with the bindings that follow another) and (id, what is
    wrong) for each id that names no binding."""
    import difflib

    valid: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            close = difflib.get_close_matches(binding_id, list(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append((binding_id, f"no binding has this id{hint}; ignored"))
            continue
        valid[binding_id] = keys
    for follower, leader in FOLLOWS.items():
        if leader in valid and follower not in valid and follower in known:
            # the follower's own keys less the leader's old ones, plus the leader's new ones
            old = normalized(known[leader].key)
            kept = [k for k in known[follower].key.split(",") if not normalized(k) & old]
            valid[follower] = ",".join([*kept, *valid[leader].split(",")])
    return valid, problems + clashes(valid)


def clashes(keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    """(id, what it takes) for each remapped binding given a key another binding of the same
    screen or widget has (Textual then gives the key to the remapped one alone)."""
    found = []
    for cls in owners():
        declared = [b for b in vars(cls)["BINDINGS"] if isinstance(b, Binding) and b.id]
        for binding in declared:
            if binding.id not in keymap or binding.id in FOLLOWS:
                continue
            new = normalized(keymap[binding.id])
            for other in declared:
                if other.id == binding.id or other.id in FOLLOWS:
                    continue
                taken = new & normalized(keymap.get(other.id) or other.key)
                if taken:
                    found.append(
                        (
                            binding.id,
                            f"{', '.join(sorted(taken))} is also the key of {other.id} "
                            f"({other.description}), which loses it; give one of them "
                            "another key",
                        )
                    )
    return found


def normalized(keys: str) -> set[str]:
    """A key string as the set of Textual's key names (``?`` is ``question_mark``)."""
    import unicodedata

    out = set()
    for key in keys.split(","):
        key = key.strip()
        if len(key) == 1 and not key.isalnum():
            key = unicodedata.name(key, key).lower().replace(" ", "_").replace("-", "_")
        out.add(key)
    return out
