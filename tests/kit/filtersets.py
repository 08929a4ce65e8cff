import django_filters

from gcm_portal.taxonomy.filters import CountryFilter, ObjectiveFilter

from .models import Note


class NoteFilterSet(django_filters.FilterSet):
    country = CountryFilter("countries", distinct=True)
    objective = ObjectiveFilter("objectives")

    class Meta:
        model = Note
        fields = ["country", "objective"]
