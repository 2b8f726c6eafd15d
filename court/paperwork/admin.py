"""Document templates in the admin (court administrators: `court.org.roles`). Saving a template adds a version
(`services.template_save`); the version edited stays as it was, and so do the documents issued from it. Nothing
is deleted. The issued documents are listed read-only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from . import engine, services
from .models import DocumentTemplate, IssuedDocument


class DocumentTemplateForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ["kind", "language", "title", "body", "note"]
        widgets = {"body": forms.Textarea(attrs={"rows": 30, "cols": 100})}

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        try:
            engine.check(body)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None
        return body


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    form = DocumentTemplateForm
    list_display = ["title", "kind", "language", "version", "active", "changed_by", "changed_at"]
    list_filter = ["kind", "language", "active"]
    search_fields = ["title", "body"]
    readonly_fields = ["version", "active", "changed_by", "changed_at"]
    actions = ["restore"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # old versions stay: issued documents point at them

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # The kind and language of an existing template are fixed: a new version of the same template.
        return [*self.readonly_fields, "kind", "language"] if obj is not None else list(self.readonly_fields)

    def save_model(self, request: HttpRequest, obj: DocumentTemplate, form: Any, change: bool) -> None:
        """Every save is a new version (the row edited is left untouched); `obj` becomes the new version."""
        new = services.template_save(kind=obj.kind, language=obj.language, title=obj.title, body=obj.body,
                                     actor=request.user, note=obj.note)
        obj.pk, obj.version, obj.active, obj.changed_by, obj.changed_at = (
            new.pk, new.version, new.active, new.changed_by, new.changed_at)
        obj._state.adding = False

    @admin.action(description=_("Make a new active version from the selected version"))
    def restore(self, request: HttpRequest, queryset: QuerySet[DocumentTemplate]) -> None:
        for old in queryset:
            new = services.template_save(kind=old.kind, language=old.language, title=old.title, body=old.body,
                                         actor=request.user, note=f"v{old.version}")
            self.message_user(request, _("%(title)s: version %(version)s is active.") % {
                "title": new.title, "version": new.version}, messages.SUCCESS)


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    list_display = ["document", "case", "kind", "template", "issued_on", "issued_by", "served_by"]
    list_filter = ["kind"]
    list_select_related = ["document", "case", "template", "issued_by", "served_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
