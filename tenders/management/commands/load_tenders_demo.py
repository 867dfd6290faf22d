import time

from django.core.management.base import BaseCommand

from tenders import demo


class Command(BaseCommand):
    help = (
        "Demo competitions: the 2003–2005 rounds with their published figures, 2025 at the "
        "seeds' scale over the demo register, and competitions open now (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2025, help="seed of the random generator")

    def handle(self, *args, seed, **options):
        started = time.monotonic()
        counts = demo.load(seed)
        demo.analyze_tenders()
        if not any(counts.values()):
            self.stdout.write("The demo competitions are already loaded; nothing added.")
            return
        self.stdout.write(
            f"Created {counts['competitions']} competitions, {counts['lots']} lots, "
            f"{counts['applications']} applications, {counts['awards']} awards and "
            f"{counts['contracts']} contracts "
            f"in {time.monotonic() - started:.1f} s."
        )
