"""The public and the NGO's pages of competitions, one module per concern.

`public` (the list, a competition, statistics, CSVs), `funding` (who funds whom), `applicant`
(applying, my applications, reports), `questions` (asking), `appeals` (filing one). The staff
screens are in `tenders.staff`.
"""
