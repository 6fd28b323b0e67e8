"""Sync the progress file through git: the merge driver's file work, and ``sync --init`` /
``sync`` / ``sync --status`` as git commands.

git runs as a subprocess (never through a shell), with a timeout, no terminal prompt (an
unanswerable password prompt would hang) and standard input closed. Every failure comes back as
a :class:`SyncError` of one line.

The repository holds the progress file; ``.gitattributes`` names it with the ``roadmap-progress``
merge driver (registered in the repository's config), so a merge of two machines' versions runs
``roadmap-tui merge-driver`` instead of git's line merge: no conflict markers, no lost change.
A merge that does not succeed (a conflict in another file, a progress file the driver cannot
read) is aborted, so the working tree and the progress file stay as they were before the merge.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from roadmap_tui.core.merge import merge_documents
from roadmap_tui.core.progress import SCHEMA_VERSION, Document
from roadmap_tui.storage.atomic import atomic_write, wait_for_lock
from roadmap_tui.storage.progress import fileformat

__all__ = [
    "DRIVER",
    "MergeError",
    "SyncError",
    "SyncReport",
    "init",
    "merge_files",
    "status",
    "sync",
]

DRIVER = "roadmap-progress"  # the merge driver's name in .gitattributes and the git config
LOCAL_TIMEOUT = 30.0  # seconds for a git command that stays on this disk
NETWORK_TIMEOUT = 90.0  # seconds for fetch and push
LOCK_TIMEOUT = 10.0  # seconds to wait for a save of the app or a command to finish
REMOTE = "origin"
IGNORED = ("*.lock", ".*.tmp", "*.corrupt-*", "*.ui-state.toml")  # the store's side files


class MergeError(Exception):
    """A file the merge driver cannot merge: ``str()`` is one line naming it."""


class SyncError(Exception):
    """A sync that did not happen (or only in part): one line saying why."""


# ---- the merge driver ---------------------------------------------------------------------


def _read_document(path: Path, name: str) -> Document:
    try:
        doc = fileformat.read_file(path)
    except fileformat.FormatError as e:
        where = name + (f":{e.line}" if e.line else "") + (f":{e.column}" if e.column else "")
        raise MergeError(f"{where}: {e.message}") from None
    if doc.schema > SCHEMA_VERSION:
        raise MergeError(
            f"{name}: written by a newer version of roadmap-tui (schema {doc.schema}); "
            "upgrade roadmap-tui on this machine to merge it"
        )
    return doc


def merge_files(base: Path, ours: Path, theirs: Path, name: str = "") -> None:
    """Merge the progress files ``ours`` and ``theirs`` (both changed from ``base``) into
    ``ours``, replaced atomically. ``name`` is the file's path in the repository (git's %P),
    for messages. MergeError (``ours`` untouched) when one of them cannot be read."""
    label = name or str(ours)
    docs = [
        _read_document(path, f"{label} ({side})")
        for path, side in ((base, "base"), (ours, "ours"), (theirs, "theirs"))
    ]
    merged = merge_documents(*docs)
    try:
        mode = ours.stat().st_mode & 0o777
        atomic_write(ours, fileformat.encode(merged).encode("utf-8"), mode=mode)
    except OSError as e:
        raise MergeError(f"{label}: cannot write the merge: {e.strerror or e}") from None


# ---- running git --------------------------------------------------------------------------


def _one_line(text: str) -> str:
    """git's message in one line: its fatal or error line where it has one."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return "no message"
    for prefix in ("fatal:", "error:", "roadmap-tui merge-driver:", "! ["):
        for line in lines:
            if line.startswith(prefix):
                return line[:300]
    return lines[-1][:300]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["GIT_TERMINAL_PROMPT"] = "0"  # no password prompt that nobody can answer
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    env.setdefault("GIT_MERGE_AUTOEDIT", "no")
    return env


