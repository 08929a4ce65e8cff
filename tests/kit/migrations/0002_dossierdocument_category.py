from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("kit", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="dossierdocument",
            name="category",
            field=models.CharField(choices=[("plan", "Plan"), ("annex", "Annex")], default="plan", max_length=10),
        ),
    ]
