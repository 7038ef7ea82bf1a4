"""Password rules of the forum, on top of Django's own validators (see
AUTH_PASSWORD_VALIDATORS): a longer minimum for the secretariat, and no passwords made of
the forum's own words or of a member country's name."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Role

# The forum's own words, compared on letters only ("Digital-Nations" is "digitalnations").
FORUM_WORDS = ("digitalnations", "leadingdigitalgovs")


def letters(text: str) -> str:
    """The letters of a text, in lower case, without spaces, digits or punctuation."""
    return re.sub(r"[\W\d_]+", "", text.casefold())


def is_secretariat_account(user) -> bool:
    if user is None:
        return False
    return getattr(user, "role", "") == Role.SECRETARIAT or bool(
        getattr(user, "is_superuser", False)
    )


class SecretariatMinimumLengthValidator:
    """The secretariat can publish, invite and read the audit log: its passwords are
    longer. Django passes the user (saved or not) to validate()."""

    def __init__(self, min_length=15):
        self.min_length = min_length

    def validate(self, password, user=None):
        if is_secretariat_account(user) and len(password) < self.min_length:
            raise ValidationError(
                ngettext(
                    "Secretariat passwords must have at least %(min_length)d character.",
                    "Secretariat passwords must have at least %(min_length)d characters.",
                    self.min_length,
                ),
                code="password_too_short_for_secretariat",
                params={"min_length": self.min_length},
            )

    def get_help_text(self):
        return ngettext(
            "The secretariat's passwords need at least %(min_length)d character.",
            "The secretariat's passwords need at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


def member_country_names() -> list[str]:
    """Member countries' names as letters only, with the short form of "Republic of …"."""
    from forum.members.models import Member

    names = set()
    for name in Member.objects.values_list("name", flat=True):
        names.add(letters(name))
        short = re.sub(r"^(the\s+)?republic\s+of\s+(the\s+)?", "", name.strip(), flags=re.I)
        names.add(letters(short))
    return sorted((name for name in names if len(name) >= 4), key=len, reverse=True)


class ForumWordsValidator:
    """Rejects passwords containing the forum's name ("Digital Nations", "DigitalNations",
    "LeadingDigitalGovs") and passwords that are mostly a member country's name
    ("Estonia2024!"): the first words anyone would try against the forum's accounts."""

    def validate(self, password, user=None):
        text = letters(password)
        if any(word in text for word in FORUM_WORDS):
            raise ValidationError(
                _("Your password must not contain the forum's name."),
                code="password_forum_name",
            )
        if not text:
            return
        remaining = text
        for country in member_country_names():
            remaining = remaining.replace(country, "")
        # "Mostly": once the country names are taken out, fewer than half of the
        # password's letters are left.
        if len(remaining) * 2 < len(text):
            raise ValidationError(
                _("Your password must not be mostly a member country's name."),
                code="password_country_name",
            )

    def get_help_text(self):
        return _(
            "Do not use the forum's name (Digital Nations) or mostly a member country's name "
            "(such as Estonia2024)."
        )
