import pytest

from forum.core.models import ContentClock

from .factories import DecisionFactory, ProgressNoteFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("make", [DecisionFactory, ProgressNoteFactory])
def test_saving_a_decision_or_a_note_moves_the_content_clock(
    make, django_capture_on_commit_callbacks
):
    ContentClock.touch()
    before = ContentClock.objects.get().changed_at
    with django_capture_on_commit_callbacks(execute=True):
        make()
    assert ContentClock.objects.get().changed_at > before


def test_a_recorded_decision_is_headed_by_its_title():
    assert DecisionFactory(title="Meet again in Seoul").heading == "Meet again in Seoul"
