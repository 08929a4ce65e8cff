from django.db import migrations


def load(apps, schema_editor):
    from reviews.loader import load_regional_reviews

    load_regional_reviews(apps)


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial"), ("taxonomy", "0002_load_reference_data")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
