"""The tenders' part of the staff workspace, one module per task (as `registry.staff`).

`competitions` (draft to announcement and publication), `evaluation` (screening, scoring, awards,
corrections), `questions`, `appeals`, `contracts` (contracts, instalments, report reviews);
`access` says who enters and holds the helpers they share; `forms` their forms; `urls` routes
them under the namespaces `tenders_staff` and `tenders_contracts`.
"""
