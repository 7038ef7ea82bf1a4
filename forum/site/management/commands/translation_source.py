import sys

import yaml

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError

from forum.core.models import Translation
from forum.core.translation import TRANSLATABLE, english_text, list_block, record_key


class Command(BaseCommand):
    help = (
        "Print the English texts to translate, in the layout of forum/data/translations/"
        "<language>.yaml; with --missing LANGUAGE only those without a translation yet."
    )

    def add_arguments(self, parser):
        parser.add_argument("--missing", metavar="LANGUAGE", help="Only what LANGUAGE lacks.")

    def handle(self, *args, missing=None, **options):
        codes = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
        if missing is not None and missing not in codes:
            raise CommandError(f"{missing} is not one of {', '.join(sorted(codes))}")
        out = {}
        for section, item in TRANSLATABLE.items():
            if item.key is None:
                continue
            model = apps.get_model(item.model)
            content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
            done = set()
            if missing:
                done = set(
                    Translation.objects.filter(content_type=content_type, language=missing)
                    .exclude(text="")
                    .values_list("object_id", "field")
                )
            for obj in model._default_manager.order_by(*item.key.split(",")):
                fields = {}
                for name in item.fields:
                    text = english_text(obj, name)
                    if text and (str(obj.pk), name) not in done:
                        listed = list_block(model._meta.label, name) is not None
                        fields[name] = text.splitlines() if listed else text
                if fields:
                    out.setdefault(section, {})[record_key(obj, item.key)] = fields
        yaml.safe_dump(out, sys.stdout, allow_unicode=True, sort_keys=False, width=88)
