from argparse import ArgumentTypeError

from django.core.management.base import BaseCommand, CommandError

from forum.site.demo import (
    MAXIMUM,
    DemoDataError,
    demo_data_clear,
    demo_data_counts,
    demo_data_generate,
)


def count(value) -> int:
    try:
        number = int(str(value).replace("_", "").replace(",", ""))
    except ValueError:
        raise ArgumentTypeError(f"“{value}” is not a whole number.") from None
    if number < 0 or number > MAXIMUM:
        raise ArgumentTypeError(f"give a number from 0 to {MAXIMUM:,}, not {number:,}.")
    return number


class Command(BaseCommand):
    help = (
        "Add synthetic documents, practices and people on top of the forum's real data "
        "(run load_forum_data first), for benchmarks and demonstrations. Records are "
        "numbered and marked (slugs and usernames start with demo-): running again adds "
        "only what is missing, and --clear removes them all. The same --seed gives the "
        "same records."
    )

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=count, default=0, metavar="N")
        parser.add_argument("--practices", type=count, default=0, metavar="N")
        parser.add_argument(
            "--people", type=count, default=0, metavar="N", help="Invited officials."
        )
        parser.add_argument("--seed", type=int, default=1, help="Default: 1.")
        parser.add_argument(
            "--clear",
            action="store_true",
            help="Remove every demo record first (alone: remove them and stop).",
        )

    def handle(self, *args, documents, practices, people, seed, clear, **options):
        # call_command() passes numbers as they are, without the parser's checks.
        try:
            documents, practices, people = count(documents), count(practices), count(people)
        except ArgumentTypeError as error:
            raise CommandError(str(error)) from None
        verbose = options["verbosity"] > 0
        progress = self.stdout.write if options["verbosity"] > 1 else None
        if not (documents or practices or people or clear):
            raise CommandError(
                "Say what to make, such as --documents 1000 --practices 100 --people 50, "
                "or --clear to remove the demo records."
            )
        if clear:
            report = demo_data_clear(progress=progress)
            if verbose:
                self.stdout.write(str(report))
        if documents or practices or people:
            try:
                report = demo_data_generate(
                    documents=documents,
                    practices=practices,
                    people=people,
                    seed=seed,
                    progress=progress,
                )
            except DemoDataError as error:
                raise CommandError(str(error)) from error
            if verbose:
                self.stdout.write(str(report))
        if verbose:
            counts = ", ".join(f"{n:,} {name}" for name, n in demo_data_counts().items())
            self.stdout.write(f"Demo records now: {counts}.")
