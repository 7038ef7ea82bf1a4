import datetime

import factory

from forum.decisions.models import Decision, DecisionStatus, ProgressNote


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    title = factory.Sequence(lambda n: f"Test decision {n}")
    text = "What was agreed, in more words."
    status = DecisionStatus.AGREED
    date = datetime.date(2030, 1, 1)
    sources = "https://example.org/decision"


class ProgressNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressNote

    decision = factory.SubFactory(DecisionFactory)
    date = datetime.date(2030, 6, 1)
    text = "Half of it is done."
