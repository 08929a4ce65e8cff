from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import Membership, User


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False, write_only=True)

    def validate(self, attrs):
        user = authenticate(self.context["request"], username=attrs["email"], password=attrs["password"])
        if user is None:
            raise serializers.ValidationError(_("Unable to sign in with that e-mail address and password."))
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


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
