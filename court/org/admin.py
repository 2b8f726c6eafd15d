from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Area, CalendarDay, Court, Courtroom, Division, MediationOrganisation, Team, User, WageThreshold


@admin.register(Court)
class CourtAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "province", "deadline_roll_over", "triage_threshold", "triage_review_band"]
    search_fields = ["code", "name"]


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "court"]
    list_filter = ["kind", "court"]


class MemberInline(admin.TabularInline):
    model = User
    fields = ["username", "display_name", "role"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "court", "division"]
    list_filter = ["court", "division"]
    search_fields = ["code", "name"]
    inlines = [MemberInline]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "role", "court", "team", "is_president", "is_active"]
    list_filter = ["role", "court", "team", "mediator_org", "is_president", "is_active"]
    search_fields = ["username", "display_name", "first_name", "last_name", "email"]
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Court"), {
        "fields": ["role", "court", "team", "mediation_organisation", "mediator_org", "is_president", "display_name", "phone", "e_address", "law_firm"],
    }))
    add_fieldsets = (*BaseUserAdmin.add_fieldsets, (_("Court"), {"fields": ["role", "court", "team", "display_name"]}))

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        """Rights follow the role (court.org.roles): only a superuser grants them by hand."""
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "is_staff", "groups", "user_permissions"]
        return fields


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    """Towns and villages with their residents (the base of filings per 1,000 residents)."""

    list_display = ["town", "village", "population", "court"]
    list_filter = ["court", "town"]
    search_fields = ["town", "village"]


class MediatorInline(admin.TabularInline):
    model = User
    fk_name = "mediation_organisation"
    fields = ["username", "display_name", "phone", "is_active"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(MediationOrganisation)
class MediationOrganisationAdmin(admin.ModelAdmin):
    """The mediation chain (OMR 5, 27): organisations with their kind and area; their mediators are users."""

    list_display = ["name", "kind", "area", "active", "court"]
    list_filter = ["kind", "active", "court"]
    search_fields = ["name", "area__town", "area__village"]
    autocomplete_fields = ["area"]
    inlines = [MediatorInline]


@admin.register(Courtroom)
class CourtroomAdmin(admin.ModelAdmin):
    """Courtrooms and online rooms, in which hearings are booked; taken out of use, never deleted."""

    list_display = ["name", "kind", "capacity", "active", "court"]
    list_filter = ["kind", "active", "court"]
    search_fields = ["name"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["day", "is_workday", "note"]
    list_filter = ["is_workday"]
    date_hierarchy = "day"


@admin.register(WageThreshold)
class WageThresholdAdmin(admin.ModelAdmin):
    list_display = ["province", "effective_from", "average_wage", "small_claims_limit", "simple_mandatory_limit"]
    list_filter = ["province"]


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    """The admin's change history: who changed what, and when (Django records every admin change)."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag", "get_change_message"]
    list_filter = ["action_flag", "content_type", "user"]
    search_fields = ["object_repr", "change_message"]
    date_hierarchy = "action_time"

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
