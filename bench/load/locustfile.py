"""Mixed public traffic: what anonymous visitors and open-data clients ask of the register.

Run by bench/load/run.py, which passes the BINs and words to ask for in LOAD_DATA (a JSON file
made from the register under test). Each simulated client asks again as soon as it has its
answer (no think time), as in the measurement of the issue (50 clients, 53 requests/s).
"""

import json
import os
import random
from pathlib import Path

from locust import FastHttpUser, constant, task

DATA = json.loads(Path(os.environ["LOAD_DATA"]).read_text(encoding="utf-8"))
LANGUAGES = ("kk", "ru", "en")


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
