"""The whole demo in one process: migrate, the register, then each app's demo data (idempotent)."""

from importlib import import_module

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Each app's own demo command, in the order their data depends on each other.
APP_DEMOS = ["load_tenders_demo"]
# Apps whose demo is a `demo` package with `load(stdout)`, in the order of the layers; named as
# strings so that `config` imports no app.
DEMO_PACKAGES = ["accountability", "forums", "councils", "portal"]


def demo_module(app: str):
    try:
        return import_module(f"{app}.demo")
    except ModuleNotFoundError as error:
        if error.name == f"{app}.demo":
            return None
        raise


class Command(BaseCommand):
    help = "Migrate and load the demo data of every app: what `make run` does before serving."

    def add_arguments(self, parser):
        parser.add_argument("--ngos", type=int, default=23_000, help="NGOs in the demo register")

    def handle(self, *args, ngos, **options):
        call_command("migrate", interactive=False, verbosity=options["verbosity"])
        call_command("load_demo_data", ngos=ngos, stdout=self.stdout)
        for command in APP_DEMOS:
            call_command(command, stdout=self.stdout)
        for app in DEMO_PACKAGES:
            module = demo_module(app)
            if module is not None:
                module.load(stdout=self.stdout)
