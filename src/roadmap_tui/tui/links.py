"""Only web links become terminal hyperlinks in the app.

A description or a note is Markdown from a file: ``[x](ssh://host)``, ``[x](file:///etc/...)``
or ``[x](mailto:...)`` in it would otherwise reach the terminal as an OSC 8 hyperlink the user
can open with a click. The commands print through the same filter (``cli/output.py``).
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

WEB_SCHEMES = ("http", "https")


def is_web_link(url: str) -> bool:
    """Whether ``url`` is an http or https address (the only links the app emits or opens)."""
    return url.partition(":")[0].strip().lower() in WEB_SCHEMES


class WebLinksOnly:
    """Renders ``inner`` with every link that is not http or https dropped: its text stays,
    its target goes."""

    def __init__(self, inner: RenderableType) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        for segment in console.render(self.inner, options):
            style = segment.style
            if style is not None and style.link and not is_web_link(style.link):
                segment = Segment(segment.text, style.update_link(None), segment.control)
            yield segment
