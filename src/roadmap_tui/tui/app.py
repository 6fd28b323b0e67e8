"""RoadmapApp: wiring. The store and the view state, the screens, the theme, quitting."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from roadmap_tui.core.config import Settings
from roadmap_tui.core.roadmap import Roadmap
from roadmap_tui.core.textsafe import clean
from roadmap_tui.storage.progress import ProgressError, ProgressStore
from roadmap_tui.storage.saver import Saver
from roadmap_tui.storage.uistate import ViewState, load_state, save_state
from roadmap_tui.tui.commands import RoadmapCommands
from roadmap_tui.tui.screens.main import MainScreen


class RoadmapApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "roadmap-tui"
    COMMANDS = App.COMMANDS | {RoadmapCommands}
    BINDINGS = [Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="app.quit")]

    def __init__(
        self,
        roadmap: Roadmap,
        store: ProgressStore,
        *,
        state_path: Path | None = None,
        load_error: ProgressError | None = None,
        poll_interval: float = 1.0,  # seconds between looks at the progress file on disk
        roadmap_path: Path | None = None,
        today=None,
        retry_interval: float = 2.0,
        notice: str = "",
        settings: Settings | None = None,
        welcome: bool = False,
        show_today: bool = False,
    ) -> None:
        self.settings = settings if settings is not None else Settings()
        super().__init__()
        self.roadmap = roadmap
        self.store = store
        self.state_path = state_path
        self.load_error = load_error
        self.poll_interval = poll_interval
        self.roadmap_path = roadmap_path or roadmap.path
        self.today = today  # a fixed date for the statistics (tests); None = the real today
        self.retry_interval = retry_interval
        self.force_quit = False
        self.notice = notice  # said at start: the roadmap used is not the one last opened
        # show the first-run welcome if the view state says it was not seen (launch asks for
        # it; tests and benchmarks that build the app themselves do not)
        self.welcome = welcome
        # Today shows on its own at start when something is due (at most once a day)
        self.show_today = show_today
        self.view_state = self.read_view_state(roadmap)
        self.config_warnings = [str(w) for w in self.settings.warnings]
        # a theme set in config.toml is used at every start; else the one chosen last time
        theme = self.settings.theme or self.view_state.theme
        if self.settings.theme and self.settings.theme not in self.available_themes:
            unknown = f"unknown theme {self.settings.theme!r} (the palette lists them)"
            self.config_warnings.append(
                str(self.settings.warning("theme", f"{unknown}; using the default"))
            )
            theme = self.view_state.theme
        self.theme = theme if theme and theme in self.available_themes else "textual-dark"
        if self.settings.keymap:
            self.apply_keymap()

    def apply_keymap(self) -> None:
        """Give the bindings the keys of config.toml's [keymap] (Textual's keymap)."""
        from roadmap_tui.tui import keymap

        valid, problems = keymap.checked(self.settings.keymap, keymap.bindings())
        self.config_warnings += [
            str(self.settings.warning(f"keymap.{binding_id}", message))
            for binding_id, message in problems
        ]
        self.set_keymap(valid)

    def read_view_state(self, roadmap: Roadmap) -> ViewState:
        return load_state(self.state_path, roadmap.id) if self.state_path else ViewState()

    def main_screen(self) -> MainScreen | None:
        mains = [screen for screen in self.screen_stack if isinstance(screen, MainScreen)]
        return mains[-1] if mains else None

    @property
    def saver(self) -> Saver | None:
        screen = self.main_screen()
        return screen.saves.saver if screen is not None else None

    def why_no_browser(self) -> str | None:
        """Why a link opened now would reach no browser (None: it would)."""
        from roadmap_tui.tui.browser import why_no_browser

        return why_no_browser()

    def say(self, message: str, **kwargs) -> None:
        """A notification whose text is shown as text: no markup, no control characters."""
        self.notify(clean(message), markup=False, **kwargs)

    # ------------------------------------------------------------------ start-up

    def on_mount(self) -> None:
        self.handle_signals()
        for warning in self.config_warnings:
            self.say(f"Config: {warning}", severity="warning", timeout=15)
        if self.notice:
            self.say(self.notice.capitalize(), severity="warning", timeout=10)
        if self.load_error is not None:
            collector_on()
            self.show_load_error(str(self.load_error))
            return
        # after the app's start-up batch: Textual drops the frames drawn inside it, and the
        # main screen's first frame would reach the terminal only with the next one
        self.call_later(self.start_main)

    def show_load_error(self, message: str) -> None:
        from roadmap_tui.tui.screens.dialogs import ProgressErrorScreen

        self.push_screen(ProgressErrorScreen(message, str(self.store.path)), self.after_error)

    def after_error(self, choice: str | None) -> None:
        if choice != "fresh":
            self.exit(1)
            return
        try:
            moved = self.store.move_aside()
            self.store.load()
        except (ProgressError, OSError) as exc:
            self.say(f"Could not move the file aside: {exc}", severity="error", timeout=10)
            self.show_load_error(str(exc))
            return
        self.load_error = None
        self.say(f"Moved the unreadable file to {moved}. Starting fresh.", timeout=8)
        self.start_main()

    def new_main_screen(self) -> MainScreen:
        return MainScreen(
            self.roadmap,
            self.store,
            self.view_state,
            poll_interval=self.poll_interval,
            retry_interval=self.retry_interval,
        )

    def start_main(self) -> None:
        self.push_screen(self.new_main_screen())
        if self.welcome and not self.view_state.welcomed:
            from roadmap_tui.tui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(), self.welcomed)
        if self.notice:
            self.say(self.notice, severity="warning", timeout=10)
            self.notice = ""
        self.call_after_refresh(collector_on)
        self.call_after_refresh(self.mention_conflict_copies)

    def mention_conflict_copies(self) -> None:
        """Say so when sync-conflict copies lie beside the progress file (never merged alone)."""
        import shlex

        from roadmap_tui.storage import paths
        from roadmap_tui.storage.conflicts import conflict_copies

        copies = conflict_copies(self.store.path)
        if not copies:
            return
        command = "roadmap-tui"
        if self.store.path != paths.progress_path():
            command += f" --progress {shlex.quote(str(self.store.path))}"
        if len(copies) == 1:
            head = "A sync-conflict copy of your progress file is beside it, not merged"
        else:
            head = f"{len(copies)} sync-conflict copies of your progress file are beside it"
        self.say(
            f"{head}: {', '.join(copy.name for copy in copies)}. Merge with "
            f"`{command} import {shlex.quote(str(copies[0]))}`.",
            severity="warning",
            timeout=20,
        )

    def welcomed(self, _result: None = None) -> None:
        """The welcome was closed: remember it at once (it is shown once)."""
        self.view_state.welcomed = True
        self.save_view_state()

    # ------------------------------------------------------------------ another roadmap

    def switch_roadmap(self, path: Path) -> None:
        """Open another roadmap over the same progress file (progress is kept per roadmap id)."""
        from roadmap_tui.core.roadmap import RoadmapError
        from roadmap_tui.storage.roadmaps import load

        try:
            roadmap = load(path)
        except RoadmapError as exc:
            self.say(f"Cannot open that roadmap:\n{exc}", severity="error", timeout=10)
            return
        store = ProgressStore(self.store.path, roadmap.id, renamed=roadmap.renamed)
        try:
            store.load()
        except ProgressError as exc:
            self.say(f"Cannot read progress: {exc}", severity="error", timeout=10)
            return
        if not self.finish_and_flush():
            self.say("The last change could not be saved; staying here.", severity="error")
            return
        screen = self.main_screen()
        if screen is not None:
            screen.saves.close()
        self.roadmap, self.store, self.roadmap_path = roadmap, store, Path(path)
        self.view_state = self.read_view_state(roadmap)
        self.switch_screen(self.new_main_screen())
        self.say(f"Roadmap: {roadmap.title}", timeout=3)

    # ------------------------------------------------------------------ quitting

    def finish_and_flush(self, wait: bool = True) -> bool:
        """Keep the note being edited, wait (``wait``) up to 5 s for the saves, and save the
        view state: whether every change is on disk. The progress goes before the view state,
        which is only a cache (it never fails: its errors are ignored)."""
        screen = self.main_screen()
        saved = True
        if screen is not None:
            screen.finish_editing()
            if wait:
                saved = screen.saves.flush(timeout=5.0)
            else:
                screen.saves.hand_on()
        self.save_view_state()
        return saved

    def save_view_state(self) -> None:
        screen = self.main_screen()
        if screen is None or self.state_path is None:
            return
        self.view_state = screen.view_state_now(self.theme, str(self.roadmap_path or ""))
        save_state(self.state_path, self.roadmap.id, self.view_state)

    def handle_signals(self) -> None:
        """SIGHUP (the terminal closed) and SIGTERM save the note being typed and wait for the
        last save before the app exits (by default they end the process at once)."""
        loop = asyncio.get_running_loop()
        for signum in (getattr(signal, "SIGHUP", None), signal.SIGTERM):
            if signum is not None:
                # not on Windows, nor in a thread other than the main one
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(signum, self.exit_on_signal, signum)

    def exit_on_signal(self, signum: int) -> None:
        saved = self.finish_and_flush()
        if signum == getattr(signal, "SIGHUP", None):
            # the terminal is gone: there is nothing to restore, and Textual's shutdown would
            # wait forever for its writes to it; everything is on disk, so end by the signal
            # itself, as the process would have without this handler
            asyncio.get_running_loop().remove_signal_handler(signum)
            os.kill(os.getpid(), signum)
        self.exit(0 if saved else 1)

    async def action_quit(self) -> None:
        if not self.finish_and_flush(wait=not self.force_quit):
            from roadmap_tui.tui.screens.dialogs import QuitAnywayScreen

            def answer(quit_anyway: bool | None) -> None:
                if quit_anyway:
                    self.force_quit = True
                    self.exit(0)

            saver = self.saver
            reason = (saver and saver.last_error) or "the last save did not finish"
            self.push_screen(QuitAnywayScreen(reason), answer)
            return
        self.exit(0)


def collector_on() -> None:
    """The garbage collector back on, once the first screen is up (``launch`` turns it off
    first). What start-up built (the model, Textual, the widgets) lives as long as the app, so
    it is frozen first: out of the collector's full passes, which would otherwise walk all of
    it again and again while keys are held."""
    gc.freeze()
    gc.enable()
