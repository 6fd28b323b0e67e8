"""The plain commands never import Textual, and import rich only when their output is styled."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.cli_helpers import prepare_args

pytestmark = pytest.mark.usefixtures("isolated_env")


HYGIENE = """\
import sys
from roadmap_tui.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print("\\nRICH=" + str("rich" in sys.modules))
print("TEXTUAL-MODULES=" + ",".join(loaded))
sys.exit(code)
"""

# commands whose output is styled: printed through rich, which decides whether styles can show
# (a terminal, FORCE_COLOR); the others (JSON, one-line messages, exports) never import it
STYLED = {("status",), ("list",), ("next",), ("show", "http")}


@pytest.mark.parametrize("colour", ["piped", "FORCE_COLOR=1"])
@pytest.mark.parametrize(
    "args",
    [
        ("status",),
        ("status", "--json"),
        ("list",),
        ("list", "--json"),
        ("show", "http"),
        ("mark", "http", "done"),
        ("mark", "http", "done", "-r"),
        ("note", "http", "hi"),
        ("reset", "http"),
        ("next",),
        ("export",),
        ("export", "--format", "json"),
        ("import", "<export>"),
        ("validate",),
        ("where",),
    ],
    ids=" ".join,
)
def test_plain_commands_never_import_textual_and_rich_only_when_styled(
    roadmap_file, progress_file, tmp_path, args, colour
):
    real, _ = prepare_args(args, tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    if colour != "piped":
        env["FORCE_COLOR"] = "1"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            HYGIENE,
            "--roadmap",
            str(roadmap_file),
            "--progress",
            str(progress_file),
            *real,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    *output, rich_marker, marker = result.stdout.strip().splitlines()
    assert marker == "TEXTUAL-MODULES=", marker
    assert rich_marker == f"RICH={args in STYLED}"
    # styles reach the output exactly when they can show
    assert ("\x1b[" in "\n".join(output)) == (args in STYLED and colour != "piped")