def git(
    repo: Path, *args: str, timeout: float | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run ``git -C repo ARGS``; SyncError when git is missing, times out (``timeout``
    seconds, by default LOCAL_TIMEOUT) or (``check``) fails."""
    if timeout is None:
        timeout = LOCAL_TIMEOUT
    try:
        result = subprocess.run(
            ["git", "-C", str(repo), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            stdin=subprocess.DEVNULL,
            timeout=timeout,
            env=_env(),
            check=False,
        )
    except FileNotFoundError:
        raise SyncError("git is not installed (or not on PATH); install git to sync") from None
    except subprocess.TimeoutExpired:
        raise SyncError(
            f"git {args[0]} timed out after {timeout:g} s (no network, or the remote does "
            "not answer)"
        ) from None
    except OSError as e:
        raise SyncError(f"cannot run git: {e.strerror or e}") from None
    if check and result.returncode != 0:
        raise SyncError(f"git {args[0]} failed: {_one_line(result.stderr + result.stdout)}")
    return result


def _out(repo: Path, *args: str) -> str:
    return git(repo, *args).stdout.strip()


# ---- set up -------------------------------------------------------------------------------


def _toplevel(directory: Path) -> Path | None:
    if not directory.is_dir():
        return None
    result = git(directory, "rev-parse", "--show-toplevel", check=False)
    return Path(result.stdout.strip()) if result.returncode == 0 else None


def _inside(progress: Path, repo: Path) -> str:
    """The progress file's path in the repository (posix), or SyncError."""
    real_progress = Path(os.path.realpath(progress))
    real_repo = Path(os.path.realpath(repo))
    try:
        return real_progress.relative_to(real_repo).as_posix()
    except ValueError:
        raise SyncError(
            f"the progress file {progress} is not inside {repo}; use "
            f"--progress {repo / progress.name} (or ROADMAP_TUI_PROGRESS) with --repo"
        ) from None


def _add_lines(path: Path, lines: list[str]) -> None:
    """Add the lines ``path`` does not hold yet (one per line, order kept)."""
    try:
        old = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as e:
        raise SyncError(f"{path}: cannot read: {getattr(e, 'strerror', None) or e}") from None
    have = set(old.splitlines())
    new = [line for line in lines if line not in have]
    if new:
        text = old + ("\n" if old and not old.endswith("\n") else "") + "\n".join(new) + "\n"
        atomic_write(path, text.encode("utf-8"), mode=0o644)


def _identity(repo: Path) -> list[str]:
    """``-c`` options naming a committer where git has none configured (a new machine)."""
    if git(repo, "config", "user.email", check=False).stdout.strip():
        return []
    host = _host()
    return ["-c", "user.name=roadmap-tui", "-c", f"user.email=roadmap-tui@{host}"]


def _host() -> str:
    return os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "?")


def _branch(repo: Path) -> str:
    result = git(repo, "symbolic-ref", "--short", "-q", "HEAD", check=False)
    if result.returncode != 0:
        raise SyncError(f"{repo}: not on a branch (a detached HEAD); check out a branch first")
    return result.stdout.strip()


def _exists(repo: Path, ref: str) -> bool:
    return git(repo, "rev-parse", "-q", "--verify", ref, check=False).returncode == 0


def _remote_url(repo: Path) -> str | None:
    result = git(repo, "remote", "get-url", REMOTE, check=False)
    return result.stdout.strip() if result.returncode == 0 else None


