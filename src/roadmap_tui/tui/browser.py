"""Whether a web browser can open a link from here (an SSH session or a container has none)."""

from __future__ import annotations

import os
import sys
import webbrowser
from collections.abc import Mapping


def why_no_browser(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> str | None:
    """Why no browser would show a link opened now (None: one would). ``$BROWSER`` is trusted;
    otherwise an SSH session, a Linux without a graphical display, or no browser that
    ``webbrowser`` knows of means the link would go nowhere (or to a text browser that takes
    over the terminal)."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not env.get("BROWSER"):
        if env.get("SSH_CONNECTION") or env.get("SSH_TTY"):
            return "this is an SSH session"
        if platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
            return "there is no graphical display"
    try:
        webbrowser.get()
    except webbrowser.Error:
        return "no web browser was found"
    return None
