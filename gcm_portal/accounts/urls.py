from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("register/", views.RegisterView.as_view(), name="register"),
    path("register/sent/", views.RegistrationSentView.as_view(), name="register-sent"),
    path("confirm/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/tokens/", views.ApiTokenCreateView.as_view(), name="token-create"),
    path("profile/tokens/<int:pk>/revoke/", views.ApiTokenRevokeView.as_view(), name="token-revoke"),
    path("two-factor/", views.TwoFactorSetupView.as_view(), name="two-factor-setup"),
    path("two-factor/verify/", views.TwoFactorVerifyView.as_view(), name="two-factor-verify"),
    path("two-factor/disable/", views.TwoFactorDisableView.as_view(), name="two-factor-disable"),
    path("two-factor/recovery-codes/", views.RecoveryCodesView.as_view(), name="two-factor-recovery-codes"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password-reset-done",
    ),
    path("password/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password-reset-confirm"),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password-reset-complete",
    ),
    path("password/change/", views.PasswordChangeView.as_view(), name="password-change"),
]
