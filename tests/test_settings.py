"""Development defaults that cannot be abused: a per-checkout secret key, never a constant."""

import subprocess
from pathlib import Path

from django.conf import settings

from config.settings import BASE_DIR, development_secret_key


def test_the_development_key_is_made_once_per_checkout_and_kept(tmp_path):
    path = tmp_path / ".secret_key"
    key = development_secret_key(path)
    assert len(key) >= 50 and path.read_text() == key
    assert path.stat().st_mode & 0o077 == 0
    assert development_secret_key(path) == key
    assert development_secret_key(tmp_path / "other") != key


def test_this_checkout_runs_with_its_own_key_kept_out_of_git():
    assert "insecure" not in settings.SECRET_KEY
    assert (Path(BASE_DIR) / ".secret_key").read_text().strip() == settings.SECRET_KEY
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", ".secret_key"], cwd=BASE_DIR, check=False
    )
    assert ignored.returncode == 0


def test_make_run_says_it_is_a_development_server():
    dry = subprocess.run(
        ["make", "-n", "run"], cwd=BASE_DIR, capture_output=True, text=True, check=True
    )
    assert "DEVELOPMENT SERVER" in dry.stdout
