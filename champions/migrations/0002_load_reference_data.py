from django.db import migrations


def load(apps, schema_editor):
    from champions.loader import load_reference

    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("champions", "0001_initial"), ("taxonomy", "0003_country_sort_name")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
