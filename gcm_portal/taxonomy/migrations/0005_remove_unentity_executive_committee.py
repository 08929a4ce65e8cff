from django.db import migrations


class Migration(migrations.Migration):
    """The yes/no flag goes once 0004 has turned it into dated terms (a migration of its own, so that
    PostgreSQL never alters a table in the transaction that just wrote to it)."""

    dependencies = [
        ("taxonomy", "0004_dated_committee_non_regional_round_tables"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="unentity",
            name="executive_committee",
        ),
    ]
