"""Mixed anonymous traffic for the soak (bench/pageviews/soak.py starts it): home, columns,
articles, policy documents, search, feeds, and the 繁體 and elderly variants. The URLs come from
the file named by ``PORTAL_SOAK_URLS`` (written by soak.py from the seeded district)."""

import json
import os
import random

from locust import FastHttpUser, between, task

URLS = json.loads(open(os.environ["PORTAL_SOAK_URLS"]).read())  # noqa: SIM115, PTH123
QUERIES = ["营业执照", "通知", "社保", "教育", "政策解读", "公积金", "医保", "招聘", "办事指南", "养老"]
HEADERS = {"Host": "localhost"}


class Reader(FastHttpUser):
    wait_time = between(0.5, 2)

    def _get(self, path, name, cookie=None):
        headers = {**HEADERS, **({"Cookie": cookie} if cookie else {})}
        self.client.get(path, headers=headers, name=name)

    @task(6)
    def home(self):
        self._get(URLS["home"], "home")

    @task(6)
    def column(self):
        self._get(random.choice(URLS["columns"]), "column")

    @task(12)
    def article(self):
        self._get(random.choice(URLS["articles"]), "article")

    @task(4)
    def policy(self):
        self._get(random.choice(URLS["policies"]), "policy")

    @task(2)
    def feed(self):
        self._get(random.choice(URLS["columns"]) + "feed/rss/", "feed")

    @task(2)
    def traditional(self):
        self._get(random.choice(URLS["articles"]), "article 繁體", "portal_pref=hant")

    @task(2)
    def elderly(self):
        self._get(random.choice([URLS["home"], *URLS["columns"]]), "page 长者模式", "portal_pref=elderly")

    @task(3)
    def search(self):
        self._get("/search/?q=" + random.choice(QUERIES), "search")
