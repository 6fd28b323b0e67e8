"""`roadmap-tui config`: where the config file is, and the effective settings with where each
came from (default, the file, an environment variable, a flag)."""

from __future__ import annotations

import json
from argparse import Namespace
from pathlib import Path

from roadmap_tui.cli.common import Context
from roadmap_tui.cli.output import text
from roadmap_tui.core.config import KEYS, ConfigWarning, Settings

# what applies when nothing sets a key whose default is "the app decides"
UNSET = {
    "theme": "the theme chosen last in the app, else textual-dark",
    "editor": "vi ($VISUAL and $EDITOR are not set)",
    "roadmap": "the roadmap last opened in the app, else the bundled one",
    "weekly_goal": "none",
}


def config(ctx: Context, args: Namespace) -> int:
    settings = ctx.settings
    warnings = [*settings.warnings, *app_warnings(settings)]
    try:
        path_exists = Path(settings.path).is_file()
    except OSError:  # a path the system cannot check (too long, ...)
        path_exists = False
    if args.json:
        document = {
            "path": settings.path,
            "exists": path_exists,
            "settings": {
                key: {
                    "value": dict(settings.keymap) if key == "keymap" else getattr(settings, key),
                    "source": settings.source(key),
                }
                for key in KEYS
            },
            "warnings": [str(w) for w in warnings],
        }
        ctx.out.say(json.dumps(document, indent=2, ensure_ascii=False))
        return 0
    state = "" if path_exists else "  (no such file: every setting has its default)"
    ctx.out.print(text(f"config file: {settings.path}{state}"))
    width = max(len(key) for key in KEYS)
    for key in KEYS:
        if key == "keymap":
            continue
        value = getattr(settings, key)
        shown = UNSET.get(key, "") if value is None else str(value)
        ctx.out.print(text(f"{key:<{width}}  {shown}  [{settings.source(key)}]"))
    if settings.keymap:
        ctx.out.print(text(f"{'keymap':<{width}}  [{settings.source('keymap')}]"))
        for binding_id, keys in settings.keymap.items():
            ctx.out.print(text(f"  {binding_id} = {keys}"))
    else:
        ctx.out.print(text(f"{'keymap':<{width}}  the default keys  [default]"))
    for warning in warnings:
        ctx.out.say(f"roadmap-tui: warning: {warning}", err=True)
    return 0


def app_warnings(settings: Settings) -> list[ConfigWarning]:
    """What only the app can tell: keymap ids that name no binding, an unknown theme. Textual is
    imported for it, here only (the other commands never import it)."""
    found: list[ConfigWarning] = []
    if settings.theme and settings.source("theme") == "file":
        from textual.theme import BUILTIN_THEMES

        if settings.theme not in BUILTIN_THEMES:
            known = ", ".join(sorted(BUILTIN_THEMES))
            found.append(
                settings.warning(
                    "theme", f"unknown theme {settings.theme!r} (known: {known}); using the default"
                )
            )
    if settings.keymap:
        from roadmap_tui.tui import keymap

        _valid, problems = keymap.checked(settings.keymap, keymap.bindings())
        found += [settings.warning(f"keymap.{i}", message) for i, message in problems]
    return found
