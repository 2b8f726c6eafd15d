from django.contrib import admin

from .models import (
    Case,
    CaseEvent,
    CaseNumberSequence,
    CasePeriod,
    Cause,
    CauseCatalogue,
    Hearing,
    Party,
    Representative,
    ServiceAttempt,
)


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0
    fields = ["side", "kind", "name", "address_known", "e_service_consent"]


class PeriodInline(admin.TabularInline):
    model = CasePeriod
    extra = 0
    fields = ["kind", "start_on", "end_on", "months", "approver", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # periods change the term: they go through the services


class EventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    fields = ["on", "kind", "actor", "from_state", "to_state", "basis", "reason"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
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
class CaseEventAdmin(admin.ModelAdmin):
    list_display = ["case", "on", "kind", "actor", "from_state", "to_state", "basis"]
    list_filter = ["kind"]
    search_fields = ["case__case_number"]
    raw_id_fields = ["case"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(CauseCatalogue)
class CauseCatalogueAdmin(admin.ModelAdmin):
    list_display = ["version", "title", "effective_from", "effective_to"]


@admin.register(Cause)
class CauseAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "catalogue", "personal_status"]
    list_filter = ["catalogue", "level", "personal_status"]
    search_fields = ["code", "name"]


@admin.register(CasePeriod)
class CasePeriodAdmin(admin.ModelAdmin):
    list_display = ["case", "kind", "start_on", "end_on", "months", "approver"]
    list_filter = ["kind"]
    raw_id_fields = ["case"]
    readonly_fields = ["case", "kind", "start_on", "end_on", "months", "approver", "created_by"]


@admin.register(ServiceAttempt)
class ServiceAttemptAdmin(admin.ModelAdmin):
    list_display = ["case", "party", "document", "channel", "status", "sent_on", "served_on"]
    list_filter = ["channel", "status", "document"]
    raw_id_fields = ["case", "party"]


@admin.register(Hearing)
class HearingAdmin(admin.ModelAdmin):
    list_display = ["case", "mode", "starts_at", "status", "adjournment_cause"]
    list_filter = ["mode", "status"]
    raw_id_fields = ["case"]


@admin.register(Representative)
class RepresentativeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "law_firm", "party"]
    raw_id_fields = ["party"]


@admin.register(CaseNumberSequence)
class CaseNumberSequenceAdmin(admin.ModelAdmin):
    list_display = ["court", "type_code", "year", "last"]
