"""`manage.py load_demo_data --ngos N`: the register's demo alone (registry.demo)."""

from django.core.management.base import BaseCommand

from registry import demo


class Command(BaseCommand):
    help = (
        "Fill the register with realistic demo NGOs (skipped when it holds enough) and ensure the "
        f"demo logins official@demo.kz, ngo@demo.kz and admin@demo.kz (password {demo.PASSWORD})."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ngos", type=int, default=23_000, help="NGOs the register should hold"
        )
        parser.add_argument("--seed", type=int, default=2026, help="seed of the random generator")

    def handle(self, *args, ngos, seed, **options):
        demo.load(self.stdout, ngos=ngos, seed=seed)
