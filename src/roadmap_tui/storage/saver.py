"""Saves progress off the caller's thread, in order, retrying after a failure.

The app hands every change to a :class:`Saver`; a background thread applies it to the
:class:`~roadmap_tui.storage.progress.ProgressStore` (which writes the file at once). The
interface never waits for the disk. A failed save (disk full, lock timeout, read-only file) is
reported, kept, and retried; :meth:`Saver.flush` lets a quitting app wait for the last save.
No Textual import: the callback is the app's business.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from roadmap_tui.storage.progress import ProgressError, ProgressStore


@dataclass(frozen=True)
class SaveResult:
    label: str
    ok: bool
    error: str = ""
    value: Any = None
    pending: int = 0  # operations still queued or waiting for a retry


Operation = Callable[[ProgressStore], Any]


class Saver:
    def __init__(
        self,
        store: ProgressStore,
        on_result: Callable[[SaveResult], None],
        *,
        retry_interval: float = 2.0,
    ) -> None:
        self.store = store
        self.on_result = on_result
        self.retry_interval = retry_interval
        self._queue: queue.Queue[tuple[str, Operation] | None] = queue.Queue()
        self._idle = threading.Event()
        self._idle.set()
        self._pending = 0
        self._lock = threading.Lock()
        self._closed = False
        self._stop = threading.Event()
        self.last_error = ""
        self._thread = threading.Thread(target=self._run, name="roadmap-tui-saver", daemon=True)
        self._thread.start()

    @property
    def pending(self) -> int:
        with self._lock:
            return self._pending

    def submit(self, label: str, operation: Operation) -> None:
        with self._lock:
            if self._closed:
                raise RuntimeError("saver is closed")
            self._pending += 1
            self._idle.clear()
        self._queue.put((label, operation))

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            label, attempt = item
            while True:
                fatal = False
                try:
                    value = attempt(self.store)
                    error = ""
                except ProgressError as exc:
                    value, error = None, str(exc)
                except Exception as exc:  # a bug must not kill the save thread
                    value, error, fatal = None, f"{type(exc).__name__}: {exc}", True
                if not error or fatal or self._stop.is_set():
                    break
                # the store keeps the unsaved change in memory: report, wait, save it again
                self.last_error = error
                self._report(SaveResult(label, False, error, pending=self.pending))
                if self._stop.wait(self.retry_interval):
                    break
                attempt = ProgressStore.retry_pending
            self.last_error = error
            with self._lock:
                self._pending -= 1
                pending = self._pending
            self._report(SaveResult(label, not error, error, value=value, pending=pending))
            if pending == 0:
                self._idle.set()

    def _report(self, result: SaveResult) -> None:
        # the callback belongs to the UI; never let it stop saving
        with contextlib.suppress(Exception):
            self.on_result(result)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every submitted change is saved (or has failed). True if all saved."""
        finished = self._idle.wait(timeout)
        return finished and not self.last_error

    def close(self, timeout: float = 10.0) -> bool:
        saved = self.flush(timeout)
        with self._lock:
            self._closed = True
        self._stop.set()
        self._queue.put(None)
        self._thread.join(timeout=1.0)
        return saved
