"""Every message the user can see is translated into Kazakh, Russian and English."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("kk", "ru", "en")


def po_path(base: Path, lang: str) -> Path:
    return base / lang / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    """The committed catalogues, merged with the messages the code holds today."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI") == "true":
            pytest.fail("gettext must be installed under CI")
        pytest.skip("gettext (xgettext) is not installed")
    # makemessages writes into a `locale/` folder of the directory it runs in, whatever
    # LOCALE_PATHS says, and into an app's own `locale/` for that app's files; so it runs in a
    # copy of the sources, with the committed catalogues copied beside them, and the real ones
    # are never touched.
    work = tmp_path_factory.mktemp("sources")
    skipped = {"locale", ".venv", ".pgdata", "media", "staticfiles", "bench", ".git"}
    ignore = shutil.ignore_patterns("__pycache__", "*.mo", "node_modules")
    for entry in ROOT.iterdir():
        if entry.name in skipped or entry.name.startswith("."):
            continue
        if entry.is_dir():
            shutil.copytree(entry, work / entry.name, ignore=ignore, symlinks=True)
        elif entry.suffix == ".py":
            shutil.copy2(entry, work / entry.name)
    locale = work / "catalogues"
    shutil.copytree(ROOT / "locale", locale)
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "makemessages",
            "--no-location",
            "--no-obsolete",
            *[f"-l{lang}" for lang in LANGUAGES],
        ],
        cwd=work,
        env={**os.environ, "DJANGO_LOCALE_DIR": str(locale)},
        check=True,
        capture_output=True,
    )
    return work


def catalogues(base: Path, shared: Path) -> list[Path]:
    """The project's shared catalogue folder and each app's own `locale/` under `base`."""
    return [shared, *sorted(p for p in base.glob("*/locale") if p.is_dir())]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_in_the_code_is_translated(extracted, lang):
    for folder in catalogues(extracted, extracted / "catalogues"):
        catalogue = polib.pofile(str(po_path(folder, lang)))
        missing = [e.msgid for e in catalogue.untranslated_entries()]
        fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
        assert not missing, f"{folder.parent.name} {lang}: untranslated: {missing[:20]}"
        assert not fuzzy, f"{folder.parent.name} {lang}: fuzzy: {fuzzy[:20]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(lang):
    for folder in catalogues(ROOT, ROOT / "locale"):
        po = polib.pofile(str(po_path(folder, lang)))
        mo = polib.mofile(str(po_path(folder, lang).with_suffix(".mo")))
        compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in mo}
        for entry in po.translated_entries():
            assert (entry.msgctxt, entry.msgid) in compiled, f"{lang}: not compiled: {entry.msgid}"


def test_pages_are_served_in_the_language_of_the_url(client, db):
    assert 'lang="kk"' in client.get("/kk/").content.decode()
    assert "Главная" in client.get("/ru/").content.decode()
    response = client.get("/ru/ngos/?q=abc")
    assert 'href="/kk/ngos/?q=abc"' in response.content.decode()


@pytest.mark.parametrize("lang", ("kk", "ru"))
def test_translations_keep_the_placeholders_of_the_source(lang):
    placeholder = re.compile(r"%\(\w+\)[sd]")
    for entry in polib.pofile(str(po_path(ROOT / "locale", lang))).translated_entries():
        wanted = set(placeholder.findall(entry.msgid))
        forms = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for form in forms:
            assert set(placeholder.findall(form)) == wanted, f"{lang}: {entry.msgid!r}"
