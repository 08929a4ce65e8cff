from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .. import permissions, selectors


class ReviewIndexView(ListView):
    template_name = "reviews/index.html"
    context_object_name = "cycles"

    def get_queryset(self):
        return selectors.cycle_list()


class ReviewDetailView(DetailView):
    template_name = "reviews/review_detail.html"
    context_object_name = "review"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.review_detail(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        participants = selectors.review_participants(self.object, user)
        context.update(
            participants=participants,
            counts=selectors.participation_counts(participants),
            pledges=selectors.pledge_list(user).published().filter(review=self.object),
            contributions=selectors.contribution_list(user).published().filter(review=self.object),
            can_contribute=permissions.can_contribute(user),
            can_create_report=permissions.can_create_reports(user),
        )
        return context
