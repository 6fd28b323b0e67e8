"""MainScreen's search and filters: the search box (mounted on the first `/`), going through
its matches, the filters (f, the m menu), esc to clear them, and what an empty view says."""

from __future__ import annotations

from roadmap_tui.core.session import FILTER_LABEL, Filters
from roadmap_tui.tui.widgets.search_box import SearchBox


class SearchActions:
    """The search and filter actions of MainScreen (its Input.Submitted is handled there)."""

    def search_box(self) -> SearchBox | None:
        return self.search_widget

    async def action_search(self) -> None:
        search = self.search_box()
        if search is None:
            search = SearchBox(
                self.search_for, placeholder="search titles, descriptions, notes…", id="search"
            )
            await self.query_one("#left").mount(search, before=0)
            self.search_widget = search
        search.display = True
        self.set_focus(search)

    def search_for(self, text: str) -> None:
        """Filter the tree for the text of the search box (called as it changes)."""
        if text != self.session.search_text:
            self.session.search_text = text
            self.apply_view()

    def hide_search(self) -> None:
        search = self.search_box()
        if search is not None:
            search.value = ""
            search.display = False

    def action_match(self, direction: int) -> None:
        """> and <: the cursor to the next (or previous) topic the search found, in roadmap
        order from the cursor, wrapping around at the end."""
        if not self.session.search_text.strip():
            self.say("No search: / searches, then > and < go through its matches.")
            return
        if not self.matches:
            self.say("Nothing matches the search.")
            return
        order = {t.id: i for i, t in enumerate(self.roadmap.topics())}
        here = order.get(self.tree.cursor_topic_id or "", -1)
        places = [order[tid] for tid in self.matches]
        if direction > 0:  # the first match after the cursor, else the first of all
            index = next((i for i, p in enumerate(places) if p > here), 0)
        else:  # the last match before the cursor, else the last of all
            index = max((i for i, p in enumerate(places) if p < here), default=len(places) - 1)
        self.tree.reveal(self.matches[index])
        self.tree.focus()
        self.say(f"Match {index + 1} of {len(self.matches)}", timeout=2)

    def action_clear_view(self) -> None:
        """esc: clear the search (and hide its box), else every filter."""
        search = self.search_box()
        cursor = self.tree.cursor_topic_id
        if search is not None and search.display:
            self.session.search_text = ""
            self.hide_search()
        else:
            self.session.clear_filter()
        self.apply_view(cursor=cursor)
        self.tree.focus()

    def empty_message(self) -> str:
        session = self.session
        search = session.search_text.strip()
        filters = session.filters
        what = "No topics"
        hints = []
        if filters.status != "all":
            what += f" {FILTER_LABEL[filters.status]}"
            hints.append("f for the next filter")
        what += "".join(
            words
            for words, on in (
                (f" of kind {filters.kind}", filters.kind),
                (f" at level {filters.level}", filters.level),
                (f" in {self.title_of(filters.section)}", filters.section),
                (" with a note", filters.has_note),
            )
            if on
        )
        if filters != Filters(status=filters.status):  # a filter besides the status one
            hints.append("m for the filter menu")
        if search:
            what += f" match “{search}”"
            hints.append("esc clears the search")
        elif filters.on:
            hints.append("esc for all")
        if session.focus_mode:
            what += " among the essentials"
            hints.append("F for every topic")
        return f"{what}: {', '.join(hints)}"

    def action_cycle_filter(self, direction: int = 1) -> None:
        """f: the next status filter (the palette's "Previous status filter": back one)."""
        self.session.cycle_filter(direction)
        self.apply_view()

    def action_clear_filter(self) -> None:
        self.session.clear_filter()
        self.apply_view()

    def action_filter_menu(self) -> None:
        """m: pick a filter (status, kind, level, section, has a note) from a menu; each
        combines with the others and with the search."""
        from roadmap_tui.tui.screens.filters import FilterScreen

        def chosen(choice: str | None) -> None:
            if choice:
                self.session.choose_filter(choice)
                self.apply_view()

        self.app.push_screen(FilterScreen(self.session), chosen)
