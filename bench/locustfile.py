"""The load test's users (run by bench/bench_load.py): parties filing through the API, judges reading their
dockets and cases, the president reading the dashboard. Credentials come from LOAD_USERS (written by the bench)."""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, between, task

USERS = json.loads(os.environ.get("LOAD_USERS", "{}"))


class Party(HttpUser):
    """Files a complaint through the API (with an Idempotency-Key) and reads its cases."""

    weight = 2
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.token = random.choice(USERS["party_tokens"])
        self.headers = {"Authorization": f"Bearer {self.token}"}

    @task(1)
    def file_a_complaint(self) -> None:
        body = {"court": USERS["court"], "cause": USERS["cause"], "claim_amount": "30000.00",
                "claims": "判令被告归还借款三万元", "facts": "借款到期未还",
                "plaintiffs": [{"name": "张三", "address": "蓝田县蓝关街道1号"}],
                "defendants": [{"name": "李四", "address": "蓝田县华胥镇2号"}]}
        key = f"load-{random.getrandbits(64):x}"
        self.client.post("/api/v1/filings/", json=body, headers={**self.headers, "Idempotency-Key": key},
                         name="/api/v1/filings/")

    @task(3)
    def read_my_cases(self) -> None:
        self.client.get("/api/v1/cases/", headers=self.headers, name="/api/v1/cases/")


class SignedIn(HttpUser):
    abstract = True
    username = ""

    def on_start(self) -> None:
        self.client.get("/login/", name="/login/")
        token = self.client.cookies.get("csrftoken", "")
        self.client.post("/login/", {"username": self.username, "password": USERS["password"],
                                     "csrfmiddlewaretoken": token}, headers={"Referer": self.host + "/login/"},
                         name="/login/")


class Judge(SignedIn):
    weight = 2
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.username = random.choice(USERS["judges"])
        super().on_start()

    @task(3)
    def docket(self) -> None:
        self.client.get("/docket/", name="/docket/")

    @task(1)
    def queue(self) -> None:
        self.client.get("/queue/", name="/queue/")


class President(SignedIn):
    weight = 1
    wait_time = between(2, 5)

    def on_start(self) -> None:
        self.username = "president"
        super().on_start()

    @task
    def dashboard(self) -> None:
        self.client.get("/metrics/", name="/metrics/")
