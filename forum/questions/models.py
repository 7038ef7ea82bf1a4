from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taggit.managers import TaggableManager


class QuestionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Questions a person may read: none for the public; for member officials those
        asked of all members and of the groups they take part in; all for the
        secretariat."""
        if not getattr(user, "is_authenticated", False) or not user.is_member_official:
            return self.none()
        if user.is_secretariat:
            return self
        mine = Q(group__isnull=True) | Q(group__in=user.group_memberships.values("group"))
        return self.filter(mine)

    def with_counts(self):
        return self.annotate(
            answer_count=Count("answers", distinct=True),
            helpful_count=Count("answers", filter=Q(answers__helpful=True), distinct=True),
        )


class Question(models.Model):
    """A member official asking the network — all members or one working group — for
    experience, tagged with principles and themes so it reaches those who know."""

    asker = models.ForeignKey(
        "accounts.User",
        verbose_name=_("asked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    title = models.CharField(_("question"), max_length=200)
    body = models.TextField(_("details"), blank=True)
    group = models.ForeignKey(
        "groups.WorkingGroup",
        verbose_name=_("asked in group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
        help_text=_("Empty: asked of all members."),
    )
    principles = models.ManyToManyField(
        "principles.Principle", verbose_name=_("principles"), blank=True, related_name="questions"
    )
    themes = TaggableManager(verbose_name=_("themes"), blank=True)
    documents = models.ManyToManyField(
        "documents.Document",
        verbose_name=_("related documents"),
        blank=True,
        related_name="questions",
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workspace:questions:detail", args=[self.pk])

    def is_visible_to(self, user) -> bool:
        if not getattr(user, "is_authenticated", False) or not user.is_member_official:
            return False
        return self.group is None or user.belongs_to(self.group)


class Answer(models.Model):
    """One official's answer to a question; the asker marks the helpful ones."""

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    author = models.ForeignKey(
        "accounts.User",
        verbose_name=_("answered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="answers",
    )
    body = models.TextField(_("answer"))
    helpful = models.BooleanField(_("marked helpful by the asker"), default=False)
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return _("Answer to “%(question)s”") % {"question": self.question}


class PracticeLink(models.Model):
    """A practice a thread points to, by the practice's slug (the practices app may be
    installed after this one; links to practices that do not exist are not shown)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="practice_links")
    slug = models.SlugField(_("practice"), max_length=255)
    from_thread = models.BooleanField(_("drafted from this thread"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "slug"], name="one_link_per_practice")
        ]
        verbose_name = _("linked practice")
        verbose_name_plural = _("linked practices")

    def __str__(self):
        return self.slug
