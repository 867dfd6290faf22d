from django.db import migrations

from registry import reference


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(reference.load, migrations.RunPython.noop)]
