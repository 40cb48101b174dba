from django.db import migrations, models


class Migration(migrations.Migration):
    """Glossary terms get a version number, so two saves of one term cannot both succeed."""

    dependencies = [
        ("articles", "0005_content_validation"),
    ]

    operations = [
        migrations.AddField(
            model_name='glossaryterm',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name='historicalglossaryterm',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
    ]
