"""Throwaway MariaDB and Redis servers for the test suite.

Each server lives in its own temporary folder, listens only on 127.0.0.1 at a
free port, and is stopped by the pid of the process this module started.
Nothing here imports pytest, so the classes also work from a plain script:

    with MariaDBServer() as db, RedisServer() as cache:
        engine = sqlalchemy.create_engine(db.url)
        client = redis.Redis.from_url(cache.url)
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pymysql

LOOPBACK = "127.0.0.1"
# Root's PATH may lack the sbin folders, and Debian puts mariadbd in /usr/sbin.
EXTRA_BIN_DIRS = ("/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin")
START_TIMEOUT = 30.0
STOP_TIMEOUT = 15.0
POLL_INTERVAL = 0.05
LOG_TAIL_LINES = 40
# A port picked by the kernel can be taken by someone else before the server
# binds it, so a lost race is retried a few times with a fresh port.
PORT_ATTEMPTS = 3


class ServerError(RuntimeError):
    """A test server could not be found, started or reached."""


def find_binary(name: str, debian_package: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=os.pathsep.join(EXTRA_BIN_DIRS))
    if found is None:
        raise ServerError(
            f"'{name}' not found on PATH nor in {', '.join(EXTRA_BIN_DIRS)}. "
            f"Install the Debian package: apt-get install {debian_package} "
            f"(or run scripts/test.sh, which installs it)."
        )
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def log_tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError as exc:
        return f"(could not read {path}: {exc})"
    return "\n".join(text.splitlines()[-lines:]) or f"({path} is empty)"


def _die_with_parent() -> None:
    # Without this a killed pytest leaves servers running. The signal follows
    # the thread that spawned the server, so start servers from the main thread.
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGTERM)


def spawn(argv: list[str], log_path: Path) -> subprocess.Popen:
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            # Its own session keeps a Ctrl-C in the terminal from killing the
            # server before the fixture's teardown has run.
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )


def terminate(process: subprocess.Popen | None, timeout: float = STOP_TIMEOUT) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


class _Server:
    """Base class with the shared life cycle: temp folder, port retries, readiness wait, stop."""

    kind = "server"
    log_name = "server.log"

    def __init__(self, start_timeout: float = START_TIMEOUT, keep_dir: bool = False):
        self.host = LOOPBACK
        self.port: int | None = None
        self.start_timeout = start_timeout
        self.keep_dir = keep_dir
        self.tmpdir: Path | None = None
        self.process: subprocess.Popen | None = None
        self.startup_seconds: float | None = None
        # Why the last readiness probe failed, for the error message.
        self.last_probe_error = ""

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    @property
    def log_path(self) -> Path:
        assert self.tmpdir is not None, "server not started"
        return self.tmpdir / self.log_name

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def start(self):
        if self.process is not None:
            raise ServerError(f"{self.kind} is already started (pid {self.pid})")
        began = time.monotonic()
        self.tmpdir = Path(tempfile.mkdtemp(prefix=f"{self.kind}-test-"))
        atexit.register(self.stop)
        try:
            self._prepare()
            self._launch_on_free_port()
            self._after_ready()
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - began
        return self

    def stop(self) -> None:
        terminate(self.process)
        self.process = None
        if self.tmpdir is not None and not self.keep_dir:
            shutil.rmtree(self.tmpdir, ignore_errors=True)
            self.tmpdir = None
        atexit.unregister(self.stop)

    def _launch_on_free_port(self) -> None:
        for attempt in range(1, PORT_ATTEMPTS + 1):
            self.port = free_port()
            # A fresh log per attempt, so an old bind error does not look like a new one.
            self.log_path.unlink(missing_ok=True)
            self.process = spawn(self._command(), self.log_path)
            if self._wait_until_ready():
                return
            exit_code = self.process.poll()
            lost_port_race = self._port_was_taken()
            terminate(self.process)
            self.process = None
            if not lost_port_race or attempt == PORT_ATTEMPTS:
                break
        raise ServerError(self._failure_message(exit_code))

    def _failure_message(self, exit_code: int | None) -> str:
        if exit_code is None:
            problem = f"timed out after {self.start_timeout:.0f} s waiting for connections"
        else:
            problem = f"exited with code {exit_code} before accepting connections"
        removal_note = "" if self.keep_dir else " (removed on stop, so pass keep_dir=True to keep it)"
        return (
            f"{self.kind} on {self.host}:{self.port} {problem}. "
            f"Last probe error: {self.last_probe_error or 'none'}.\n"
            f"Last lines of {self.log_path}{removal_note}:\n{log_tail(self.log_path)}"
        )

    def _wait_until_ready(self) -> bool:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            if self._responds():
                return True
            time.sleep(POLL_INTERVAL)
        return False

    def _port_was_taken(self) -> bool:
        return "address already in use" in log_tail(self.log_path).lower()

    def _prepare(self) -> None:
        """Prepare the temp folder before the first launch."""

    def _after_ready(self) -> None:
        """Run one-time setup once the server accepts connections."""

    def _command(self) -> list[str]:
        """Return the argv that starts the server on self.port."""
        raise NotImplementedError

    def _responds(self) -> bool:
        """Return True when the server accepts a request."""
        raise NotImplementedError


class MariaDBServer(_Server):
    """Private mariadbd with a password-less root user reachable over TCP.

    After start(): host, port, user, database, url, socket_path, datadir,
    pid and startup_seconds are set; connect() opens a PyMySQL connection.
    """

    kind = "mariadb"
    log_name = "error.log"
    user = "root"

    def __init__(self, database: str = "personal_center_test", **kwargs):
        super().__init__(**kwargs)
        self.database = database
        self.mariadbd = find_binary("mariadbd", "mariadb-server")
        self.install_db = find_binary("mariadb-install-db", "mariadb-server")

    @property
    def datadir(self) -> Path:
        return self.tmpdir / "data"

    @property
    def socket_path(self) -> Path:
        return self.tmpdir / "mariadbd.sock"

    @property
    def url(self) -> str:
        return (
            f"mysql+pymysql://{self.user}@{self.host}:{self.port}/"
            f"{self.database}?charset=utf8mb4"
        )

    def connect(self, database: str | None = None, **kwargs) -> pymysql.connections.Connection:
        options = dict(
            host=self.host,
            port=self.port,
            user=self.user,
            charset="utf8mb4",
            connect_timeout=5,
        )
        options.update(kwargs)
        return pymysql.connect(database=database or self.database, **options)

    def _tuning(self) -> list[str]:
        # Both install-db and mariadbd get these, otherwise the server spends
        # its first start resizing the redo log the installer created.
        return [
            "--innodb-buffer-pool-size=32M",
            "--innodb-log-file-size=8M",
            "--innodb-flush-log-at-trx-commit=2",
            "--innodb-doublewrite=0",
            "--innodb-buffer-pool-dump-at-shutdown=0",
            "--innodb-buffer-pool-load-at-startup=0",
            "--skip-log-bin",
            "--skip-name-resolve",
            "--performance-schema=0",
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_unicode_ci",
        ]

    def _prepare(self) -> None:
        argv = [
            self.install_db,
            "--no-defaults",
            "--user=root",
            f"--datadir={self.datadir}",
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
            # Its own temp folder: two installs sharing /tmp (one per xdist
            # worker) sometimes remove each other's temporary tables.
            f"--tmpdir={self.tmpdir}",
            *self._tuning(),
        ]
        install_log = self.tmpdir / "install-db.log"
        with open(install_log, "wb") as log:
            done = subprocess.run(
                argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                timeout=self.start_timeout, check=False,
            )
        if done.returncode != 0:
            raise ServerError(
                f"mariadb-install-db failed with exit code {done.returncode}. "
                f"Last lines of {install_log}:\n{log_tail(install_log)}"
            )

    def _command(self) -> list[str]:
        # --no-defaults must come first: the machine's /etc/mysql settings
        # (socket, port, datadir) belong to the system service, not to us.
        return [
            self.mariadbd,
            "--no-defaults",
            "--user=root",
            f"--datadir={self.datadir}",
            f"--socket={self.socket_path}",
            f"--pid-file={self.tmpdir / 'mariadbd.pid'}",
            f"--log-error={self.log_path}",
            f"--tmpdir={self.tmpdir}",
            f"--port={self.port}",
            f"--bind-address={self.host}",
            "--skip-networking=0",
            *self._tuning(),
        ]

    def _responds(self) -> bool:
        try:
            conn = self.connect(database="mysql", connect_timeout=1)
        except pymysql.err.MySQLError as exc:
            self.last_probe_error = repr(exc)
            return False
        conn.close()
        return True

    def _after_ready(self) -> None:
        conn = self.connect(database="mysql")
        try:
            with conn.cursor() as cur:
                cur.execute(
                    f"CREATE DATABASE IF NOT EXISTS `{self.database}` "
                    "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
                )
        finally:
            conn.close()


class RedisServer(_Server):
    """Private redis-server without persistence.

    After start(): host, port, url, pid and startup_seconds are set.
    """

    kind = "redis"
    log_name = "redis.log"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.redis_server = find_binary("redis-server", "redis-server")

    @property
    def url(self) -> str:
        return f"redis://{self.host}:{self.port}/0"

    def _command(self) -> list[str]:
        return [
            self.redis_server,
            "--port", str(self.port),
            "--bind", self.host,
            "--save", "",
            "--appendonly", "no",
            "--dir", str(self.tmpdir),
            "--daemonize", "no",
            "--protected-mode", "yes",
        ]

    def _responds(self) -> bool:
        # A raw PING keeps the readiness check independent of redis-py.
        try:
            with socket.create_connection((self.host, self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(64).startswith(b"+PONG")
        except OSError as exc:
            self.last_probe_error = repr(exc)
            return False
