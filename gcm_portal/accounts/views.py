from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse, reverse_lazy, translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, UpdateView

from gcm_portal.core.email import email_send_template

from . import selectors, services
from .forms import ProfileForm, RegistrationForm, SignInForm


def _redirect_in_language(url: str, language: str) -> HttpResponseRedirect:
    """Redirect to ``url`` as seen in ``language`` and remember the choice in the language cookie."""
    response = HttpResponseRedirect(translate_url(url, language))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        super().form_valid(form)
        return _redirect_in_language(self.get_success_url(), form.get_user().preferred_language)


class RegisterView(FormView):
    template_name = "accounts/register.html"
    form_class = RegistrationForm
    success_url = reverse_lazy("accounts:register-sent")

    def get_initial(self):
        return {"preferred_language": translation.get_language()}

    @transaction.atomic
    def form_valid(self, form):
        data = form.cleaned_data
        user = services.member_register(
            email=data["email"],
            password=data["password1"],
            full_name=data["full_name"],
            organisation=data["organisation"],
            preferred_language=data["preferred_language"],
        )
        link = self.request.build_absolute_uri(
            reverse("accounts:confirm", args=[services.account_confirmation_token(user)])
        )
        email_send_template(
            to=[user.email],
            template_prefix="accounts/email/confirm",
            context={"user_name": str(user), "link": link},
            language=user.preferred_language,
        )
        return super().form_valid(form)


class RegistrationSentView(TemplateView):
    template_name = "accounts/register_sent.html"


class ConfirmView(TemplateView):
    template_name = "accounts/confirm_failed.html"

    def get(self, request, *args, **kwargs):
        try:
            services.account_confirm(token=kwargs["token"])
        except services.ConfirmationError as error:
            return self.render_to_response(self.get_context_data(error=str(error)))
        messages.success(request, _("Your e-mail address is confirmed. You can sign in now."))
        return HttpResponseRedirect(reverse("accounts:login"))


class ProfileView(LoginRequiredMixin, UpdateView):
    template_name = "accounts/profile.html"
    form_class = ProfileForm

    def get_object(self, queryset=None):
        return self.request.user

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = selectors.membership_list_for(user=self.request.user)
        return context

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("Your profile is saved."))
        return _redirect_in_language(reverse("accounts:profile"), form.instance.preferred_language)
