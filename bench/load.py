"""A small HTTP load generator from the standard library: threads, each with one
keep-alive connection (http.client), asking as a browser would (compressed answers)."""

import http.client
import math
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

HEADERS = {
    "Accept": "text/html,application/xhtml+xml",
    "Accept-Encoding": "gzip, deflate, br",
    "Accept-Language": "en",
    "User-Agent": "digital-nations-bench",
}


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with `share` of them at or below."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share / 100 * len(ordered)) - 1)]


@dataclass
class Result:
    path: str
    latencies: list[float] = field(default_factory=list)  # seconds
    statuses: Counter = field(default_factory=Counter)
    errors: int = 0  # requests without an answer, other than those that timed out
    timeouts: int = 0
    seconds: float = 0.0
    timed_out: bool = False
    size: int = 0  # bytes of the last answer, as sent

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def p(self, share: float) -> float | None:
        return percentile(self.latencies, share) if self.latencies else None

    @property
    def failures(self) -> int:
        """Answers other than 200, and requests that got no answer."""
        return self.errors + sum(n for status, n in self.statuses.items() if status != 200)


def _connect(port: int, timeout: float) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)


def _fresh(path: str, number: int) -> str:
    """The same page at an address never asked before: the page cache cannot answer it
    (the parameter means nothing to the page)."""
    return f"{path}{'&' if '?' in path else '?'}bench={number}"


_numbers = iter(range(10**12))


def _get(connection: http.client.HTTPConnection, path: str, bypass=False) -> tuple[int, int]:
    if bypass:
        path = _fresh(path, next(_numbers))
    connection.request("GET", path, headers=HEADERS)
    response = connection.getresponse()
    body = response.read()
    return response.status, len(body)


def throughput(
    port: int,
    path: str,
    *,
    concurrency: int,
    duration: float,
    timeout: float,
    warmup: float = 1.0,
    bypass_cache: bool = False,
) -> Result:
    """Requests per second with `concurrency` clients asking without pause: the answers
    completed in `duration` seconds (after `warmup` seconds not counted)."""
    result = Result(path)
    lock = threading.Lock()
    start = time.perf_counter() + 0.1
    counted_from = start + warmup
    end = counted_from + duration

    def client():
        latencies, statuses, errors, timeouts, size = [], Counter(), 0, 0, 0
        connection = _connect(port, timeout)
        while time.perf_counter() < start:
            time.sleep(0.001)
        while (began := time.perf_counter()) < end:
            try:
                status, size = _get(connection, path, bypass_cache)
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                connection = _connect(port, timeout)
                if isinstance(error, TimeoutError):
                    timeouts += 1
                elif began >= counted_from:
                    errors += 1
                continue
            finished = time.perf_counter()
            if counted_from <= finished <= end:
                latencies.append(finished - began)
                statuses[status] += 1
        connection.close()
        with lock:
            result.latencies += latencies
            result.statuses.update(statuses)
            result.errors += errors
            result.timeouts += timeouts
            result.size = size or result.size

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = duration
    return result


def latency(
    port: int, path: str, *, samples: int, timeout: float, budget: float, bypass_cache=False
) -> Result:
    """The time of each of `samples` requests made one after the other (after two not
    counted), or fewer when they take more than `budget` seconds in all (at least 5).
    A request that takes more than `timeout` seconds ends the measure: `timed_out`."""
    result = Result(path)
    connection = _connect(port, timeout)
    started = time.perf_counter()
    try:
        for number in range(samples + 2):
            began = time.perf_counter()
            status, result.size = _get(connection, path, bypass_cache)
            if number >= 2:
                result.latencies.append(time.perf_counter() - began)
                result.statuses[status] += 1
            spent = time.perf_counter() - started
            if len(result.latencies) >= 5 and spent > budget:
                break
    except TimeoutError:
        result.timed_out = True
    except (OSError, http.client.HTTPException):
        result.errors += 1
    finally:
        connection.close()
    result.seconds = time.perf_counter() - started
    return result
