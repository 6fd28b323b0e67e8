"""The roadmap as a collapsible tree. Children are built lazily, when a branch first expands."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import zip_longest

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from roadmap_tui.core.roadmap import Roadmap, Topic
from roadmap_tui.core.symbols import GLYPHS
from roadmap_tui.core.textsafe import clean

# where a branch has its ▶/▼, a leaf has blanks: every status glyph of a level in one column
LEAF_PAD = "  "
GUIDE_WIDTH = 3  # cells of tree guide per level below a section ("├─ "): guide_depth below
KIND_TAG = {"core": "", "recommended": " rec", "alternative": " alt", "optional": " opt"}


class RoadmapTree(Tree[str]):
    """A Tree whose node data is a topic id. Labels show status, kind and branch counts.

    Their colours are the theme's, through component classes (app.tcss): rich's fixed colours
    and ``dim`` fall below readable contrast on light themes (tests/tui/test_contrast.py)."""

    COMPONENT_CLASSES = {
        "roadmap-tree--muted",  # counts, kind tags, the note marker
        "roadmap-tree--not-chosen",  # a whole row a pick-one choice left out
        "roadmap-tree--choose",  # "choose 1 of 9": a choice still to make
        "roadmap-tree--complete",  # the counts of a finished branch
        "roadmap-tree--relearn",
        "roadmap-tree--todo",
        "roadmap-tree--in-progress",
        "roadmap-tree--done",
        "roadmap-tree--skipped",
        "roadmap-tree--highlight",  # the searched words in a title
    }

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="tree.down"),
        Binding("k", "cursor_up", "Up", show=False, id="tree.up"),
        Binding("h,left", "collapse_or_parent", "Collapse", show=False, id="tree.collapse"),
        Binding("l,right", "expand_or_child", "Expand", show=False, id="tree.expand"),
        Binding("g,home", "scroll_home", "Top", show=False, id="tree.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="tree.bottom"),
        Binding("enter", "select_cursor", "Expand", show=False, id="tree.toggle"),
        # space belongs to the screen (toggle done), not to expand/collapse
        Binding("space", "screen.toggle_done", "Done", show=True, id="tree.toggle_done"),
    ]

    def __init__(
        self,
        roadmap: Roadmap,
        status_of: Callable[[str], str],
        counts_of: Callable[[str], tuple[int, int]],
        *,
        choice_tag: Callable[[str], tuple[str, bool] | None] | None = None,
        id: str | None = None,
        has_note: Callable[[str], bool] | None = None,
        relearn: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__(Text(clean(roadmap.title)), data=roadmap.id, id=id)
        self.roadmap = roadmap
        self.status_of = status_of
        self.counts_of = counts_of
        # (tag, dimmed) after a topic a pick-one choice left out ("not chosen") or a choice
        # still to make ("choose 1 of 10")
        self.choice_tag = choice_tag or (lambda topic_id: None)
        self.has_note = has_note  # a topic with a note gets a ✎ after its title
        self.relearn = relearn  # a topic that needs relearning gets a ↺ after its title
        self.show_root = False
        self.guide_depth = GUIDE_WIDTH
        self.auto_expand = True
        self.shown_ids: set[str] | None = None  # None: everything; else ids to show
        self.nodes_by_id: dict[str, TreeNode[str]] = {}
        self._built: set[str] = set()
        # the casefolded words of the search, highlighted in the titles they occur in
        self.search_words: tuple[str, ...] = ()
        self._labelled_words: tuple[str, ...] = ()  # the words the built labels highlight
        self._styles: dict[str, Style] = {}  # component class -> its style in this theme
        self._needed: int | None = None  # see needed_width()

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme) -> None:
        self._styles = {}
        self.refresh_all_labels()

    def _style(self, name: str) -> Style:
        """The style of a component class (``roadmap-tree--NAME``) in the current theme."""
        if not self.is_mounted:  # no styles yet (a tree built to compare labels): no colour
            return Style()
        style = self._styles.get(name)
        if style is None:
            # the full style resolves a colour such as "auto 60%" against the tree's
            # background; of it only the colour and the text style are kept, so that the
            # cursor's and the hover's backgrounds still show
            full = self.get_component_rich_style(f"roadmap-tree--{name}")
            style = self._styles[name] = Style(
                color=full.color, bold=full.bold, italic=full.italic, underline=full.underline
            )
        return style

    # -------------------------------------------------------------------- building

    def label_for(self, topic: Topic) -> Text:
        label = Text(no_wrap=True, overflow="ellipsis")
        tag = self.choice_tag(topic.id)
        dimmed = tag is not None and tag[1]
        # a row that counts nowhere is drawn in one muted style: no colour of its own
        muted = self._style("not-chosen" if dimmed else "muted")
        if topic.is_section:
            label.append(clean(topic.title), "bold")
            self._highlight(label, 0)
        else:
            status = self.status_of(topic.id)
            label.append(GLYPHS[status] + " ", muted if dimmed else self._style(status))
            style = "bold" if topic.kind == "core" else ""
            if status == "skipped":
                style += " strike"
            start = len(label)
            label.append(clean(topic.title), muted if dimmed or status == "skipped" else "")
            if style:
                label.stylize(style.strip(), start)
            self._highlight(label, start)
            kind = KIND_TAG[topic.kind]
            if kind:
                label.append(kind, muted + Style(italic=True))
            if self.has_note is not None and self.has_note(topic.id):
                label.append(" ✎", muted)
            if self.relearn is not None and self.relearn(topic.id):
                label.append(" ↺", self._style("relearn"))
        if tag is not None:
            text, _ = tag
            label.append(
                f"  {text}", muted + Style(italic=True) if dimmed else self._style("choose")
            )
            if dimmed:
                label.stylize(muted)  # the whole line: it counts nowhere
            return label  # a choice still to make: the tag says what its count would
        if topic.children:
            complete, total = self.counts_of(topic.id)
            if not total:  # nothing under it counts (an option of a choice still to make)
                return label
            style = self._style("complete") if complete == total else muted
            label.append(f"  {complete}/{total}", style)
        return label

    def _highlight(self, label: Text, start: int) -> None:
        """Stylize every occurrence of a search word in the title that ends ``label`` from
        ``start`` (case-insensitive; a title whose casefolded form changes length, such as
        one with "ß", is searched lower-cased instead so that the offsets stay its own)."""
        if not self.search_words:
            return
        title = label.plain[start:]
        folded = title.casefold()
        if len(folded) != len(title):
            folded = title.lower()
        highlight = self._style("highlight")
        for word in self.search_words:
            at = folded.find(word)
            while at >= 0 and word:
                label.stylize(highlight, start + at, start + at + len(word))
                at = folded.find(word, at + len(word))

    def _shown(self, topic: Topic) -> bool:
        return self.shown_ids is None or topic.id in self.shown_ids

    def _add(self, parent: TreeNode[str], topic: Topic, opened: bool = False) -> TreeNode[str]:
        """Add a node for ``topic``; ``opened``: with everything shown under it, every branch
        added open (not expanded after, which would post a Tree.NodeExpanded for each)."""
        has_children = any(self._shown(c) for c in topic.children)
        opened = opened and has_children
        label = self.label_for(topic)
        node = parent.add(label, data=topic.id, allow_expand=has_children, expand=opened)
        self.nodes_by_id[topic.id] = node
        if opened:
            self._built.add(topic.id)
            for child in topic.children:
                if self._shown(child):
                    self._add(node, child, opened=True)
        return node

    def rebuild(self, expanded: Iterable[str] = (), expand_all: bool = False) -> None:
        """Build the top level (and the expanded branches) from the model."""
        self.clear()
        self.nodes_by_id = {}
        self._built = set()
        self._labelled_words = self.search_words
        for section in self.roadmap.sections:
            if self._shown(section):
                self._add(self.root, section, opened=expand_all)
        if expand_all:
            return
        want = set(expanded)
        for topic_id in sorted(want, key=lambda tid: self._depth(tid)):
            node = self.nodes_by_id.get(topic_id)
            if node is not None:
                self.ensure_children(node)
                node.expand()

    def show_only(
        self,
        shown_ids: set[str] | None,
        expanded: Iterable[str] = (),
        expand_all: bool = False,
        cursor: str | None = None,
    ) -> None:
        """Show only ``shown_ids`` (None: everything), as :meth:`rebuild` would, followed by
        ``reveal(cursor)``, but leave the tree alone when that would build the very nodes it
        already has: a rebuild makes the Tree lay out and render every visible line again, and
        while a search is typed the result often stays the same from one key to the next."""
        want = self._expansion_plan(shown_ids, expanded, expand_all, cursor)
        self.shown_ids = shown_ids
        if all(a == b for a, b in zip_longest(self._built_shape(), self._planned_shape(want))):
            if self.search_words != self._labelled_words:
                self.refresh_all_labels()  # the same nodes, other words to highlight
            return
        self.rebuild(expanded, expand_all=expand_all)

    def _expansion_plan(
        self,
        shown_ids: set[str] | None,
        expanded: Iterable[str],
        expand_all: bool,
        cursor: str | None,
    ) -> set[str] | None:
        """The ids that rebuild() and then reveal(cursor) expand with these settings (None:
        every branch with something shown under it)."""
        if expand_all:
            return None
        want = set(expanded)
        if cursor is not None and cursor in self.roadmap:
            for tid in self.roadmap.ancestor_ids(cursor):
                if shown_ids is not None and tid not in shown_ids:
                    break
                want.add(tid)
        return want

    def _built_shape(self) -> Iterator[tuple[str | None, int, bool, bool, bool]]:
        """(id, depth, expandable, expanded, built) of every node the tree holds, depth first."""
        built = self._built
        stack = [(node, 0) for node in reversed(self.root.children)]
        while stack:
            node, depth = stack.pop()
            is_built = node.data in built
            yield node.data, depth, node.allow_expand, node.is_expanded, is_built
            if is_built:
                stack.extend((child, depth + 1) for child in reversed(node.children))

    def _planned_shape(
        self, want: set[str] | None
    ) -> Iterator[tuple[str | None, int, bool, bool, bool]]:
        """The same for the nodes rebuild() would make (``want`` as in :meth:`_expansion_plan`):
        a branch is built when it is expanded, and expanded when it is wanted and its parent
        was built."""
        shown = self._shown
        stack = [(topic, 0) for topic in reversed(self.roadmap.sections) if shown(topic)]
        while stack:
            topic, depth = stack.pop()
            children = [c for c in topic.children if shown(c)]
            expandable = bool(children)
            opened = expandable if want is None else topic.id in want
            yield topic.id, depth, expandable, opened, opened
            if opened:
                stack.extend((child, depth + 1) for child in reversed(children))

    def _depth(self, topic_id: str) -> int:
        topic = self.roadmap.get(topic_id)
        return topic.depth if topic else 99

    def ensure_children(self, node: TreeNode[str]) -> None:
        topic_id = node.data
        if topic_id is None or topic_id in self._built:
            return
        self._built.add(topic_id)
        topic = self.roadmap.get(topic_id)
        if topic is None:
            return
        for child in topic.children:
            if self._shown(child):
                self._add(node, child)

    def expand_everything(self) -> None:
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            if node.allow_expand:
                self.ensure_children(node)
                node.expand()
                stack.extend(node.children)

    def collapse_everything(self) -> None:
        for node in self.root.children:
            node.collapse_all()

    def expanded_ids(self) -> list[str]:
        return [tid for tid, node in self.nodes_by_id.items() if node.is_expanded]

    def reveal(self, topic_id: str) -> bool:
        """Expand the ancestors of a topic and move the cursor to it."""
        topic = self.roadmap.get(topic_id)
        if topic is None:
            return False
        for ancestor in self.roadmap.parents(topic_id):
            node = self.nodes_by_id.get(ancestor.id)
            if node is None:
                return False
            self.ensure_children(node)
            if not node.is_expanded:
                node.expand()  # even when already expanded, this re-renders every line
        node = self.nodes_by_id.get(topic_id)
        if node is None:
            return False
        self.move_cursor_to(node)
        self.call_after_refresh(self._center_on, node)
        return True

    def move_cursor_to(self, node: TreeNode[str]) -> None:
        """Move the cursor to a node that may have just been added or uncovered by expanding
        its parents: reading ``last_line`` lays the tree's lines out again, so ``node.line``
        is current when the cursor moves."""
        if self.last_line >= 0:
            self.move_cursor(node)

    def _center_on(self, node: TreeNode[str]) -> None:
        """Scroll so that a jumped-to node sits in the middle, with its context around it."""
        if node.line < 0:
            return
        height = self.scrollable_content_region.height or self.size.height
        self.scroll_to(y=max(0, node.line - height // 2), animate=False)

    def refresh_labels(self, topic_ids: Iterable[str]) -> None:
        """Relabel topics and every branch above them (counts change with a child)."""
        chains = ([tid, *(p.id for p in self.roadmap.parents(tid))] for tid in topic_ids)
        self._relabel(dict.fromkeys(tid for chain in chains for tid in chain))

    def refresh_all_labels(self) -> None:
        """Relabel every built node whose label changed (a pick, a theme, new search words)."""
        self._labelled_words = self.search_words
        self._relabel(self.nodes_by_id)

    def _relabel(self, topic_ids: Iterable[str]) -> None:
        for tid in topic_ids:
            node = self.nodes_by_id.get(tid)
            topic = self.roadmap.get(tid)
            if node is None or topic is None:
                continue
            label = self.label_for(topic)
            if node.label != label:
                node.set_label(label)

    @property
    def cursor_topic_id(self) -> str | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        """The label as Tree draws it (with ▶/▼ on a branch), and two blank cells where a leaf
        has no such icon, so that every status glyph of a level is in one column; cut with an
        ellipsis to the width left after the guides (Tree itself would cut it off bare)."""
        text = super().render_label(node, base_style, style)
        if not node.allow_expand:
            text = Text.assemble((LEAF_PAD, base_style), text)
        room = self.room_for(node)
        if room > 0 and text.cell_len > room:
            text.truncate(room, overflow="ellipsis")
        return text

    def get_label_width(self, node: TreeNode[str]) -> int:
        """The cells of render_label's text, without making it (Tree measures every line)."""
        if node.allow_expand:
            icon = cell_len(self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE)
        else:
            icon = len(LEAF_PAD)
        width = icon + node.label.cell_len
        room = self.room_for(node)
        return min(width, room) if room > 0 else width

    def room_for(self, node: TreeNode[str]) -> int:
        """The cells a node's label has: the tree's width less the guides of its depth."""
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        return self.scrollable_content_region.width - depth * GUIDE_WIDTH

    def needed_width(self) -> int:
        """Columns the tree's longest line needs (guides, icon, glyph, title, tags, a count,
        the scrollbar and the border), over the whole roadmap: measured once, from the
        titles, so that the split does not move as branches open."""
        if self._needed is None:
            longest = 0
            for topic in (*self.roadmap.sections, *self.roadmap.topics()):
                tag = len(KIND_TAG.get(topic.kind, ""))
                line = topic.depth * GUIDE_WIDTH + 2 + 2 + len(clean(topic.title)) + tag + 4
                longest = max(longest, line + (8 if topic.children else 0))
            self._needed = longest + 2
        return self._needed

    # -------------------------------------------------------------------- events and keys

    def on_resize(self, event: events.Resize) -> None:
        # the cursor's row stays in view when the window (or the split) changes size
        self.call_after_refresh(self._keep_cursor_in_view)

    def _keep_cursor_in_view(self) -> None:
        if self.cursor_line >= 0:
            self.scroll_to_line(self.cursor_line, animate=False)

    @on(Tree.NodeExpanded)
    def build_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        self.ensure_children(event.node)

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def action_expand_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            self.ensure_children(node)
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0])
