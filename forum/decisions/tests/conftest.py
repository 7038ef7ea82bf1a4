import pytest


@pytest.fixture(autouse=True)
def _decisions_urls(settings):
    settings.ROOT_URLCONF = "forum.decisions.tests.urls"
