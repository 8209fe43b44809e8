"""The pages of the navigation rail. Other features plug their page in here.

A page is registered with a key, a Chinese title marked for translation
(``QT_TRANSLATE_NOOP("Nav", "报表")``), its place in the rail and a factory
that builds the widget from the :class:`AppContext`. Pages are built the first
time they are shown, so starting the window stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.shell.context import AppContext

PageFactory = Callable[[AppContext], QWidget]
# entity -> factory(ctx, row id or None) for entities with a page richer than the form.
DetailFactory = Callable[[AppContext, "int | None"], QWidget]


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # Chinese source text in the "Nav" translation context
    order: int
    factory: PageFactory
    roles: frozenset[str] | None = None  # who sees it in the rail; None: everyone

    @property
    def label(self) -> str:
        return QCoreApplication.translate("Nav", self.title)


_pages: dict[str, PageSpec] = {}


def register_page(key: str, title: object, order: int, factory: PageFactory,
                  roles: set[str] | None = None) -> None:
    """Add (or replace) a page of the rail (``title``: what QT_TRANSLATE_NOOP returned).

    ``roles``: only users with one of these roles see the page (e.g. {"admin"}).
    """
    _pages[key] = PageSpec(key, str(title), order, factory,
                           frozenset(roles) if roles is not None else None)


def pages(role: str | None = None) -> list[PageSpec]:
    """The rail's pages in order; given a role, only those that role may see."""
    return sorted((p for p in _pages.values()
                   if role is None or p.roles is None or role in p.roles),
                  key=lambda p: (p.order, p.key))


def page(key: str) -> PageSpec:
    return _pages[key]


_details: dict[str, DetailFactory] = {}


def register_detail(entity: str, factory: DetailFactory) -> None:
    """The page a row of ``entity`` opens in (else the generic form page)."""
    _details[entity] = factory


def detail(entity: str) -> DetailFactory | None:
    return _details.get(entity)


@dataclass(frozen=True)
class ListAction:
    """A button other features add to a list (e.g. the Excel import wizard)."""

    entity: str | None  # None: every list
    title: str  # Chinese source text in the "ListActions" context
    run: Callable[[AppContext, str, QWidget], None]


_actions: list[ListAction] = []


def register_list_action(entity: str | None, title: str,
                         run: Callable[[AppContext, str, QWidget], None]) -> None:
    _actions.append(ListAction(entity, title, run))


def list_actions() -> list[ListAction]:
    return list(_actions)
