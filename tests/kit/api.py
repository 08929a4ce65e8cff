from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.routers import SimpleRouter

from gcm_portal.api.fields import ApiUrlField, HtmlUrlField, NamedChoiceField, WorkflowActionsField
from gcm_portal.api.mixins import VersionedWriteMixin, WorkflowActionsMixin
from gcm_portal.api.serializers import StrictInputMixin
from gcm_portal.core.curation import CurationState
from gcm_portal.taxonomy.models import Country, Objective

from . import services
from .filtersets import NoteFilterSet
from .models import Note
from .workflow import NOTE_WORKFLOW


class NoteSerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:kit-note-detail")
    html_url = HtmlUrlField()
    countries = serializers.SlugRelatedField(slug_field="iso2", many=True, read_only=True)
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    curation = NamedChoiceField(CurationState.choices, enum_name="CurationEnum", read_only=True)
    actions = WorkflowActionsField(NOTE_WORKFLOW, basename="kit-note")

    class Meta:
        model = Note
        fields = ["id", "url", "html_url", "title", "body", "countries", "objectives", "curation", "version", "actions"]
        read_only_fields = fields


class NoteWriteSerializer(StrictInputMixin, serializers.Serializer):
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(required=False, allow_blank=True)
    countries = serializers.SlugRelatedField(
        slug_field="iso2", queryset=Country.objects.all(), many=True, required=False
    )
    objectives = serializers.SlugRelatedField(
        slug_field="number", queryset=Objective.objects.all(), many=True, required=False
    )
    refused_messages = {"curation": "Curation is decided by Network staff."}


class NoteViewSet(
    WorkflowActionsMixin, VersionedWriteMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Kit notes: anyone signed in writes one; staff publish, return or decline it."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = detail_serializer_class = NoteSerializer
    write_serializer_class = NoteWriteSerializer
    filterset_class = NoteFilterSet
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    workflow = NOTE_WORKFLOW
    create_service = services.note_create
    update_service = services.note_update
    update_object_arg = "note"

    def get_queryset(self):
        return Note.objects.visible_to(self.request.user).prefetch_related("countries", "objectives")


router = SimpleRouter()
router.register("kit-notes", NoteViewSet, basename="kit-note")
