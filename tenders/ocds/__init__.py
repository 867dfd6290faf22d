"""Competitions as Open Contracting Data Standard 1.1 releases, records and bulk packages.

- `build`: what each stage's release says; `store`: releases written once, in the transaction
  of the change (`record`), or for data entered without them (`backfill`); `compile`: packages,
  and records compiled with ocdsmerge; `bulk`: each year's package as a stored file.
- `ocid` = the registered prefix (setting OCDS_OCID_PREFIX; the default is a development
  placeholder) + the competition's public number.
- One dataset: `language` is Kazakh, the state language, with Russian and English as language
  variants; `LANGUAGES` are the datasets (one), `lang` parameters are accepted and ignored.
"""

from .build import competitions_for_ocds
from .compile import bulk_package
from .store import backfill, deciding, record

LANGUAGES = ("kk",)

__all__ = ["LANGUAGES", "backfill", "bulk_package", "competitions_for_ocds", "deciding", "record"]
