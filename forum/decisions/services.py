from .models import Decision


def summit_decisions(summit) -> list[Decision]:
    """What a summit decided, each with its latest progress note (`latest_note`), for
    the summit's page (decisions/summit_decisions.html): two queries."""
    decisions = list(Decision.objects.of_summit(summit).listed().prefetch_related("progress_notes"))
    for decision in decisions:
        notes = list(decision.progress_notes.all())
        decision.latest_note = notes[-1] if notes else None
    return decisions
