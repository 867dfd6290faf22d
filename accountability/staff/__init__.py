"""The accountability part of the staff workspace: officials of the responsible body see their
items, record progress, move deadlines, read the NGOs' counter-evidence, and export their items.

`views` (list, item, export), `exports` (the CSV/XLSX of an official's items), `imports` (their
re-import, a kind of `registry.imports.TabularImport`), `reimport` (its upload, report and apply
screens), `forms`, `tiles` (dashboard tile and menu entry), `urls` (namespace
`accountability_staff`).
"""
