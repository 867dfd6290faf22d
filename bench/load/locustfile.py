"""Mixed public traffic: what anonymous visitors and open-data clients ask of the register.

Run by bench/load/run.py, which passes the BINs and words to ask for in LOAD_DATA (a JSON file
made from the register under test). Each simulated client asks again as soon as it has its
answer (no think time), as in the measurement of the issue (50 clients, 53 requests/s).
"""

import json
import os
import random
from pathlib import Path

from locust import FastHttpUser, constant, events, task

DATA = json.loads(Path(os.environ["LOAD_DATA"]).read_text(encoding="utf-8"))
LANGUAGES = ("kk", "ru", "en")
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
        page = random.randint(1, 50)
        self.client.get(f"/{self.language()}/ngos/?page={page}", name="directory page")

    @task(10)
    def search_common_word(self):
        word = random.choice(DATA["common_words"])
        self.client.get(f"/{self.language()}/ngos/?q={word}", name="search, common word")

    @task(8)
    def search_rare_word(self):
        word = random.choice(DATA["rare_words"])
        self.client.get(f"/{self.language()}/ngos/?q={word}", name="search, rare word")

    @task(30)
    def ngo_page(self):
        bin_ = random.choice(DATA["bins"])
        self.client.get(f"/{self.language()}/ngos/{bin_}/", name="NGO page")

    @task(8)
    def api_search(self):
        word = random.choice(DATA["common_words"] + DATA["rare_words"])
        self.client.get(f"/api/v1/ngos/?search={word}", name="API list, search")

    @task(8)
    def api_ngo(self):
        self.client.get(f"/api/v1/ngos/{random.choice(DATA['bins'])}/", name="API NGO")

    @task(3)
    def competitions(self):
        self.client.get(f"/{self.language()}/tenders/", name="competitions")
