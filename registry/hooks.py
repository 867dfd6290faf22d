"""The registry's extension point: other apps add to its pages without the registry importing them.

Wagtail-style hooks: an app registers plain functions under a hook name, the registry calls
them all and shows what they return. Register from a module imported in your AppConfig.ready():

    from registry import hooks

    @hooks.register(hooks.NGO_PAGE_SECTIONS)
    def tenders_won(request, ngo):
        contracts = Contract.objects.filter(ngo=ngo).select_related("lot")[:20]
        if not contracts:
            return None
        return hooks.Section("tenders", _("State social order"), "tenders/_ngo_section.html",
                             {"contracts": contracts})

The hooks and what their functions take and return:

- NGO_PAGE_SECTIONS `fn(request, ngo) -> Section | None`: a section of the public NGO page,
  shown after the registry's own sections.
- STAFF_DASHBOARD_TILES `fn(request) -> Tile | None`: a tile of the staff dashboard, saying what
  waits for this user. Return None when the user has no part in it.
- STAFF_NAV `fn(request) -> NavItem | None`: an entry of the staff workspace's menu.
- HOME_FIGURES `fn(request) -> Figure | None`: a figure of the public home page (a number with
  what it counts), shown after the register's own figures.
- PROMISE_PAGE_SECTIONS `fn(request, item) -> Section | None`: a section of the public page of an
  `accountability` item (a tracked promise of the state): e.g. the tender lots that fund it.

Rules for a function: a constant number of queries whatever the amount of data (slice, count,
select_related; never a query per row), only what the user may see (scope the queryset with
`NGO.objects.in_scope_of(request.user)` or the app's own rule), and translated texts.
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

NGO_PAGE_SECTIONS = "ngo_page_sections"
STAFF_DASHBOARD_TILES = "staff_dashboard_tiles"
STAFF_NAV = "staff_nav"
HOME_FIGURES = "home_figures"
PROMISE_PAGE_SECTIONS = "promise_page_sections"
NAMES = (NGO_PAGE_SECTIONS, STAFF_DASHBOARD_TILES, STAFF_NAV, HOME_FIGURES, PROMISE_PAGE_SECTIONS)

_hooks: dict[str, list[Callable]] = {name: [] for name in NAMES}


@dataclass(frozen=True)
class Section:
    """`key` becomes the section's HTML id; the template gets `context` and `request`."""

    key: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


@dataclass(frozen=True)
class TileItem:
    label: str
    url: str = ""
    meta: str = ""


@dataclass(frozen=True)
class Tile:
    """A count of what waits, the link to work on it, and optionally the first few items."""

    key: str
    title: str
    count: int
    url: str
    link_text: str
    items: tuple[TileItem, ...] = ()
    empty_text: str = ""
    order: int = 100


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url: str
    order: int = 100


@dataclass(frozen=True)
class Figure:
    """A number of the home page; `value` is shown grouped, `unit` (e.g. ₸) after it."""

    key: str
    value: int
    label: str
    unit: str = ""
    url: str = ""
    order: int = 100


def register(name: str, fn: Callable | None = None):
    """Register `fn` under the hook `name`; usable as a decorator."""
    if name not in _hooks:
        raise ValueError(f"Unknown hook {name!r}; the hooks are {', '.join(NAMES)}")

    def add(fn: Callable) -> Callable:
        _hooks[name].append(fn)
        return fn

    return add if fn is None else add(fn)


@contextmanager
def registered(name: str, fn: Callable):
    """Register `fn` for the duration of a block (tests)."""
    register(name, fn)
    try:
        yield fn
    finally:
        _hooks[name].remove(fn)


def collect(name: str, *args) -> list:
    """What every function of the hook returns, without the Nones, in their `order`."""
    results = [result for fn in _hooks[name] if (result := fn(*args)) is not None]
    return sorted(results, key=lambda result: result.order)
