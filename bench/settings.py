"""The production settings, with one more page: the minimal page the benchmark compares
the site's pages with. Used by `make bench` only, never in production."""

import os

from forum.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# bench.render measures pages as rendered, never as served from the page cache.
if os.environ.get("BENCH_RENDER_UNCACHED"):
    PAGE_CACHE_SECONDS = 0
    MIDDLEWARE = [name for name in MIDDLEWARE if "CacheMiddleware" not in name]  # noqa: F405