def init(
    progress: Path, driver: str, repo: Path | None = None, remote: str | None = None
) -> list[str]:
    """Set up syncing of ``progress``: a git repository (``repo``, by default the progress
    file's folder; an existing one is used as it is), the merge driver in its config and
    ``.gitattributes``, side files ignored, a first commit; with ``remote`` (or an ``origin``
    already there) the remote's history is merged in and ours pushed. ``driver`` is the command
    git runs (``... merge-driver %O %A %B %P``). Returns what was done, a line each."""
    repo = Path(repo) if repo is not None else progress.parent
    done: list[str] = []
    try:
        repo.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise SyncError(f"{repo}: cannot create the folder: {e.strerror or e}") from None
    rel = _inside(progress, repo)
    top = _toplevel(repo)
    if top is None or os.path.realpath(top) != os.path.realpath(repo):
        git(repo, "init", "-q")
        done.append(f"created a git repository in {repo}")
    git(repo, "config", f"merge.{DRIVER}.name", "roadmap-tui progress merge")
    git(repo, "config", f"merge.{DRIVER}.driver", driver)
    url = _remote_url(repo)
    if remote is not None:
        if url is None:
            git(repo, "remote", "add", REMOTE, remote)
            done.append(f"remote {REMOTE}: {remote}")
        elif url != remote:
            raise SyncError(
                f"{repo}: remote {REMOTE} is already {url}; change it with "
                f"`git -C {repo} remote set-url {REMOTE} {remote}`"
            )
        url = remote
    branch = None
    if url is not None:
        git(repo, "fetch", "-q", REMOTE, timeout=NETWORK_TIMEOUT)
        if not _exists(repo, "HEAD"):
            # a new repository takes the remote's default branch (main, master, ...)
            head = git(repo, "ls-remote", "--symref", REMOTE, "HEAD", timeout=NETWORK_TIMEOUT)
            for line in head.stdout.splitlines():
                if line.startswith("ref: refs/heads/"):
                    branch = line.split()[1].removeprefix("refs/heads/")
                    git(repo, "symbolic-ref", "HEAD", f"refs/heads/{branch}")
    _add_lines(
        repo / ".gitattributes",
        [
            "/.gitattributes merge=union",
            "/.gitignore merge=union",
            f"/{rel} merge={DRIVER}",
        ],
    )
    _add_lines(repo / ".gitignore", list(IGNORED))
    files = [".gitattributes", ".gitignore"] + ([rel] if progress.exists() else [])
    git(repo, "add", "--", *files)
    if _staged(repo):
        _commit(repo, f"roadmap-tui: sync set up on {_host()}")
        done.append("committed the progress file and the merge settings")
    done.append(f"merge driver {DRIVER} registered for {rel}")
    if url is not None:
        branch = branch or _branch(repo)
        if _remote_has(repo, branch):
            _merge(repo, branch, rel, unrelated=True)
            done.append(f"merged {REMOTE}/{branch}")
        _push(repo, branch)
        done.append(f"pushed to {REMOTE} ({url})")
    return done


def _staged(repo: Path) -> bool:
    return git(repo, "diff", "--cached", "--quiet", check=False).returncode == 1


def _commit(repo: Path, message: str) -> None:
    git(repo, *_identity(repo), "commit", "-q", "-m", message)


def _remote_has(repo: Path, branch: str) -> bool:
    return _exists(repo, f"refs/remotes/{REMOTE}/{branch}")


def _merge(repo: Path, branch: str, rel: str, *, unrelated: bool = False) -> bool:
    """Merge the remote branch; True when it brought anything. A merge that fails is
    aborted (the working tree is as before) and raises SyncError naming the files."""
    before = _out(repo, "rev-parse", "HEAD")
    args = ["merge", "--no-edit", "-q"] + (["--allow-unrelated-histories"] if unrelated else [])
    result = git(repo, *_identity(repo), *args, f"{REMOTE}/{branch}", check=False)
    if result.returncode == 0:
        return _out(repo, "rev-parse", "HEAD") != before
    unmerged = _out(repo, "diff", "--name-only", "--diff-filter=U").splitlines()
    message = _one_line(result.stderr + result.stdout)
    if _exists(repo, "MERGE_HEAD"):
        git(repo, "merge", "--abort", check=False)
    if rel in unmerged:
        raise SyncError(f"the progress file could not be merged: {message}; nothing was merged")
    if unmerged:
        raise SyncError(
            f"conflict in {', '.join(unmerged)} (not a progress file): nothing was merged, your "
            f"progress is committed here; resolve it with `git -C {repo} pull`, then sync again"
        )
    raise SyncError(f"git merge failed: {message}")


def _push(repo: Path, branch: str) -> None:
    git(
        repo,
        "push",
        "-q",
        "--set-upstream",
        REMOTE,
        f"HEAD:refs/heads/{branch}",
        timeout=NETWORK_TIMEOUT,
    )


# ---- sync ---------------------------------------------------------------------------------


@dataclass
class SyncReport:
    """What one sync did."""

    repo: Path
    committed: bool = False
    merged: bool = False
    pushed: bool = False
    remote: str | None = None
    notes: list[str] = field(default_factory=list)


