"""The register's demo: a register at the real scale of Kazakhstan's NGO sector, and the logins.

Sizes and shares follow /work/shared/domain.md ("Scale") and registry.reference, so that the
directory, its filters and the reports behave in a demo as they will with the real register.
Every draw comes from one seeded generator: the same seed on the same day gives the same register.

Demo logins, all with the password demo-Pass-2026: official@demo.kz (ministry official of the
Ministry of Culture and Information), ngo@demo.kz (representative of one active NGO) and
admin@demo.kz (administrator). A second run only resets these accounts.

`load(stdout, ngos=...)` is what `manage.py load_demo` (and `load_demo_data`) call.
"""

import os
import time
from collections import Counter

from ..models import NGO, AnnualReport, Membership, ResourceCentre
from .accounts import ADMIN_EMAIL, NGO_EMAIL, OFFICIAL_EMAIL, PASSWORD, ensure_demo_accounts
from .register import DemoRegister, analyze, create_register

__all__ = ["PASSWORD", "DemoRegister", "create_register", "ensure_demo_accounts", "load"]


def load(stdout, ngos: int = 23_000, seed: int = 2026) -> None:
    """Fill the register up to `ngos` NGOs (nothing when it holds enough) and reset the logins."""
    started = time.monotonic()
    existing = NGO.objects.count()
    if existing >= ngos:
        stdout.write(f"The register already holds {existing} NGOs; no demo data added.")
    else:
        created = create_register(ngos - existing, seed)
        analyze(NGO, NGO.activity_areas.through, AnnualReport, Membership, ResourceCentre)
        stdout.write(summary(created, time.monotonic() - started))
    ngo = ensure_demo_accounts()
    port = os.environ.get("PORT", "8000")
    stdout.write(
        f"Open http://127.0.0.1:{port}/ — logins: {OFFICIAL_EMAIL} / {PASSWORD} "
        f"(ministry official), {NGO_EMAIL} / {PASSWORD} (NGO representative"
        + (f" of {ngo.name_ru}, BIN {ngo.bin}" if ngo else "")
        + f"), {ADMIN_EMAIL} / {PASSWORD} (administrator)"
    )


def summary(created: Counter, seconds: float) -> str:
    statuses = NGO.Status.values
    by_status = ", ".join(f"{s} {created[s]}" for s in statuses if created[s])
    return (
        f"Created {sum(created[s] for s in statuses)} NGOs ({by_status}), "
        f"{created['reports']} annual reports, {created['memberships']} association memberships, "
        f"{created['resource_centres']} resource centres in {seconds:.1f} s."
    )
