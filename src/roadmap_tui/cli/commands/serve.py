"""`roadmap-tui serve`: the same app in a browser, through textual-serve.

textual-serve runs a web server; each browser tab that connects starts the app as a child
process (``child_command``) whose screen and keys travel over a websocket. The child is the
app exactly as in a terminal, on the same progress file, so every change is saved at once.
textual-serve is an optional extra (``roadmap-tui[serve]``) and is imported only here.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from collections.abc import Sequence

from roadmap_tui.cli.common import Context, UserError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# the addresses only this machine can reach: serving there needs no warning
LOOPBACK = ("127.0.0.1", "localhost", "::1")

MISSING = (
    "serving in a browser needs textual-serve, the optional extra [serve]: install "
    "'.[serve]' instead of '.' (pip install, pipx install --force, uv tool install --reinstall), "
    "or add it with `pipx inject roadmap-tui textual-serve`"
)


def port_arg(value: str) -> int:
    """A TCP port, 1 to 65535 (0 is refused: the page needs to know the port it is served on)."""
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid port {value!r} (a number)") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"invalid port {value!r} (1 to 65535)")
    return port


def child_command(roadmap_option: str | None, progress_option: str | None) -> str:
    """The shell command textual-serve runs for each browser tab: this Python, the app, and
    the --roadmap and --progress given to `serve` (quoted: a path may hold spaces)."""
    parts = [sys.executable, "-c", "from roadmap_tui.cli.commands.serve import app; app()"]
    if roadmap_option:
        parts += ["--roadmap", roadmap_option]
    if progress_option:
        parts += ["--progress", progress_option]
    return shlex.join(parts)


def every_address(host: str) -> bool:
    """0.0.0.0 or :: (however spelt): all of this machine's addresses at once."""
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return host in ("", "0")


def serve(ctx: Context, args: argparse.Namespace) -> int:
    host, port = args.host, args.port
    if every_address(host):
        # the page names the address its tab connects back to, and no browser elsewhere can
        # connect to 0.0.0.0: the tab would stay blank
        raise UserError(
            f"--host {host} listens on every address, but the page must tell the browser one "
            "address to connect back to: give the one it will use, such as this machine's "
            "address on the network (--host 192.168.1.20)"
        )
    try:
        from textual_serve.server import Server
    except ImportError:
        raise UserError(MISSING) from None
    # a broken roadmap is reported here, once, rather than as an app that dies in every tab
    ctx.load_roadmap()
    if host not in LOOPBACK and not host.startswith("127."):
        ctx.out.say(
            f"roadmap-tui: warning: serving on {host}, with no authentication: anyone who can "
            "reach this address can read and change your progress",
            err=True,
        )

    class RoadmapServer(Server):
        async def on_startup(self, app) -> None:
            """Say nothing here: textual-serve's own greeting prints the command (with the
            user's paths) as rich markup, where a path holding "[/]" raises an error."""

    command = child_command(ctx.roadmap_option, ctx.progress_option)
    # the page tells the browser where to connect back: an IPv6 address needs its brackets
    where = f"[{host}]" if ":" in host else host
    server = RoadmapServer(
        command, host=host, port=port, title="roadmap-tui", public_url=f"http://{where}:{port}"
    )
    ctx.out.say(f"roadmap-tui: serving the app on {server.public_url} (ctrl+c stops it)")
    ctx.out.flush()
    try:
        server.serve()
    except OSError as exc:  # the port is taken, the address is not this machine's
        raise UserError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None
    return 0


def app(argv: Sequence[str] | None = None) -> int:
    """The app in a browser tab: what `roadmap-tui` with no command runs, without its check
    for a terminal (textual-serve gives the app pipes, and its web driver talks over them)."""
    from roadmap_tui.tui.launch import launch

    parser = argparse.ArgumentParser(prog="roadmap-tui")
    parser.add_argument("--roadmap")
    parser.add_argument("--progress")
    code = launch(parser.parse_args(sys.argv[1:] if argv is None else argv))
    raise SystemExit(code)
