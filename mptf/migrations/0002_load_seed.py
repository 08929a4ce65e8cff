from django.db import migrations


def load(apps, schema_editor):
    from mptf.loader import load_seed

    load_seed(apps)


class Migration(migrations.Migration):
    dependencies = [("mptf", "0001_initial"), ("taxonomy", "0003_country_sort_name")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
