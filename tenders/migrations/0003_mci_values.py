"""The published monthly calculation index (MCI) of each year, tenge; administrators add later
years in the Django admin when the budget law sets them."""

from django.db import migrations

# Budget laws of the Republic of Kazakhstan (2025's is also the demo data's award basis).
PUBLISHED = {2023: 3_450, 2024: 3_692, 2025: 3_932, 2026: 4_325}


def seed(apps, schema_editor):
    MCIValue = apps.get_model("tenders", "MCIValue")
    for year, value in PUBLISHED.items():
        MCIValue.objects.get_or_create(year=year, defaults={"value_tenge": value})


class Migration(migrations.Migration):
    dependencies = [("tenders", "0002_contracts_and_mci")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
