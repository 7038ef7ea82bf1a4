"""The site served as production serves it: gunicorn, forum.wsgi, production settings."""

import http.client
import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from .config import ROOT, BenchError, Config

HELLO = "/bench/hello/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, config: Config, env: dict[str, str]):
        self.config = config
        self.env = env
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed in __exit__)

    @property
    def command(self) -> list[str]:
        return [
            self.config.python,
            "-m",
            "gunicorn",
            "forum.wsgi",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={self.config.workers}",
            f"--threads={self.config.threads}",
            "--log-level=warning",
        ]

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and gunicorn)
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as one, by its id
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError("gunicorn stopped while starting:\n" + self.output())
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", HELLO)
                if connection.getresponse().status == 200:
                    connection.close()
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise BenchError("gunicorn did not answer within 60 s:\n" + self.output())

    def stop(self) -> None:
        """Stop gunicorn and its workers, including any still busy with a request the
        benchmark gave up waiting for."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass

    def worker_rss_mb(self) -> list[float]:
        """The resident memory of each gunicorn worker (the master's children), in MB."""
        if self.process is None:
            return []
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            pids = children.read_text().split()
        except OSError:
            return []
        sizes = []
        for pid in pids:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def restart(self) -> None:
        self.stop()
        self.start()

    def output(self) -> str:
        self.log.seek(0)
        return "\n".join(self.log.read().strip().splitlines()[-25:])

    def __enter__(self) -> "Server":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
        self.log.close()
