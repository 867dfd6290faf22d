"""What accountability adds to the registry's pages: the staff dashboard tile and menu entry."""

from .staff import tiles  # noqa: F401 - registers the dashboard tile and the menu entry
