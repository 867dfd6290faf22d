"""What accountability adds to the registry's pages: the staff dashboard tile and menu entry."""

from .staff import imports, tiles  # noqa: F401 - the tile, the menu entry, the re-import kind
