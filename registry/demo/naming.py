"""Names, descriptions, addresses and contacts of demo NGOs in kk, ru and en."""

from ..models import (
    Region,
)
from . import vocabulary as words
from .shares import (
    MAIL_DOMAINS,
    MOBILE_CODES,
    quoted,
    slug,
)


class Naming:
    """The words of a demo NGO (a part of DemoRegister)."""

    def unique_name(self, form: str, areas, region, registered_on) -> tuple[str, str, str]:
        """A name no other NGO has (in Kazakh or Russian): a few draws, then two brands joined."""
        for attempt in range(1000):
            stem = self.stem(areas) if attempt < 30 else self.double_brand()
            names = self.name(form, stem, self.place(region, registered_on))
            if names[0] not in self.names and names[1] not in self.names:
                break
        self.names.update(names[:2])
        return names

    def double_brand(self) -> tuple[str, str, str]:
        (a_kk, a_ru, a_en), (b_kk, b_ru, b_en) = self.rng.sample(words.BRANDS, 2)
        return quoted(f"{a_kk}-{b_kk}", f"{a_ru}-{b_ru}", f"{a_en}-{b_en}")

    def name(self, form: str, stem, place) -> tuple[str, str, str]:
        templates = words.NAME_TEMPLATES[form]
        return tuple(
            t.format(stem=s, place=p) for t, s, p in zip(templates, stem, place, strict=True)
        )

    def stem(self, areas) -> tuple[str, str, str]:
        """A brand («Мейірім»), a brand with a kind of centre, or a motto of the NGO's area."""
        area, roll = self.rng.choice(areas).code, self.rng.random()
        if roll < 0.45:
            return quoted(*self.rng.choice(words.BRANDS))
        if roll < 0.8:
            (b_kk, b_ru, b_en), (c_kk, c_ru, c_en) = (
                self.rng.choice(words.BRANDS),
                self.rng.choice(words.CENTRES[area]),
            )
            return f"«{b_kk} {c_kk}»", f"«{c_ru} «{b_ru}»»", f'"{b_en} {c_en}"'
        return quoted(*self.rng.choice(words.MOTTOS[area]))

    def place(self, region, registered_on) -> tuple[str, str, str]:
        """Where the NGO works, as its name says it, or nothing: in Kazakh before the name.

        The region is named as it was at registration: no "Jetisu Region" NGO from 2009."""
        roll = self.rng.random()
        if roll < 0.45:
            return "", "", ""
        formed, before = self.genitive_before.get(region.kato, (None, None))
        if formed and registered_on < formed:
            kk, ru, en = before
        elif roll < 0.75 or region.level == Region.Level.CITY:
            kk, ru, en = self.genitive[region.kato]
        else:
            town_kk, town_ru, en = self.rng.choice(words.TOWNS[region.kato])
            kk, ru = f"{town_kk} қаласының", f"города {town_ru}"
        return f"{kk} ", f" {ru}", f" of {en}"

    def description(self, areas, region) -> tuple[str, str, str]:
        work = [words.WORK[a.code] for a in areas[:2]]
        kk, ru, en = self.genitive[region.kato]
        return (
            " ".join(f"{w[0]}." for w in work) + f" {kk} аумағында жұмыс істейді.",
            " ".join(f"{w[1]}." for w in work) + f" Работает на территории {ru}.",
            " ".join(f"{w[2]}." for w in work) + f" Works in {en}.",
        )

    def address(self, region) -> str:
        towns = words.TOWNS[region.kato]
        town = towns[0] if self.rng.random() < 0.6 else self.rng.choice(towns)
        street = f"ул. {self.rng.choice(words.STREETS)}, {self.rng.randint(1, 180)}"
        if self.rng.random() < 0.5:
            street += f", оф. {self.rng.randint(1, 320)}"
        if region.level == Region.Level.CITY:
            return f"г. {town[1]}, {street}"
        return f"{region.name_ru}, г. {town[1]}, {street}"

    def head_name(self) -> str:
        sex = self.rng.randint(0, 1)
        surname = self.rng.choice(words.SURNAMES)[sex]
        first = self.rng.choice(words.FIRST_NAMES[sex])
        return f"{surname} {first} {self.rng.choice(words.PATRONYMICS)[sex]}"

    def contacts(self, en_name: str) -> dict:
        """Email, phone and website, each missing for some NGOs as in the real register."""
        label, rng = slug(en_name), self.rng
        email = f"{label.replace('-', '.')}{rng.randint(1, 999)}@{rng.choice(MAIL_DOMAINS)}"
        phone = (
            f"+7 {rng.choice(MOBILE_CODES)} {rng.randint(100, 999)} "
            f"{rng.randint(10, 99)} {rng.randint(10, 99)}"
        )
        return {
            "email": email if rng.random() < 0.85 else "",
            "phone": phone if rng.random() < 0.92 else "",
            "website": f"https://{label}-{rng.randint(1, 99)}.kz" if rng.random() < 0.35 else "",
        }

    # Life in the register: status dates and annual reports
