"""Accountability: a promise of the state tracked to its end, shared by forums and councils.

For the apps that create items (forums' action plan, councils' decisions):

- `services.create_item(code=..., title={"kk": ..., "ru": ...}, responsible_body=..., deadline=...,
  parent=..., weight=..., source="forum")` for one item; `services.create_items_bulk(rows)` for
  hundreds (a demo, a plan adopted at once): bulk writes, idempotent by code, `parent_code` to
  nest, cycles and unknown parents refused.
- `services.record_progress`, `move_deadline`, `contest`: each one transaction with its public
  history row (`Change`) and its event; refusals are `services.AccountabilityError` with a
  translated `message`. `by=None` is the platform itself; a person given as `by` must be a
  ministry official of the responsible body (`permissions.can_update`).
- Pages: `accountability:item` (`/<lang>/accountability/<code>/`), the fragment
  `accountability/_item_rows.html` (context `items`, with `responsible_body` selected), and
  `registry.hooks.PROMISE_PAGE_SECTIONS` to add a section to an item's page.
- Staff: `accountability_staff:items` (the official's items, filters, CSV/XLSX export),
  `accountability_staff:item` (record progress, move the deadline, read the counter-evidence)
  and `accountability_staff:import` (the filled-in export back through the registry's one
  import mechanism, `staff.imports.ItemProgressImport`: a dry run first, refusals by line).
"""
