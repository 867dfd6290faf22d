"""The portal's part of the demo: the open-data files, built once every app's demo is in."""

import time

from portal import opendata


def load(stdout):
    started = time.monotonic()
    document = opendata.build()
    stdout.write(
        f"Open data: {len(document['files'])} files written "
        f"in {time.monotonic() - started:.1f} s ({opendata.root()})"
    )
