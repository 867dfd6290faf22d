"""Mixed public traffic: what anonymous visitors and open-data clients ask of the register.

Run by bench/load/run.py, which passes the BINs and words to ask for in LOAD_DATA (a JSON file
made from the register under test). Each simulated client asks again as soon as it has its
answer (no think time), as in the measurement of the issue (50 clients, 53 requests/s).

Popularity is skewed as on any public site (Zipf's law, weight 1/rank): a few NGOs, words,
directory pages and competitions are asked for often, a long tail (3,000 NGOs, 300 rare words,
50 pages) rarely. "First visit" searches are new each time (a word, its first letters or a typo
with filters drawn at random), so neither the page cache nor the kept counts have seen them.
"""

import json
import os
import random
from pathlib import Path

from locust import FastHttpUser, constant, events, task

DATA = json.loads(Path(os.environ["LOAD_DATA"]).read_text(encoding="utf-8"))
LANGUAGES = ("kk", "ru", "en")


def zipf(items: list) -> list:
    """Cumulative weights 1/rank for random.choices."""
    total, cumulative = 0.0, []
    for rank in range(1, len(items) + 1):
        total += 1 / rank
        cumulative.append(total)
    return cumulative


WEIGHTS = {key: zipf(values) for key, values in DATA.items()}
WORDS = DATA["common_words"] + DATA["rare_words"]
PAGES = list(range(1, 51))
PAGE_WEIGHTS = zipf(PAGES)


def pick(key: str) -> str:
    return random.choices(DATA[key], cum_weights=WEIGHTS[key])[0]


CACHE = {"hit": 0, "miss": 0, "none": 0}


@events.request.add_listener
def count_cache_answers(response=None, exception=None, **kwargs):
    if response is not None and exception is None:
        CACHE[(response.headers.get("X-Cache") or "none").lower()] += 1


@events.quitting.add_listener
def write_cache_answers(**kwargs):
    Path(os.environ["LOAD_DATA"]).with_suffix(".cache.json").write_text(json.dumps(CACHE))


class Visitor(FastHttpUser):
    wait_time = constant(float(os.environ.get("LOAD_WAIT_SECONDS", "0")))

    def language(self) -> str:
        return random.choice(LANGUAGES)

    @task(5)
    def home(self):
        self.client.get(f"/{self.language()}/", name="home")

    @task(10)
    def directory(self):
        page = random.choices(PAGES, cum_weights=PAGE_WEIGHTS)[0]
        self.client.get(f"/{self.language()}/ngos/?page={page}", name="directory page")

    @task(10)
    def search_common_word(self):
        word = pick("common_words")
        self.client.get(f"/{self.language()}/ngos/?q={word}", name="search, common word")

    @task(8)
    def search_rare_word(self):
        word = pick("rare_words")
        self.client.get(f"/{self.language()}/ngos/?q={word}", name="search, rare word")

    @task(30)
    def ngo_page(self):
        bin_ = pick("bins")
        self.client.get(f"/{self.language()}/ngos/{bin_}/", name="NGO page")

    @task(8)
    def api_search(self):
        word = pick(random.choice(("common_words", "rare_words")))
        self.client.get(f"/api/v1/ngos/?search={word}", name="API list, search")

    @task(8)
    def api_ngo(self):
        self.client.get(f"/api/v1/ngos/{pick('bins')}/", name="API NGO")

    @task(6)
    def search_first_visit(self):
        """A word, or its first letters, with filters nobody has asked for in this combination."""
        word = random.choice(WORDS)
        if random.random() < 0.5:
            word = word[: random.randint(3, max(3, len(word) - 1))]
        filters = {"q": word}
        for name in random.sample(("region", "area", "legal_form"), random.randint(1, 2)):
            filters[name] = random.choice(DATA[name])
        query = "&".join(f"{name}={value}" for name, value in filters.items())
        self.client.get(f"/{self.language()}/ngos/?{query}", name="search, first visit")

    @task(3)
    def competitions(self):
        self.client.get(f"/{self.language()}/tenders/", name="competitions")

    @task(6)
    def competition(self):
        number = pick("competitions")
        self.client.get(f"/{self.language()}/tenders/{number}/", name="competition")

    @task(2)
    def statistics(self):
        self.client.get(f"/{self.language()}/tenders/stats/", name="competition statistics")

    @task(1)
    def organisers(self):
        self.client.get(f"/{self.language()}/tenders/organisers/", name="organisers")

    @task(2)
    def organiser(self):
        code = pick("organisers")
        self.client.get(f"/{self.language()}/tenders/organisers/{code}/", name="organiser")

    @task(2)
    def ocds_release(self):
        number = pick("competitions")
        self.client.get(f"/api/v1/ocds/releases/{number}.json", name="OCDS releases")

    @task(1)
    def ocds_record(self):
        number = pick("competitions")
        self.client.get(f"/api/v1/ocds/records/{number}.json", name="OCDS record")
