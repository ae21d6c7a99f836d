"""P4: the case list (filtered, sorted, paginated) and the case page under 20 concurrent clients.

    .venv/bin/python bench/case_list.py [--cases 1000000] [--database-url URL]
                                        [--clients 20] [--seconds 15] [--workers 2 --threads 8]

1. Makes sure the database holds the seeded cases (a fresh SQLite file under /tmp by default:
   migrated and filled by `msht seed --cases N` the first time, reused afterwards).
2. Serves the service with gunicorn (gthread workers) on 127.0.0.1, with one extra URL: a
   minimal Django view (`/bench/minimal`, "ok") that passes through the same middleware
   (sessions, sign-in and second factor, CSP, audit context) as every page.
3. Signs a prosecutor of the largest Area in (session cookie with a passed second factor).
4. Runs `--clients` keep-alive clients for `--seconds` against: the minimal view, the case list
   (random status filter, sort and page within the Area), the case page (random case of the
   Area), then the minimal view again; the baseline is the mean of its two runs.
5. Prints requests a second, p50/p95 latency and the ratio to the baseline (target P4: at
   least 0.5, p95 about 150 ms).
"""

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
AREA = "LONDON-NORTH"
STATUSES = ["", "pre_charge", "charged", "in_court", "finalised", "no_further_action"]
SORTS = ["-referral_date", "referral_date", "urn", "-charge_date", "status"]

SETUP = r"""
import json, sys, time, django
django.setup()
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from msht.accounts.middleware import SIGNED_IN_AT
from msht.accounts.models import User
from msht.cases.models import Case
from msht.reference.models import Area, Unit
area = Area.objects.get(code=sys.argv[1])
user, _ = User.objects.get_or_create(
    email="bench-prosecutor@example.test",
    defaults={"full_name": "Bench Prosecutor", "role": "prosecutor", "area": area,
              "unit": Unit.objects.get(code="CCU")})
device, _ = TOTPDevice.objects.get_or_create(user=user, name="authenticator",
                                             defaults={"confirmed": True})
client = Client()
client.force_login(user)
session = client.session
session[DEVICE_ID_SESSION_KEY] = device.persistent_id
session[SIGNED_IN_AT] = time.time() + 86400
session.save()
ids = list(Case.objects.filter(area=area).order_by("?").values_list("pk", flat=True)[:5000])
print(json.dumps({"cookie": session.session_key, "ids": ids, "total": Case.objects.count(),
                  "in_area": Case.objects.filter(area=area).count()}))
"""

SERVER = r"""
import sys, types, django
django.setup()
from django.conf import settings
from django.http import HttpResponse
from django.urls import path
import msht.urls

def minimal(request):
    return HttpResponse("ok", content_type="text/plain")

urls = types.ModuleType("bench_case_list_urls")
urls.urlpatterns = [path("bench/minimal", minimal), *msht.urls.urlpatterns]
sys.modules["bench_case_list_urls"] = urls
settings.ROOT_URLCONF = "bench_case_list_urls"
settings.DEBUG = False
settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
settings.SESSION_ABSOLUTE_SECONDS = 10 ** 7

from django.core.wsgi import get_wsgi_application
from gunicorn.app.base import BaseApplication

application = get_wsgi_application()

class Server(BaseApplication):
    def load_config(self):
        for key, value in {"bind": sys.argv[1], "workers": int(sys.argv[2]),
                           "threads": int(sys.argv[3]), "worker_class": "gthread",
                           "keepalive": 30, "accesslog": None, "loglevel": "warning",
                           "backlog": 256}.items():
            self.cfg.set(key, value)
    def load(self):
        return application

Server().run()
"""


def child_env(database_url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "msht.settings.dev",
        "PYTHONUNBUFFERED": "1",
        "DEBUG": "False",
    }


