from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse, reverse_lazy, translate_url
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView, UpdateView

from gcm_portal.core.clientip import client_address
from gcm_portal.core.email import email_send_template
from gcm_portal.core.models import SecurityEvent
from gcm_portal.core.ratelimit import rate_limited, too_many_requests
from gcm_portal.core.security import security_event

from . import selectors, services
from .forms import ApiTokenForm, ProfileForm, QueuedPasswordResetForm, RegistrationForm, SignInForm
from .models import User
from .security import lockout_lift


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


def _too_many(request):
    return too_many_requests(
        request, _("Too many attempts from your address. Please wait a few minutes and try again.")
    )


class SignInView(auth_views.LoginView):
    """Sign-in, throttled per client address (``PAGE_RATE_LIMITS``); repeated failures for one account
    from one address lock that pair out (django-axes, see ``accounts/security.py``)."""

    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if rate_limited("sign-in-address", client_address(request)):
            security_event(SecurityEvent.Event.SIGN_IN_THROTTLED, username=request.POST.get("username", ""))
            return _too_many(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        super().form_valid(form)
        from .twofactor import second_factor_next

        next_step = second_factor_next(self.request, self.get_success_url())
        if next_step:
            return HttpResponseRedirect(next_step)
        return _redirect_in_language(self.get_success_url(), form.get_user().preferred_language)


class PasswordResetView(auth_views.PasswordResetView):
    """Throttled per client address (429) and per e-mail address (silently: the page says the same
    whether or not an e-mail went out, so it reveals nothing about accounts)."""

    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password-reset-done")

    def post(self, request, *args, **kwargs):
        if rate_limited("password-reset-address", client_address(request)):
            return _too_many(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        security_event(SecurityEvent.Event.PASSWORD_RESET_REQUESTED, username=email)
        if rate_limited("password-reset-email", email):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A new password through the reset link: every session and token of the account ends (``User.save``)
    and any sign-in lockout of the account is lifted."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        lockout_lift(username=form.user.email)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """Every other session and every API token of the account ends; this session goes on."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed. Your other sessions and API tokens have ended."))
        return response


class RegisterView(FormView):
    """Registration always answers "check your e-mail": a new address gets a confirmation link, an address
    that already has an account gets a message telling its owner (so the page reveals no account)."""

    template_name = "accounts/register.html"
    form_class = RegistrationForm
    success_url = reverse_lazy("accounts:register-sent")

    def get_initial(self):
        return {"preferred_language": translation.get_language()}

    def post(self, request, *args, **kwargs):
        if rate_limited("register-address", client_address(request)):
            return _too_many(request)
        return super().post(request, *args, **kwargs)

    @transaction.atomic
    def form_valid(self, form):
        data = form.cleaned_data
        if rate_limited("register-email", data["email"]):
            return super().form_valid(form)
        existing = User.objects.filter(email__iexact=data["email"]).first()
        if existing is not None:
            email_send_template(
                to=[existing.email],
                template_prefix="accounts/email/already_registered",
                context={
                    "user_name": str(existing),
                    "sign_in_link": self.request.build_absolute_uri(reverse("accounts:login")),
                    "reset_link": self.request.build_absolute_uri(reverse("accounts:password-reset")),
                },
                language=existing.preferred_language,
            )
            return super().form_valid(form)
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


@method_decorator(never_cache, name="dispatch")  # it shows a new API token's key, once
class ProfileView(LoginRequiredMixin, UpdateView):
    template_name = "accounts/profile.html"
    form_class = ProfileForm

    def get_object(self, queryset=None):
        return self.request.user

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = selectors.membership_list_for(user=self.request.user)
        context["tokens"] = selectors.api_token_list_for(user=self.request.user)
        context["token_form"] = kwargs.get("token_form") or ApiTokenForm()
        context["new_token"] = self.request.session.pop("new_api_token", None)
        from .twofactor import has_totp, second_factor_required

        context["second_factor_required"] = second_factor_required(self.request.user)
        context["has_totp"] = has_totp(self.request.user)
        return context

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("Your profile is saved."))
        return _redirect_in_language(reverse("accounts:profile"), form.instance.preferred_language)


