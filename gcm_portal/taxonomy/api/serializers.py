from rest_framework import serializers

from ..models import (
    Country,
    ExecutiveCommitteeTerm,
    GuidingPrinciple,
    M49Region,
    MptfThematicArea,
    Objective,
    RegionalCommission,
    SdgTarget,
    UnEntity,
)


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = M49Region
        fields = ["code", "name", "level", "parent"]


class CountrySerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    subregion = serializers.SlugRelatedField(slug_field="code", read_only=True)
    intermediate_region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    commissions = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Country
        fields = [
            "iso2",
            "iso3",
            "m49",
            "name",
            "official_name",
            "status",
            "region",
            "subregion",
            "intermediate_region",
            "commissions",
            "url",
        ]

    def get_commissions(self, obj) -> list[dict[str, str]]:
        return [{"code": m.commission.code, "membership": m.kind} for m in obj.commission_memberships.all()]

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class CommissionSerializer(serializers.ModelSerializer):
    member_count = serializers.IntegerField(read_only=True, help_text="Member States, from the region or outside it.")
    non_regional_count = serializers.IntegerField(read_only=True, help_text="Member States from outside the region.")
    associate_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = RegionalCommission
        fields = [
            "code",
            "name",
            "headquarters",
            "region_label",
            "member_count",
            "non_regional_count",
            "associate_count",
        ]


class TranslationsField(serializers.JSONField):
    """The ``translations`` map: language code -> translated fields."""


class ObjectiveSerializer(serializers.ModelSerializer):
    round_tables = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    thematic_areas = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    sdg_targets = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    translations = TranslationsField(read_only=True)

    class Meta:
        model = Objective
        fields = [
            "number",
            "title",
            "short_label",
            "paragraph",
            "translations",
            "round_tables",
            "thematic_areas",
            "sdg_targets",
        ]


class PrincipleSerializer(serializers.ModelSerializer):
    translations = TranslationsField(read_only=True)

    class Meta:
        model = GuidingPrinciple
        fields = ["letter", "name", "summary", "paragraph", "translations"]


class ThematicAreaSerializer(serializers.ModelSerializer):
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    translations = TranslationsField(read_only=True)

    class Meta:
        model = MptfThematicArea
        fields = ["number", "name", "objectives", "verified", "source_note", "translations"]


class SdgTargetSerializer(serializers.ModelSerializer):
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)

    class Meta:
        model = SdgTarget
        fields = ["code", "goal", "title", "objectives"]


class ExecutiveCommitteeTermSerializer(serializers.ModelSerializer):
    sources = serializers.JSONField(read_only=True)

    class Meta:
        model = ExecutiveCommitteeTerm
        fields = ["start", "start_note", "end", "sources"]
        read_only_fields = fields


class EntitySerializer(serializers.ModelSerializer):
    commission = serializers.SlugRelatedField(slug_field="code", read_only=True)
    executive_committee = serializers.BooleanField(
        source="on_executive_committee", read_only=True, help_text="On the Network's Executive Committee today."
    )
    executive_committee_terms = ExecutiveCommitteeTermSerializer(many=True, read_only=True)

    class Meta:
        model = UnEntity
        fields = ["code", "name", "kind", "executive_committee", "executive_committee_terms", "commission"]
