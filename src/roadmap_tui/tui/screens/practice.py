"""Practice evidence in the app: the main screen's actions for it (a mixin:
:class:`PracticeActions`); the dialogs are in ``practice_dialogs``."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from roadmap_tui.core.practice import (
    RepoInfo,
    checklist,
    checklist_state,
    describe_repo,
    is_url,
)
from roadmap_tui.tui.widgets.practice import PaneWork, WorkLinks

if TYPE_CHECKING:
    from roadmap_tui.core.roadmap import Topic


class PracticeActions:
    """The main screen's practice actions: link your work (L), remove a link, open one, tick
    a project's checklist (x); and what the detail pane shows of them. What git says of a
    local repository is found by a worker thread, once per path for the session."""

    def practice_work(self, topic: Topic) -> PaneWork | None:
        """The detail pane's practice part for ``topic`` (None for a section)."""
        if topic.is_section:
            return None
        practice = self.store.practice_of(topic.id)
        links = []
        for link in practice.links:
            if is_url(link):
                links.append((link, ""))
                continue
            if link not in self.repo_infos:
                self.look_at_repo(link)
            links.append((link, describe_repo(self.repo_infos.get(link))))
        items = checklist_state(checklist(topic.description), practice)
        return PaneWork(tuple(links), tuple((item.text, done) for item, done in items))

    def look_at_repo(self, path: str) -> None:
        """Ask git about ``path`` in a thread (git can be slow or hang: never the UI)."""
        from roadmap_tui.storage.gitinfo import repo_info

        self.repo_infos[path] = None

        def work() -> None:
            info = repo_info(path)
            # the app may have quit meanwhile (git is given seconds): then nobody is told
            with contextlib.suppress(RuntimeError):
                self.app.call_from_thread(self.repo_seen, path, info)

        self.run_worker(work, thread=True, group="git", exit_on_error=False)

    def repo_seen(self, path: str, info: RepoInfo) -> None:
        self.repo_infos[path] = info
        topic = self.cursor_topic()
        if topic is not None and path in self.store.practice_of(topic.id).links:
            self.show_detail(topic.id)

    def practice_topic(self) -> Topic | None:
        return self.picked_topic("Pick a topic first: sections have no links or checklist.")

    def save_practice(self, topic: Topic, action) -> None:
        self.save_topics("practice", [topic.id], action)

    def action_link_work(self) -> None:
        """Link the highlighted topic to the learner's work (a dialog asks for it)."""
        from roadmap_tui.tui.screens.practice_dialogs import LinkWorkScreen

        topic = self.practice_topic()
        if topic is None:
            return

        def given(link: str | None) -> None:
            if link is None:
                return
            if link in self.store.practice_of(topic.id).links:
                self.say(f"Already linked: {link}", timeout=3)
                return
            self.save_practice(topic, lambda store: store.link(topic.id, [link]))
            self.say(f"Linked {link}", timeout=3)

        self.app.push_screen(LinkWorkScreen(f"Link your work on {topic.title}"), given)

    def action_unlink(self, link: str) -> None:
        topic = self.practice_topic()
        if topic is None:
            return
        self.save_practice(topic, lambda store: store.link(topic.id, [link], remove=True))
        self.say(f"Removed the link {link}", timeout=3)

    # handlers by name (``on`` decorators are not seen in a mixin)
    def on_work_links_opened(self, event: WorkLinks.Opened) -> None:
        """A URL opens like a resource; a path is copied (to open it in a terminal)."""
        if is_url(event.link):
            self.open_safe_url(event.link)
            return
        self.app.copy_to_clipboard(event.link)
        info = describe_repo(self.repo_infos.get(event.link))
        self.say(f"{event.link}\n{info}\n(path copied)", timeout=5)

    def on_work_links_removed(self, event: WorkLinks.Removed) -> None:
        self.action_unlink(event.link)

    def action_checklist(self) -> None:
        """Tick the highlighted project's checklist (a dialog lists its items)."""
        from roadmap_tui.tui.screens.practice_dialogs import ChecklistScreen

        topic = self.practice_topic()
        if topic is None:
            return
        items = checklist(topic.description)
        if not items:
            self.say(
                f'{topic.title} has no checklist: only a description with an "It must '
                'include:" list has one (the projects).',
                severity="warning",
            )
            return
        state = checklist_state(items, self.store.practice_of(topic.id))
        rows = [(item.key, item.text, done) for item, done in state]
        ticked = {item.key for item, done in state if done}

        def toggled(key: str, tick: bool) -> None:
            if tick:
                ticked.add(key)
            else:
                ticked.discard(key)
            self.save_practice(topic, lambda store: store.check(topic.id, [key], remove=not tick))
            if tick and len(ticked) == len(items) and self.session.status_of(topic.id) != "done":
                self.say(
                    f"Every item of {topic.title} is ticked: when it is finished, "
                    "mark it done (space).",
                    timeout=6,
                )

        heading = f"{topic.title}: it must include"
        self.app.push_screen(ChecklistScreen(heading, rows, toggled))
