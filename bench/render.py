"""One page rendered in this process, as gunicorn's worker would render it: its CPU time
(`time.process_time()`) and its SQL queries (`CaptureQueriesContext`), through the whole
middleware stack with Django's test client, against the benchmark's database, never from
the page cache.

The first render starts from empty caches (the content clock is moved, so nothing kept
under the content version is used: facet counts, the bulk data, the site's chrome): its
figures are reported apart. The renders measured come after it, as a page is rendered
once its content version's data caches are warm, which is how a live site renders a page
the page cache does not hold (a new address, a new filter).

Run by the benchmark as a child process (`python -m bench.render`), which prints one JSON
line per event; the parent stops it if a page takes too long (a long SQL query cannot be
interrupted from inside).

    python -m bench.render discover            the addresses of sample records
    python -m bench.render RENDERS BUDGET PATH...
"""

import json
import statistics
import sys
import time


def _say(**message) -> None:
    print(json.dumps(message), flush=True)


def discover() -> dict[str, str]:
    """Addresses of records to measure: demo ones where there are some."""
    from forum.decisions.models import Decision
    from forum.documents.models import Document
    from forum.groups.models import WorkingGroup
    from forum.news.models import NewsItem
    from forum.practices.models import Practice
    from forum.principles.models import Principle
    from forum.summits.models import Summit

    def url(queryset):
        record = queryset.first()
        return record.get_absolute_url() if record else ""

    demo_documents = Document.objects.filter(slug__startswith="demo-").order_by("slug")
    return {
        "charter": url(Document.objects.filter(type="charter").order_by("pk")),
        "document": url(demo_documents) or url(Document.objects.order_by("pk")),
        "practice": url(Practice.objects.public().order_by("slug")),
        "summit": url(Summit.objects.order_by("-year")),
        "group": url(WorkingGroup.objects.order_by("slug")),
        "principle": url(Principle.objects.current()),
        "news": url(NewsItem.objects.published().order_by("-date")),
        "decision": url(Decision.objects.filter(key__startswith="demo-").order_by("pk"))
        or url(Decision.objects.order_by("pk")),
    }


def measure(path: str, renders: int, budget: float) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from forum.core.models import ContentClock

    client = Client(
        HTTP_HOST="127.0.0.1",
        HTTP_ACCEPT_ENCODING="gzip, deflate, br",
        raise_request_exception=False,
    )

    def render():
        with CaptureQueriesContext(connection) as captured:
            begun, clock = time.process_time(), time.perf_counter()
            response = client.get(path)
            spent = time.process_time() - begun
        return response, spent, time.perf_counter() - clock, len(captured)

    ContentClock.touch()  # a new content version: every cache kept under it is empty
    started = time.perf_counter()
    response, spent, wall, queries = render()  # templates compiled, data caches filled
    first = {"cpu_ms": spent * 1000, "wall_ms": wall * 1000, "queries": queries}
    cpu, walls, counts = [spent], [wall], [queries]
    if time.perf_counter() - started <= budget:  # else far over the bar: one must do
        cpu, walls, counts = [], [], []
        for _ in range(renders):
            response, spent, wall, queries = render()
            cpu.append(spent)
            walls.append(wall)
            counts.append(queries)
            if time.perf_counter() - started > budget:
                break
    return {
        "status": response.status_code,
        "cpu_ms": statistics.median(cpu) * 1000,
        "wall_ms": statistics.median(walls) * 1000,
        "queries": max(counts),
        "renders": len(cpu),
        "bytes": len(response.content),
        "first": first,
    }


def main(argv: list[str]) -> int:
    import django

    django.setup()
    if argv[:1] == ["discover"]:
        _say(event="discovered", paths=discover())
        return 0
    renders, budget, paths = int(argv[0]), float(argv[1]), argv[2:]
    for path in paths:
        _say(event="begin", path=path)
        _say(event="done", path=path, **measure(path, renders, budget))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
