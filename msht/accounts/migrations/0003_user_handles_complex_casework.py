from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_new_roles"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="handles_complex_casework",
            field=models.BooleanField(default=False, verbose_name="Handles complex casework"),
        ),
    ]
