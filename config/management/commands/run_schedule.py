"""`manage.py run_schedule`: the beat schedule in-process when there is no broker (config.schedule).

`make run` starts it beside the development server; `--once` runs what is due and returns.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from config import schedule


class Command(BaseCommand):
    help = "Run the tasks of the beat schedule on their intervals, without a broker."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run what is due, then stop")

    def handle(self, *args, once, **options):
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            self.stdout.write("A broker is configured: `make beat` keeps the schedule.")
            return
        while True:
            for name, succeeded in schedule.run_due().items():
                self.stdout.write(f"{name}: {'done' if succeeded else 'failed'}")
            if once:
                return
            time.sleep(schedule.tick_seconds())
            close_old_connections()  # a connection the server dropped meanwhile is made afresh
