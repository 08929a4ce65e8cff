from django.db import migrations


class Migration(migrations.Migration):
    """Loaded the first version of the reference data. Its file has since grown into ``process.json``
    (Forums, events, sources), which needs the models of 0005: migration 0006 loads it, on a fresh
    database and on one that ran this step before."""

    dependencies = [("reviews", "0001_initial"), ("taxonomy", "0002_load_reference_data")]

    operations = []
