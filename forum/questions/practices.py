"""What this app needs from the practices app, which may not be installed yet: the
`Practice` model (with `member`, `principles`, taggit `themes`, `slug` and
`Practice.objects.published()`) and `forum.practices.services.practice_create`. Everything
here returns None or nothing when they are missing, so questions work without them."""

import importlib

from django.apps import apps
from django.db.models import Q
from django.urls import NoReverseMatch


def practice_model():
    try:
        return apps.get_model("practices", "Practice")
    except LookupError:
        return None


def published_practices():
    model = practice_model()
    if model is None:
        return None
    manager = model.objects
    return manager.published() if hasattr(manager, "published") else manager.none()


def _practices_on(principle_ids, theme_names):
    practices = published_practices()
    if practices is None or not (principle_ids or theme_names):
        return None
    match = Q()
    if principle_ids:
        match |= Q(principles__in=principle_ids)
    for name in theme_names:  # themes match whatever their case: "Open data", "open data"
        match |= Q(themes__name__iexact=name)
    return practices.filter(match)


def members_with_practices_on(principle_ids, theme_names) -> set[int]:
    """Ids of the member governments that have published practices carrying any of
    these principles or themes."""
    practices = _practices_on(principle_ids, theme_names)
    if practices is None:
        return set()
    return set(practices.exclude(member__isnull=True).values_list("member_id", flat=True))


def groups_with_practices_on(principle_ids, theme_names) -> set[int]:
    """Ids of the working groups with published practices on these principles or
    themes (where practices name a group)."""
    practices = _practices_on(principle_ids, theme_names)
    if practices is None or not any(f.name == "group" for f in practices.model._meta.fields):
        return set()
    return set(practices.exclude(group__isnull=True).values_list("group_id", flat=True))


def practices_by_slug(slugs):
    """The published practices with these slugs, in the order given."""
    practices = published_practices()
    if practices is None or not slugs:
        return []
    found = {practice.slug: practice for practice in practices.filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def practice_create_service():
    """forum.practices.services.practice_create, or None where there is none."""
    try:
        module = importlib.import_module("forum.practices.services")
    except ImportError:
        return None
    return getattr(module, "practice_create", None)


def create_draft_practice(
    *, actor, member, title, problem, approach, principles, themes, group=None
):
    """A draft practice of `member` made with practice_create, or None where the practices
    app has no such service."""
    create = practice_create_service()
    if create is None:
        return None
    return create(
        actor=actor,
        member=member,
        title=title,
        problem=problem,
        approach=approach,
        principles=principles,
        themes=themes,
        group=group,
    )


def practice_url(practice) -> str:
    """Where an official reads a practice: its workspace page (which also shows drafts
    and members-only practices), else its public page; "" while neither exists."""
    for name in ("get_workspace_url", "get_absolute_url"):
        method = getattr(practice, name, None)
        if method is None:
            continue
        try:
            return method()
        except NoReverseMatch:
            continue
    return ""


def practice_by_slug(slug):
    model = practice_model()
    if model is None or not slug:
        return None
    return model.objects.filter(slug=slug).first()