class ApiTokenCreateView(LoginRequiredMixin, View):
    """Make a named API token; its key is shown once, on the profile page that follows."""

    def post(self, request):
        form = ApiTokenForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the token a name and a lifetime of 1 to 365 days."))
            return HttpResponseRedirect(reverse("accounts:profile"))
        token, key = services.api_token_create(
            user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
        )
        request.session["new_api_token"] = {"name": token.name, "key": key}
        return HttpResponseRedirect(reverse("accounts:profile") + "#api-tokens")


class ApiTokenRevokeView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        if not services.api_token_revoke(user=request.user, token_id=pk):
            raise Http404
        messages.success(request, _("The token is revoked."))
        return HttpResponseRedirect(reverse("accounts:profile") + "#api-tokens")


# ---------------------------------------------------------------------------
# Second factor
# ---------------------------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
class TwoFactorSetupView(LoginRequiredMixin, TemplateView):
    """Add an authenticator app: scan the code (or type the key), confirm with a first code, keep the
    recovery codes shown once. Never cached: the page shows the key, then the codes."""

    template_name = "accounts/two_factor_setup.html"

    def get_context_data(self, **kwargs):
        import segno

        from .twofactor import has_second_factor, totp_pending

        context = super().get_context_data(**kwargs)
        if has_second_factor(self.request.user) and "codes" not in kwargs:
            context["already"] = True
            return context
        device = totp_pending(self.request.user)
        url = device.config_url
        context.update(
            qr=segno.make(url, error="m").svg_data_uri(scale=4),
            secret=url.split("secret=", 1)[1].split("&", 1)[0],
            next=self.request.GET.get("next", ""),
        )
        return context

    def post(self, request):
        from .twofactor import _safe, totp_confirm

        codes = totp_confirm(request, request.POST.get("token", ""))
        if codes is None:
            messages.error(request, _("That code is not right. Check the time on your phone and try again."))
            return self.render_to_response(self.get_context_data(), status=400)
        return self.render_to_response(
            {"codes": codes, "next": _safe(request.POST.get("next", ""), request), "view": self}
        )


@method_decorator(never_cache, name="dispatch")
class RecoveryCodesView(LoginRequiredMixin, TemplateView):
    """A new set of recovery codes, confirmed with a current code from the authenticator app or a current
    recovery code; the new codes are shown once, on a page no cache keeps. Without an authenticator app
    there is nothing to recover: the account is sent to set one up."""

    template_name = "accounts/two_factor_recovery_codes.html"

    def dispatch(self, request, *args, **kwargs):
        from .twofactor import has_totp

        if request.user.is_authenticated and not has_totp(request.user):
            messages.info(request, _("Set up an authenticator app first: recovery codes come with it."))
            return HttpResponseRedirect(reverse("accounts:two-factor-setup"))
        return super().dispatch(request, *args, **kwargs)

    def post(self, request):
        from .twofactor import recovery_codes_renew

        if rate_limited("sign-in-address", client_address(request)):
            return _too_many(request)
        codes = recovery_codes_renew(request.user, request.POST.get("token", ""))
        if codes is None:
            messages.error(
                request, _("That code is not right. Use a code from your authenticator app or a recovery code.")
            )
            return self.render_to_response(self.get_context_data(), status=400)
        return self.render_to_response(self.get_context_data(codes=codes))


class TwoFactorVerifyView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/two_factor_verify.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = self.request.GET.get("next", "")
        return context

    def post(self, request):
        from .twofactor import _safe, second_factor_verify

        if rate_limited("sign-in-address", client_address(request)):
            return _too_many(request)
        if not second_factor_verify(request, request.POST.get("token", "")):
            messages.error(
                request, _("That code is not right. Use a code from your authenticator app or a recovery code.")
            )
            return self.render_to_response(self.get_context_data(), status=400)
        return _redirect_in_language(_safe(request.POST.get("next", ""), request), request.user.preferred_language)


class TwoFactorDisableView(LoginRequiredMixin, View):
    """Accounts that may go without a second factor remove it (after giving it in this session)."""

    def post(self, request):
        from .twofactor import second_factor_remove, second_factor_required

        if second_factor_required(request.user) or not request.user.is_verified():
            raise Http404
        second_factor_remove(request.user)
        messages.success(request, _("Two-factor authentication is off."))
        return HttpResponseRedirect(reverse("accounts:profile"))
