from django.core.management.base import BaseCommand

from portal import opendata


class Command(BaseCommand):
    help = "Write the open-data files (register, annual figures, results, OCDS, 360Giving)."

    def handle(self, *args, **options):
        document = opendata.build()
        self.stdout.write(
            f"open data: {len(document['files'])} files in {opendata.root()} "
            f"at {document['generated_at']}"
        )
