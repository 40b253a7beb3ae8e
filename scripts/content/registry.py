# The registry of kinds: for each kind of item, its content folder, its Content attribute, its address and title.
# In: nothing. Out: KINDS and url_for / doc_path, used by the loader, the resolver, generation and templates.
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str     # as written in references: need:autism
    folder: str   # content/<folder>/<id>.yml (pages: content/pages/<id>.md)
    attr: str     # the Content attribute that holds the items
    section: str  # the site section: /<section>/<id>/
    title: str    # a plain name for one item of the kind

    def doc_path(self, item_id: str) -> str:
        """The generated Markdown file, relative to the docs folder."""
        return f"{self.section}/{item_id}.md"

    def url(self, item_id: str) -> str:
        """The published address, relative to the site root."""
        return f"{self.section}/{item_id}/"


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("need", "needs", "needs", "needs", "need"),
    Kind("strategy", "strategies", "strategies", "strategies", "strategy"),
    Kind("plan", "plans", "plans", "plans", "example plan"),
    Kind("role", "roles", "roles", "roles", "role"),
    Kind("area", "areas", "areas", "areas", "area of need"),
    Kind("level", "levels", "levels", "levels", "level of support"),
    Kind("page", "pages", "pages", "guide", "guide page"),
)}
BY_FOLDER: dict[str, Kind] = {k.folder: k for k in KINDS.values()}


def url_for(kind: str, item_id: str) -> str:
    """The published address of an item, from the site root: url_for('need', 'autism') -> 'needs/autism/'."""
    return KINDS[kind].url(item_id)


def doc_path(kind: str, item_id: str) -> str:
    """The Markdown file of an item in the docs folder: doc_path('page', 'x') -> 'guide/x.md'."""
    return KINDS[kind].doc_path(item_id)
