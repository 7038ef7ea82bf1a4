"""Whom a throttle counts: an address the client cannot forge."""

import pytest

from django.test import RequestFactory

from forum.core.throttle import client_address


def request(forwarded="", remote="203.0.113.9"):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


@pytest.mark.parametrize(
    ("count", "forwarded", "client"),
    [
        (0, "1.1.1.1", "203.0.113.9"),  # no proxy: the connection's address
        (1, "198.51.100.7", "198.51.100.7"),  # one proxy: the entry it added
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # whatever the client sent is ignored
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.2", "198.51.100.7"),  # a CDN and a balancer
        (2, "198.51.100.7", "203.0.113.9"),  # fewer entries than proxies: not through them
    ],
)
def test_the_client_is_the_entry_the_first_trusted_proxy_added(settings, count, forwarded, client):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_address(request(forwarded)) == client


def test_a_client_rotating_its_forwarded_for_is_still_counted_once(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    seen = {client_address(request(f"10.9.9.{n}, 198.51.100.7, 10.0.0.2")) for n in range(50)}
    assert seen == {"198.51.100.7"}