def ensure_data(database_url: str, cases: int) -> None:
    env = child_env(database_url)
    subprocess.run([PY, "-m", "msht.cli", "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    count = subprocess.run(
        [
            PY,
            "-c",
            "import django; django.setup(); from msht.cases.models import Case; "
            "print(Case.objects.count())",
        ],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    existing = int(count.stdout.strip())
    if existing >= cases:
        print(f"Database has {existing:,} cases; using them.")
        return
    if existing:
        sys.exit(
            f"The database has {existing:,} cases, fewer than --cases {cases:,}. "
            "Use an empty database or a smaller --cases."
        )
    print(f"Seeding {cases:,} cases (once; reused by later runs)...")
    started = time.perf_counter()
    subprocess.run(
        [PY, "-m", "msht.cli", "seed", "--cases", str(cases)], env=env, cwd=ROOT, check=True
    )
    print(f"Seeded in {time.perf_counter() - started:,.0f} s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, cookie: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/bench/minimal", headers={"Cookie": f"sessionid={cookie}"})
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                return
            raise SystemExit(f"/bench/minimal answered {response.status}: not signed in?")
        except OSError:
            time.sleep(0.3)
    raise SystemExit("The server did not start")


def load(port: int, cookie: str, make_path, clients: int, seconds: float, seed: int) -> dict:
    """`clients` keep-alive connections in threads, each sending requests back to back."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, bad = [], []
        while time.perf_counter() < stop_at:
            path = make_path(rng)
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": f"sessionid={cookie}"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    bad.append(f"{response.status} {path}")
            except (OSError, http.client.HTTPException) as error:
                bad.append(f"{error!r} {path}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            mine.append(time.perf_counter() - started)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors.extend(bad)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()

    def pct(p: float) -> float:
        return (
            latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000
            if latencies
            else float("nan")
        )

    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": pct(0.50),
        "p95": pct(0.95),
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument(
        "--database-url", default=None, help="default: sqlite:////tmp/msht-bench-cases-<N>.sqlite3"
    )
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    database_url = args.database_url or f"sqlite:////tmp/msht-bench-cases-{args.cases}.sqlite3"
    ensure_data(database_url, args.cases)
    env = child_env(database_url)
    setup = subprocess.run(
        [PY, "-c", SETUP, AREA], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    info = json.loads(setup.stdout.strip().splitlines()[-1])
    cookie, ids = info["cookie"], info["ids"]
    print(
        f"{info['total']:,} cases in the database, {info['in_area']:,} in {AREA} "
        f"(the signed-in prosecutor's Area)."
    )

    port = free_port()
    server = subprocess.Popen(
        [PY, "-c", SERVER, f"127.0.0.1:{port}", str(args.workers), str(args.threads)],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    try:
        wait_for(port, cookie)
        scenarios = [
            ("minimal Django view", lambda rng: "/bench/minimal"),
            (
                "case list (filtered, sorted, paginated)",
                lambda rng: (
                    f"/cases/?status={rng.choice(STATUSES)}&sort={rng.choice(SORTS)}"
                    f"&page={rng.randint(1, 20)}"
                ),
            ),
            ("case page", lambda rng: f"/cases/{rng.choice(ids)}/"),
            ("minimal Django view (again)", lambda rng: "/bench/minimal"),
        ]
        # Warm up every path (caches, connections) without measuring.
        for _, make_path in scenarios:
            load(port, cookie, make_path, args.clients, 2, seed=99)
        results = {}
        for number, (name, make_path) in enumerate(scenarios):
            results[name] = load(port, cookie, make_path, args.clients, args.seconds, seed=number)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    baseline = statistics.mean(
        [results["minimal Django view"]["rps"], results["minimal Django view (again)"]["rps"]]
    )
    print(
        f"\n{args.clients} concurrent clients, {args.seconds:g} s each, gunicorn "
        f"{args.workers} workers x {args.threads} threads, {database_url.split(':')[0]}"
    )
    print(f"{'scenario':<42}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'ratio':>8}")
    for name, r in results.items():
        print(
            f"{name:<42}{r['requests']:>9,}{r['rps']:>9.1f}{r['p50']:>9.1f}{r['p95']:>9.1f}"
            f"{r['rps'] / baseline:>8.2f}"
        )
        if r["errors"]:
            print(f"  {len(r['errors'])} errors, first: {r['errors'][0]}")
    print("\nTarget P4: ratio at least 0.5 for the case list and case page; p95 about 150 ms.")


if __name__ == "__main__":
    main()
