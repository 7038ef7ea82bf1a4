"""Django's Redis cache, made to forgive Redis going away: with REDIS_URL set, a cache
that cannot be reached behaves as an empty one (a read misses, a write is dropped, a
count is not counted) instead of failing the request. Pages are made afresh, the content
version is read from the database, and rate limits let requests through (django-axes'
lockout, kept in the database, still holds); the email queue is in the database and loses
nothing. Service returns to normal when Redis does: redis-py reconnects by itself."""

import functools
import logging

from redis.exceptions import RedisError

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

#: What each operation answers while Redis is away.
MISSED = {
    "add": False,
    "get": None,  # the caller's default, below
    "set": None,
    "touch": False,
    "delete": False,
    "get_many": {},
    "has_key": False,
    "set_many": [],
    "delete_many": None,
    "clear": False,
}


def _forgiving(name, method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except RedisError:
            logger.warning("Redis unavailable: cache %s skipped", name)
            if name == "get":
                return args[1] if len(args) > 1 else kwargs.get("default")
            if name == "incr":
                raise ValueError("Redis unavailable") from None  # as for a missing key
            return MISSED[name]

    return call


class ForgivingClient(RedisCacheClient):
    pass


for _name in [*MISSED, "incr"]:
    setattr(ForgivingClient, _name, _forgiving(_name, getattr(RedisCacheClient, _name)))


class ForgivingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ForgivingClient
