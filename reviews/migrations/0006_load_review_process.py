from django.db import migrations


PARTIES = {
    "civil": "civil_society",
    "ngo": "civil_society",
    "un ": "un_entity",
    "united nations": "un_entity",
    "local": "local_authority",
    "city": "local_authority",
    "private": "private_sector",
    "business": "private_sector",
    "academ": "academia",
    "university": "academia",
}


def _party(entity_type: str) -> str:
    return next((party for word, party in PARTIES.items() if word in f"{entity_type} "), "other")


def forward(apps, schema_editor):
    """Give existing reviews their codes and existing pledges their new fields, then load the review
    process from ``reviews/data/process.json`` (which matches existing reviews by code)."""
    RegionalReview = apps.get_model("reviews", "RegionalReview")
    Pledge = apps.get_model("reviews", "Pledge")
    for review in RegionalReview.objects.filter(code__isnull=True).select_related("cycle", "commission"):
        review.code = f"{review.cycle.code}-{review.commission.code.lower()}"
        review.save(update_fields=["code"])
    for pledge in Pledge.objects.prefetch_related("countries"):
        pledge.reference = f"PLG-{pledge.pk:06d}"
        entity_type = pledge.entity_type.strip().lower()
        state = entity_type in ("state", "member state", "government")
        pledge.party_type = "member_state" if state else _party(entity_type)
        pledge.kind = "partnership" if pledge.kind == "joint" else pledge.kind
        pledge.pledged_on = pledge.created_at.date()
        pledge.is_global = pledge.region.strip().lower() == "global"
        if pledge.is_global:
            pledge.region = ""
        pledge.save(update_fields=["reference", "party_type", "kind", "pledged_on", "is_global", "region"])
        if state:
            pledge.pledging_countries.set(pledge.countries.all())

    from reviews.loader import load_review_process

    load_review_process(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0005_review_process_forum_events_invitations_pledges"),
        ("taxonomy", "0005_remove_unentity_executive_committee"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
