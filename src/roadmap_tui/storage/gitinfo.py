"""What a local link to the learner's work is: a git repository's commit count and last commit
date, or why there is none. Runs ``git`` (local commands only: no network) with a timeout;
never raises for a missing path, a directory that is not a repository, no git or a hung git.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from datetime import datetime

from roadmap_tui.core.practice import RepoInfo

__all__ = ["GIT_TIMEOUT", "repo_info"]

GIT_TIMEOUT = 3.0  # seconds for each git command


def repo_info(path: str, *, timeout: float | None = None) -> RepoInfo:
    """The state of the repository at ``path`` (see :class:`RepoInfo`); each git command may
    take ``timeout`` seconds (default GIT_TIMEOUT)."""
    if timeout is None:
        timeout = GIT_TIMEOUT
    if not os.path.exists(path):
        return RepoInfo("missing")
    if not os.path.isdir(path):
        return RepoInfo("not-a-dir")
    git = shutil.which("git")
    if git is None:
        return RepoInfo("no-git")
    code, out, err = _run(git, path, ["rev-list", "--count", "HEAD"], timeout)
    if code is None:
        return RepoInfo("error", detail=f"git did not answer within {timeout:g} s")
    if code != 0:
        if "not a git repository" in err:
            return RepoInfo("not-a-repo")
        # a repository whose HEAD names no commit yet: git rev-parse finds the repository
        check, _, _ = _run(git, path, ["rev-parse", "--git-dir"], timeout)
        if check == 0 and ("HEAD" in err or "unknown revision" in err):
            return RepoInfo("empty")
        return RepoInfo("error", detail=_first_line(err) or f"git failed (exit code {code})")
    try:
        commits = int(out.strip())
    except ValueError:
        return RepoInfo("error", detail=f"unexpected answer from git: {_first_line(out)!r}")
    code, out, err = _run(git, path, ["log", "-1", "--format=%cI", "HEAD"], timeout)
    if code is None:
        return RepoInfo("error", detail=f"git did not answer within {timeout:g} s")
    try:
        last = datetime.fromisoformat(out.strip()) if code == 0 else None
    except ValueError:
        last = None
    return RepoInfo("repo", commits, last)


def _run(git: str, path: str, args: list[str], timeout: float) -> tuple[int | None, str, str]:
    """Run ``git -C path args``: (exit code, stdout, stderr); exit code None when it timed out
    (then git and whatever it started are killed: it runs in a process group of its own)."""
    env = {
        **os.environ,
        "GIT_TERMINAL_PROMPT": "0",  # never ask for anything
        "GIT_OPTIONAL_LOCKS": "0",  # a look, not a change: take no lock in the repository
        "LC_ALL": "C",  # messages in English, to tell "not a git repository" apart
    }
    # settings of the repository that would run a program of its own are turned off: a
    # repository's config is not trusted (an fsmonitor hook, gpg checking a signature)
    safe = ["-c", "core.fsmonitor=false", "-c", "log.showSignature=false"]
    command = [git, *safe, "-C", path, *args]
    try:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            errors="replace",
            start_new_session=True,
        )
    except OSError as exc:
        return 1, "", exc.strerror or str(exc)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(OSError):  # it ended meanwhile
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return None, "", ""
    return proc.returncode, out, err


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    line = lines[0] if lines else ""
    return line.removeprefix("fatal: ")[:200]
