"""A member's page charts the practices it shared with the public, year by year."""

import re

import pytest

from django.utils import timezone

from forum.core.models import ContentClock

pytestmark = pytest.mark.django_db


def test_a_members_page_charts_the_practices_it_shared_with_the_public(
    client, make_practice, representative
):
    code = representative.member.iso_code.lower()
    assert 'aria-labelledby="chart-shared"' not in client.get(f"/members/{code}/").content.decode()
    make_practice(representative, status="published")
    make_practice(representative, title="Another shared one", status="published")
    make_practice(
        representative, title="For members only", status="published", visibility="members"
    )
    make_practice(representative, title="Still a draft")
    ContentClock.touch()  # as the commit does (the test's transaction never commits)
    html = client.get(f"/members/{code}/").content.decode()
    figure = html[html.index('<figure class="chart" aria-labelledby="chart-shared">') :]
    figure = figure[: figure.index("</figure>")]
    year = timezone.now().year
    assert re.search(
        rf'<li class="bar-row"><span class="bar-label">{year}</span><svg[^>]*>'
        r'<rect width="100.0" height="10"/></svg><span class="bar-value">2 practices</span>',
        figure,
    )
    assert f'<tr><th scope="row">{year}</th><td>2</td></tr>' in figure
    assert "2 practices in all." in figure
