"""The accountability part of the staff workspace: officials of the responsible body see their
items, record progress, move deadlines, read the NGOs' counter-evidence, and export their items.

`views` (list, item, exports), `forms`, `tiles` (dashboard tile and menu entry), `urls`
(namespace `accountability_staff`).
"""
