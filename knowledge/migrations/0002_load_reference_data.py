from django.db import migrations


def load(apps, schema_editor):
    from knowledge.loader import load_reference

    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial"), ("taxonomy", "0002_load_reference_data")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
