"""Accountability has no demo data of its own: the forums' and councils' demos create their items
through `accountability.services` — `create_items_bulk(rows)` writes hundreds of items with their
"created" lines in a few queries and skips codes already there, so a second run adds nothing.
"""


def load(stdout) -> None:
    from ..models import Item

    stdout.write(f"Accountability: {Item.objects.count()} tracked items (from forums and councils)")
