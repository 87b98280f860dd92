from django.db import migrations


def remove_welcome_page(apps, schema_editor):
    """Wagtail's install creates a placeholder home page and site; the network replaces them."""
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    ContentType = apps.get_model("contenttypes", "ContentType")
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    if page_type is None:
        return
    welcome = Page.objects.filter(depth=2, content_type=page_type, slug="home")
    Site.objects.filter(root_page__in=welcome).delete()
    for page in welcome:
        if page.numchild == 0:
            page.delete()
            root = Page.objects.get(depth=1)
            root.numchild = Page.objects.filter(depth=2, path__startswith=root.path).count()
            root.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(remove_welcome_page, migrations.RunPython.noop)]
