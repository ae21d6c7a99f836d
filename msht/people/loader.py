"""The register's posts as shipped: the four national roles and an MSHT lead for every Area.

Loaded by migration 0002 from the frozen file beside it and again after a flush (test
databases); it only adds what is missing, so running it twice changes nothing. Strand posts,
for an Area that splits its lead by strand, are added from the register's pages.
"""

import json
from pathlib import Path

POSTS_FILE = Path(__file__).parent / "data" / "posts.json"
AREA_ORDER = 10


def load_posts(apps=None, posts_file: Path = POSTS_FILE) -> None:
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    post_model = apps.get_model("people", "Post")
    area_model = apps.get_model("reference", "Area")
    data = json.loads(posts_file.read_text())
    for kind, order in data["national"]:
        if not post_model.objects.filter(kind=kind, area__isnull=True).exists():
            post_model.objects.create(kind=kind, area=None, strand="all", order=order)
    for area in area_model.objects.filter(code__in=data["area_leads"]):
        post_model.objects.get_or_create(
            kind="area_lead", area=area, strand="all", defaults={"order": AREA_ORDER}
        )
