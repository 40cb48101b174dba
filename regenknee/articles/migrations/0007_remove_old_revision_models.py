from django.db import migrations


class Migration(migrations.Migration):
    """Drafts and proposals now live in editorial.Revision (copied there by
    editorial 0002_copy_old_drafts_and_proposals); the old tables go."""

    dependencies = [
        ("articles", "0006_version_for_conditional_saves"),
        ("editorial", "0002_copy_old_drafts_and_proposals"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='article',
            options={'ordering': ['position', 'title']},
        ),
        migrations.DeleteModel(name="RevisionReference"),
        migrations.DeleteModel(name="HistoricalArticleRevision"),
        migrations.DeleteModel(name="HistoricalContentChange"),
        migrations.DeleteModel(name="ArticleRevision"),
        migrations.DeleteModel(name="ContentChange"),
    ]
