from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import Membership, User


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False, write_only=True)
    name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    days = serializers.IntegerField(min_value=1, max_value=365, required=False)

    def validate(self, attrs):
        # Django's request, so a lockout (django-axes) is answered by its middleware with a 429.
        request = self.context["request"]._request
        user = authenticate(request, username=attrs["email"], password=attrs["password"])
        if user is None:
            raise serializers.ValidationError(_("Unable to sign in with that e-mail address and password."))
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True, help_text=_("The key: shown once, stored only as a hash."))
    name = serializers.CharField(read_only=True)
    expires_at = serializers.DateTimeField(read_only=True)


class MembershipSerializer(serializers.ModelSerializer):
    country = serializers.SlugRelatedField(slug_field="iso2", read_only=True)
    entity = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Membership
        fields = ["role", "country", "entity"]


class MeSerializer(serializers.ModelSerializer):
    roles = MembershipSerializer(source="memberships", many=True, read_only=True)
    is_admin = serializers.BooleanField(source="is_superuser", read_only=True)

    class Meta:
        model = User
        fields = ["email", "full_name", "organisation", "preferred_language", "is_admin", "roles"]
        read_only_fields = ["email"]
