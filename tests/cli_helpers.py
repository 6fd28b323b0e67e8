"""What the command-line tests share: the tiny roadmap's topics, reading the saved progress,
checking a result, and the progress files and exports several of them use.

Every test keeps its progress (and roadmap) in tmp_path, with --progress / --roadmap (before or
after the command) or $ROADMAP_TUI_PROGRESS / $ROADMAP_TUI_ROADMAP; HOME and the XDG dirs point
into tmp_path too (the ``isolated_env`` fixture), so the real user's files are never touched.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

# the topics of the tiny roadmap (tests/conftest.py), in roadmap order
ORDER = [
    "basics/extras",
    "basics/dns",
    "basics/http",
    "basics/http/methods",
    "basics/intro",
    "apis/intro",
    "apis/rest",
]
TITLES = {
    "basics/extras": "Extras",
    "basics/dns": "DNS",
    "basics/http": "HTTP",
    "basics/http/methods": "Methods",
    "basics/intro": "Introduction",
    "apis/intro": "Introduction",
    "apis/rest": "REST",
}


def saved(progress: Path, roadmap_id: str = "mini") -> dict[str, dict]:
    """The topics table of the progress file as saved on disk ({} when there is no file)."""
    if not progress.exists():
        return {}
    data = tomllib.loads(progress.read_text(encoding="utf-8"))
    return data.get("roadmaps", {}).get(roadmap_id, {}).get("topics", {})


def saved_status(progress: Path, topic_id: str) -> str:
    return saved(progress).get(topic_id, {}).get("status", "todo")


def saved_note(progress: Path, topic_id: str) -> str:
    return saved(progress).get(topic_id, {}).get("note", "")


def ok(result) -> tuple[str, str]:
    code, out, err = result
    assert code == 0, f"exit {code}\nstdout:\n{out}\nstderr:\n{err}"
    assert "Traceback" not in err
    return out, err


def fails(result, code: int = 1) -> str:
    """Assert a clean failure with ``code``; returns stderr."""
    got, out, err = result
    assert got == code, f"exit {got}\nstdout:\n{out}\nstderr:\n{err}"
    assert "Traceback" not in err and "Traceback" not in out
    assert err.strip(), "an error must say what is wrong"
    return err


def next_id(out: str) -> str:
    """The topic id that `next` printed on its first line: "Title  (id)"."""
    first = out.strip().splitlines()[0]
    match = re.search(r"\(([a-z0-9/-]+)\)\s*$", first)
    assert match, first
    return match.group(1)


def list_json(cli) -> list[dict]:
    out, _ = ok(cli("list", "--json"))
    return json.loads(out)


def listed(cmd, *args) -> list[str]:
    code, out, err = cmd("list", "--json", *args)
    assert code == 0, err
    return [record["id"] for record in json.loads(out)]


OLD = "2000-01-01T00:00:00Z"
NEW = "2999-01-01T00:00:00Z"

CORRUPT = {
    # (content, line the message must name)
    "toml syntax": (b'schema = 1\n[roadmaps.mini.topics."basics/http"]\nstatus = "done\n', 3),
    "wrong shape": (b'schema = 1\n[roadmaps.mini.topics."basics/http"]\nstatus = "finished"\n', 3),
    "not utf-8": (
        b'schema = 1\n[roadmaps.mini.topics."basics/http"]\nstatus = "done"\nnote = "\xff"\n',
        4,
    ),
}

VALID_EXPORT = json.dumps(
    {
        "format": "roadmap-tui-export",
        "version": 1,
        "roadmap": {"id": "mini", "title": "Mini roadmap"},
        "topics": [{"id": "basics/dns", "status": "done", "changed": NEW}],
    }
)


def prepare_args(args: tuple[str, ...], tmp_path: Path) -> tuple[list[str], str | None]:
    """``args`` with ``<out>`` and ``<export>`` made real paths in tmp_path (a valid export is
    written there), and the standard input ``<stdin>`` asks for (or None)."""
    export = tmp_path / "valid-export.json"
    export.write_text(VALID_EXPORT, encoding="utf-8")
    stdin = None
    real: list[str] = []
    for arg in args:
        if arg == "<stdin>":
            stdin = "a note from stdin\n"
        elif arg == "<out>":
            real.append(str(tmp_path / "out.md"))
        elif arg == "<export>":
            real.append(str(export))
        else:
            real.append(arg)
    return real, stdin


def export_setup(cli) -> None:
    """Some progress to export: done, a part done, skipped, in progress and a note."""
    ok(cli("mark", "http", "done"))
    ok(cli("mark", "methods", "done"))
    ok(cli("mark", "extras", "skipped"))
    ok(cli("mark", "dns", "in-progress"))
    ok(cli("note", "http", "line one\nline two"))
