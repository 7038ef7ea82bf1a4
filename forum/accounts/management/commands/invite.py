from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from forum.accounts import services
from forum.accounts.models import Role
from forum.groups.models import WorkingGroup
from forum.members.models import Member


class Command(BaseCommand):
    help = "Invite a person to open an account: prints a single-use link and the date it expires."

    def add_arguments(self, parser):
        parser.add_argument("email", help="The person's email address.")
        parser.add_argument(
            "--role", required=True, choices=Role.values, help="The account's role."
        )
        parser.add_argument(
            "--member",
            help="ISO code of the member government (EE, CA…); required for "
            "representatives and group leads.",
        )
        parser.add_argument("--group", help="Slug of the working group; required for a group lead.")

    def handle(self, *args, email, role, member=None, group=None, **options):
        member_obj = group_obj = None
        if member:
            member_obj = Member.objects.filter(iso_code__iexact=member.strip()).first()
            if member_obj is None:
                codes = ", ".join(
                    Member.objects.order_by("iso_code").values_list("iso_code", flat=True)
                )
                raise CommandError(
                    f"No member government with ISO code {member!r}. Known: {codes}."
                )
        if group:
            group_obj = WorkingGroup.objects.filter(slug=group.strip()).first()
            if group_obj is None:
                slugs = ", ".join(
                    WorkingGroup.objects.order_by("slug").values_list("slug", flat=True)
                )
                raise CommandError(f"No working group with slug {group!r}. Known: {slugs}.")
        try:
            invitation, path = services.invitation_create(
                email=email, role=role, member=member_obj, group=group_obj
            )
        except ValidationError as error:
            problems = "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            )
            raise CommandError(f"No invitation created. {problems}") from error
        expires = timezone.localtime(invitation.expires_at)
        self.stdout.write(f"Invitation for {invitation.email} ({invitation.get_role_display()})")
        self.stdout.write(services.invitation_link(path))
        self.stdout.write(f"Single use; expires {expires:%Y-%m-%d %H:%M %Z}.")
