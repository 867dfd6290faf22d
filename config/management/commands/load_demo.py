"""The whole demo in one process: migrate, then each app's demo data in the order of the layers
(idempotent: a second run adds nothing and resets the demo logins)."""

import inspect
from importlib import import_module

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

# The apps in layer order (ARCHITECTURE.md), named as strings so that `config` imports no app.
# Each app's demo is `<app>.demo.load(stdout, ...)`; an app whose `load` does not take `stdout`
# yet is loaded by its `load_<app>_demo` command.
DEMO_APPS = ["registry", "tenders", "accountability", "forums", "councils", "portal"]


def demo_module(app: str):
    try:
        return import_module(f"{app}.demo")
    except ModuleNotFoundError as error:
        if error.name == f"{app}.demo":
            return None
        raise


def demo_loader(app: str):
    """The function that loads `app`'s demo given `stdout` (and keywords it accepts), or None."""
    module = demo_module(app)
    load = getattr(module, "load", None)
    if load is not None and "stdout" in inspect.signature(load).parameters:
        return load
    command = f"load_{app}_demo"
    if command in get_commands():
        return lambda stdout, **options: call_command(command, stdout=stdout)
    return None


class Command(BaseCommand):
    help = "Migrate and load the demo data of every app: what `make run` does before serving."

    def add_arguments(self, parser):
        parser.add_argument("--ngos", type=int, default=23_000, help="NGOs in the demo register")

    def handle(self, *args, ngos, **options):
        call_command("migrate", interactive=False, verbosity=options["verbosity"])
        for app in DEMO_APPS:
            load = demo_loader(app)
            if load is None:
                continue
            if "ngos" in inspect.signature(load).parameters:
                load(stdout=self.stdout, ngos=ngos)
            else:
                load(stdout=self.stdout)
