"""The case records in the admin: read-only for now (a later issue routes admin case edits through the services).

Cases, parties, periods, service attempts, hearings and events change only through `court.cases.services`, which
check the law, keep the term ledger and append the event log; the admin shows them and writes nothing. The
state-machine fields (`Case.state`, `ServiceAttempt.status`, `Hearing.status`) are protected: a change form that
saved them would fail (HTTP 500), so no form here saves.
"""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import (
    Case,
    CaseEvent,
    CaseNumberSequence,
    CasePeriod,
    Cause,
    CauseCatalogue,
    CauseMapping,
    Hearing,
    Party,
    Representative,
    ServiceAttempt,
)


class ReadOnlyAdmin:
    """View only, for every user: no add, change or delete (the services are the only writers)."""

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class PartyInline(ReadOnlyAdmin, admin.TabularInline):
    model = Party
    extra = 0
    fields = ["side", "kind", "name", "address_known", "e_service_consent"]


class PeriodInline(ReadOnlyAdmin, admin.TabularInline):
    model = CasePeriod
    extra = 0
    fields = ["kind", "start_on", "end_on", "months", "approver", "reason"]


class EventInline(ReadOnlyAdmin, admin.TabularInline):
    model = CaseEvent
    extra = 0
    fields = ["on", "kind", "actor", "from_state", "to_state", "basis", "reason"]


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["case_number", "cause", "state", "procedure", "filed_on", "closed_on", "closing_mode", "team"]
    list_filter = ["state", "procedure", "case_type", "closing_mode", "court", "team"]
    search_fields = ["case_number", "title", "parties__name"]
    date_hierarchy = "filed_on"
    raw_id_fields = ["cause", "judge", "mediator", "filed_by"]
    inlines = [PartyInline, PeriodInline, EventInline]
    readonly_fields = ["state", "procedure", "case_number", "year", "serial", "filed_on", "closed_on", "closing_mode",
                       "converted_on", "elapsed_days", "excluded_days", "net_trial_days", "extension_months",
                       "normal_deadline", "extended_deadline", "within_normal_term", "within_term", "term_as_of"]


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["case", "on", "kind", "actor", "from_state", "to_state", "basis"]
    list_filter = ["kind"]
    search_fields = ["case__case_number"]
    raw_id_fields = ["case"]


@admin.register(CauseCatalogue)
class CauseCatalogueAdmin(admin.ModelAdmin):
    list_display = ["version", "title", "effective_from", "effective_to"]


@admin.register(Cause)
class CauseAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "catalogue", "claim_nature", "position"]
    list_filter = ["catalogue", "level", "claim_nature"]
    search_fields = ["code", "name"]


@admin.register(CauseMapping)
class CauseMappingAdmin(admin.ModelAdmin):
    """The mapping between catalogue versions, generated from the published texts: an administrator checks each
    row (the kind, the successor) and marks it reviewed; who and when are recorded."""

    list_display = ["kind", "old", "new", "note", "status", "reviewed_by", "reviewed_at"]
    list_filter = ["status", "kind", "new_catalogue"]
    search_fields = ["old__name", "new__name", "note"]
    raw_id_fields = ["old", "new"]
    readonly_fields = ["reviewed_by", "reviewed_at"]
    actions = ["mark_reviewed"]

    @admin.action(description=_("Mark the selected mappings as reviewed"), permissions=["change"])
    def mark_reviewed(self, request, queryset):  # type: ignore[no-untyped-def]
        n = queryset.update(status=CauseMapping.Status.REVIEWED, reviewed_by=request.user, reviewed_at=timezone.now())
        self.message_user(request, ngettext("%(n)d mapping marked as reviewed.", "%(n)d mappings marked as reviewed.",
                                            n) % {"n": n}, messages.SUCCESS)

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if obj.status == CauseMapping.Status.REVIEWED and not obj.reviewed_at:
            obj.reviewed_by, obj.reviewed_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(CasePeriod)
class CasePeriodAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["case", "kind", "start_on", "end_on", "months", "approver"]
    list_filter = ["kind"]
    raw_id_fields = ["case"]
    readonly_fields = ["case", "kind", "start_on", "end_on", "months", "approver", "created_by"]


@admin.register(ServiceAttempt)
class ServiceAttemptAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["case", "party", "document", "channel", "status", "sent_on", "served_on"]
    list_filter = ["channel", "status", "document"]
    raw_id_fields = ["case", "party"]


@admin.register(Hearing)
class HearingAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["case", "mode", "starts_at", "status", "adjournment_cause"]
    list_filter = ["mode", "status"]
    raw_id_fields = ["case"]


@admin.register(Party)
class PartyAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["name", "side", "kind", "case"]
    list_filter = ["side", "kind"]
    search_fields = ["name", "case__case_number"]
    raw_id_fields = ["case"]


@admin.register(Representative)
class RepresentativeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "law_firm", "party"]
    raw_id_fields = ["party"]


@admin.register(CaseNumberSequence)
class CaseNumberSequenceAdmin(admin.ModelAdmin):
    list_display = ["court", "type_code", "year", "last"]
