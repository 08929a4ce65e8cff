"""Reads of the expert roster: the list staff work from and its balance."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from gcm_portal.core.charts import Series, bar_chart
from gcm_portal.taxonomy.choices import ContentLanguage
from gcm_portal.taxonomy.models import M49Region, Objective

from ..choices import ExpertStatus, Gender, OrganisationType
from ..models import Expert

__all__ = ["expert_detail", "expert_list", "roster_balance"]


def expert_list(user) -> QuerySet[Expert]:
    return (
        Expert.objects.visible_to(user)
        .select_related("user", "country", "region", "un_entity")
        .prefetch_related("objectives")
    )


def expert_detail(user) -> QuerySet[Expert]:
    return expert_list(user).prefetch_related("cvs", "assignments__practice")


def roster_balance() -> dict:
    """The approved roster by gender, region, language, organisation type and objective coverage, each as
    a chart with its table, and the objectives no expert covers. A fixed number of queries."""
    experts = list(Expert.objects.approved().prefetch_related("objectives"))
    total = len(experts)

    def chart(title, description, pairs, category_label):
        return bar_chart(
            title=title,
            description=description,
            categories=[str(label) for label, _count in pairs],
            series=[Series(_("Experts"), [count for _label, count in pairs])],
            category_label=category_label,
        )

    genders = Counter(e.gender for e in experts)
    regions = Counter(e.region_id for e in experts)
    region_names = dict(M49Region.objects.filter(level="region").values_list("pk", "name"))
    languages = Counter(code for e in experts for code in set(e.languages or []))
    kinds = Counter(e.organisation_type for e in experts)
    objective_counts = Counter(o.number for e in experts for o in e.objectives.all())
    objectives = list(Objective.objects.all())
    return {
        "total": total,
        "pending": Expert.objects.filter(status=ExpertStatus.SUBMITTED).count(),
        "gender": chart(
            _("Experts by gender"),
            _("Number of approved experts by gender."),
            [(label, genders.get(value, 0)) for value, label in Gender.choices],
            _("Gender"),
        ),
        "region": chart(
            _("Experts by region of expertise"),
            _("Number of approved experts by M49 region."),
            [(name, regions.get(pk, 0)) for pk, name in sorted(region_names.items(), key=lambda item: item[1])],
            _("Region"),
        ),
        "language": chart(
            _("Experts by working language"),
            _("Number of approved experts who work in each language."),
            [(label, languages.get(value, 0)) for value, label in ContentLanguage.choices if value != "other"],
            _("Language"),
        ),
        "organisation": chart(
            _("UN and external experts"),
            _("Number of approved experts inside and outside the UN system."),
            [(label, kinds.get(value, 0)) for value, label in OrganisationType.choices],
            _("Organisation"),
        ),
        "objectives": chart(
            _("Experts per GCM objective"),
            _("Number of approved experts with expertise in each objective."),
            [(f"{o.number}. {o.short_label}", objective_counts.get(o.number, 0)) for o in objectives],
            _("Objective"),
        ),
        "uncovered": [o for o in objectives if not objective_counts.get(o.number)],
    }


def pending_applications(user) -> QuerySet[Expert]:
    return expert_list(user).filter(status=ExpertStatus.SUBMITTED).order_by("created_at")


def status_counts() -> dict[str, int]:
    return dict(Expert.objects.values_list("status").annotate(n=Count("pk")))
