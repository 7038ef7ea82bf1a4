import pytest

from forum.groups.models import WorkingGroup

pytestmark = pytest.mark.django_db

URL = "/cms/to-verify/"


def test_the_secretariat_sees_a_disputed_fact_with_its_sources_and_notes(
    verified_secretariat_client,
):
    client = verified_secretariat_client
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    # Data 360's lead: low confidence, sources disagreeing (forum/data/digital-nations.yaml)
    assert "Lead differs between the overview page (Estonia)" in html
    assert 'href="https://www.leadingdigitalgovs.org/data-360"' in html
    assert "Uruguay (undated (group page))" in html
    group = WorkingGroup.objects.get(slug="data-360")
    assert f'href="/cms/snippets/groups/workinggroup/edit/{group.pk}/"' in html
    # The 2023 summit's number, inferred
    assert "inferred (next after the 9th in 2022)" in html
    assert URL in client.get("/cms/").content.decode()  # the side menu


def test_a_representative_cannot_open_the_list(verified_login, representative):
    client = verified_login(representative)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert "Lead differs" not in response.content.decode()
    assert URL not in client.get("/cms/").content.decode()
