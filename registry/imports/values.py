"""Cell values every import reads: reference records by any of their names, regions by KATO
code or name (current or former), dates as officials write them."""

import re
from collections import defaultdict

from ..import_files import fold
from ..models import Region

# Words around a region's name that say what it is, not which one it is.
OBLAST_WORDS = {"область", "обл", "облысы", "облыс", "region", "oblast"}
CITY_WORDS = {"г", "город", "гор", "каласы", "кала", "city"}


class Lookup:
    """Records found by any of their names or abbreviations, spelt loosely (see fold)."""

    def __init__(self, records, attributes):
        self._by_key = {}
        for record in records:
            for attribute in attributes:
                value = getattr(record, attribute)
                if value:
                    self._by_key.setdefault(fold(value), record)

    def get(self, text):
        return self._by_key.get(fold(text))


def _region_key(text) -> tuple[str, str | None]:
    """The words naming a region, and the level the other words hint at (oblast or city)."""
    words = fold(text).split()
    hint = None
    if OBLAST_WORDS.intersection(words):
        hint = Region.Level.OBLAST
    elif CITY_WORDS.intersection(words):
        hint = Region.Level.CITY
    return " ".join(w for w in words if w not in OBLAST_WORDS | CITY_WORDS), hint


class RegionMatcher:
    """Regions by KATO code or any of their names, current or former.

    «Алматы» alone names both the city and the oblast; the words around it decide, and with no
    such word the city is meant, as in everyday use.
    """

    def __init__(self, regions):
        self.by_id = {region.pk: region for region in regions}
        self._by_key = defaultdict(list)
        for region in self.by_id.values():
            for name in {region.kato, region.name_kk, region.name_ru, region.name_en} - {None, ""}:
                found = self._by_key[_region_key(name)[0]]
                if region not in found:
                    found.append(region)

    def find(self, text) -> list[Region]:
        key, hint = _region_key(text)
        found = self._by_key.get(key, [])
        if len(found) > 1:
            found = [r for r in found if r.level == (hint or Region.Level.CITY)] or found
        return found

    def current(self, region: Region) -> Region | None:
        """The region that now covers a former region's territory, following renames."""
        while not region.is_current and region.successor_id:
            region = self.by_id[region.successor_id]
        return region if region.is_current else None

    def split_offs(self, region: Region) -> list[Region]:
        return [r for r in self.by_id.values() if r.split_from_id == region.pk]


_DATE_FORMATS = (
    (re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})"), (3, 2, 1)),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), (1, 2, 3)),
)


def date_parts(text: str) -> tuple[int, int, int] | None:
    """Year, month and day of a date written DD.MM.YYYY, DD/MM/YYYY or YYYY-MM-DD."""
    for pattern, order in _DATE_FORMATS:
        match = pattern.fullmatch(text)
        if match:
            year, month, day = (int(match[i]) for i in order)
            return year, month, day
    return None
