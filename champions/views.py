from django.views.generic import TemplateView


class ChampionsIndexView(TemplateView):
    """The Champion countries initiative: what it is and how it started (sourced facts)."""

    template_name = "champions/index.html"
