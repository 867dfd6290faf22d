"""Open data: bulk files of the register, annual figures and competitions, built nightly.

`build()` writes every file into settings.OPEN_DATA_ROOT atomically (a temporary file renamed
into place), a dated copy under `archive/<date>/`, and `manifest.json` listing each file with
its time, size, rows and SHA-256. The files are served as they are, never built per request.
"""

from . import datasets, fields
from .writer import LICENCE, LICENCE_NAME, build, manifest, root

__all__ = ["LICENCE", "LICENCE_NAME", "build", "datasets", "fields", "manifest", "root"]
