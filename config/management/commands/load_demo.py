"""The whole demo in one process: migrate, the register, then each app's demo data (idempotent)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Each app's own demo command, in the order their data depends on each other.
APP_DEMOS = ["load_tenders_demo"]


class Command(BaseCommand):
    help = "Migrate and load the demo data of every app: what `make run` does before serving."

    def add_arguments(self, parser):
        parser.add_argument("--ngos", type=int, default=23_000, help="NGOs in the demo register")

    def handle(self, *args, ngos, **options):
        call_command("migrate", interactive=False, verbosity=options["verbosity"])
        call_command("load_demo_data", ngos=ngos, stdout=self.stdout)
        for command in APP_DEMOS:
            call_command(command, stdout=self.stdout)