def _repo_of(progress: Path) -> tuple[Path, str]:
    top = _toplevel(progress.parent)
    if top is None or not git(top, "config", f"merge.{DRIVER}.driver", check=False).stdout:
        raise SyncError(
            f"{progress.parent} is not set up for sync; run `roadmap-tui sync --init [REMOTE]`"
        )
    return top, _inside(progress, top)


@contextlib.contextmanager
def _holding(lock: Path) -> Iterator[None]:
    """Hold the progress file's lock (the one every save takes), so that no save of the app
    or a command lands between our commit and our merge."""
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as e:
        raise SyncError(f"{lock}: cannot open the lock file: {e.strerror or e}") from None
    try:
        if not wait_for_lock(fd, LOCK_TIMEOUT):
            raise SyncError(
                f"the progress file is locked by another roadmap-tui (saving, or stuck) "
                f"for over {LOCK_TIMEOUT:g} s; nothing was synced"
            )
        yield
    finally:
        os.close(fd)  # closing releases the lock


def sync(progress: Path, lock: Path, now: datetime, driver: str) -> SyncReport:
    """Commit the progress file (when it changed), merge the remote's (fetched first) and
    push. A sync that stopped half way (a crash, no network at push) is finished by the next
    one: what is committed and not pushed is pushed then. ``driver`` is registered again (the
    command of this installation: roadmap-tui may have moved since the set-up)."""
    repo, rel = _repo_of(progress)
    if _out(repo, "config", f"merge.{DRIVER}.driver") != driver:
        git(repo, "config", f"merge.{DRIVER}.driver", driver)
    report = SyncReport(repo, remote=_remote_url(repo))
    if _exists(repo, "MERGE_HEAD"):
        raise SyncError(f"{repo}: a merge is unfinished; finish it (git status), then sync again")
    branch = _branch(repo)
    if report.remote is not None:
        git(repo, "fetch", "-q", REMOTE, timeout=NETWORK_TIMEOUT)
    with _holding(lock):
        if progress.exists():
            git(repo, "add", "--", rel)
        if _staged(repo):
            stamp = now.strftime("%Y-%m-%d %H:%M UTC")
            _commit(repo, f"progress from {_host()} at {stamp}")
            report.committed = True
        if report.remote is not None and _remote_has(repo, branch):
            report.merged = _merge(repo, branch, rel)
    if report.remote is None:
        report.notes.append("no remote: committed here only (add one with sync --init REMOTE)")
        return report
    if _exists(repo, "HEAD") and _ahead(repo, branch):
        try:
            _push(repo, branch)
        except SyncError:
            # most often someone pushed since our fetch: fetch, merge and push once more
            git(repo, "fetch", "-q", REMOTE, timeout=NETWORK_TIMEOUT)
            with _holding(lock):
                report.merged = _merge(repo, branch, rel) or report.merged
            _push(repo, branch)
        report.pushed = True
    return report


def _ahead(repo: Path, branch: str) -> int:
    if not _remote_has(repo, branch):
        return 1
    return int(_out(repo, "rev-list", "--count", f"{REMOTE}/{branch}..HEAD"))


def status(progress: Path) -> dict[str, object]:
    """Where the repository is, its remote, the last sync commit, and whether the progress
    file has changes not committed yet, and commits not pushed (as of the last fetch)."""
    repo, rel = _repo_of(progress)
    branch = _branch(repo)
    info: dict[str, object] = {
        "repo": str(repo),
        "file": rel,
        "branch": branch,
        "remote": _remote_url(repo),
        "changed": bool(_out(repo, "status", "--porcelain", "--", rel)),
        "last_commit": None,
        "ahead": None,
        "behind": None,
    }
    if _exists(repo, "HEAD"):
        info["last_commit"] = _out(repo, "log", "-1", "--format=%cI %s") or None
        if info["remote"] is not None and _remote_has(repo, branch):
            counts = _out(repo, "rev-list", "--left-right", "--count", f"HEAD...{REMOTE}/{branch}")
            ahead, behind = counts.split()
            info["ahead"], info["behind"] = int(ahead), int(behind)
    return info
