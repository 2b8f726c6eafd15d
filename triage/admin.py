import json

from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from . import drift, registry, selectors
from .features import build_matrix
from .models import ModelVersion, Recommendation, TrainingRun


@admin.register(ModelVersion)
class ModelVersionAdmin(admin.ModelAdmin):
    list_display = ["version", "is_active", "auc", "brier", "rule_auc", "override_rate", "created_at"]
    list_filter = ["is_active"]
    actions = ["activate_version"]
    readonly_fields = ["version", "is_active", "card_file", "model_file", "sha256", "created_at", "activated_at",
                       "drift_table", "override", "card_pretty"]
    exclude = ["card"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # versions come from training, not from a form

    @admin.display(description="AUC")
    def auc(self, obj: ModelVersion):  # type: ignore[no-untyped-def]
        return obj.metrics.get("auc")

    @admin.display(description="Brier")
    def brier(self, obj: ModelVersion):  # type: ignore[no-untyped-def]
        return obj.metrics.get("brier")

    @admin.display(description=_("rule AUC"))
    def rule_auc(self, obj: ModelVersion):  # type: ignore[no-untyped-def]
        return obj.card.get("baselines", {}).get("cause_amount_rule", {}).get("auc")

    @admin.display(description=_("override rate"))
    def override_rate(self, obj: ModelVersion):  # type: ignore[no-untyped-def]
        rate = selectors.override_rates().get(obj.version)
        return "—" if not rate else f"{rate['rate']:.1%} ({rate['overridden']}/{rate['decided']})"

    override = override_rate

    @admin.display(description=_("drift (PSI vs. the last 90 days of filings)"))
    def drift_table(self, obj: ModelVersion):  # type: ignore[no-untyped-def]
        recent = selectors.recent_filings_frame()
        if not len(recent):
            return "—"
        try:
            rows = drift.psi(obj.card.get("drift_reference", {}), build_matrix(recent, registry.load(obj).spec))
        except (OSError, ValueError) as exc:
            return str(exc)
        return format_html("<table>{}</table>", format_html_join(
            "", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", ((r["feature"], r["psi"], r["level"]) for r in rows)))

    @admin.display(description=_("card"))
    def card_pretty(self, obj: ModelVersion):  # type: ignore[no-untyped-def]
        card = {k: v for k, v in obj.card.items() if k != "drift_reference"}
        return format_html("<pre style='white-space:pre-wrap'>{}</pre>", json.dumps(card, ensure_ascii=False, indent=1))

    @admin.action(description=_("Activate the selected version (promote or roll back)"))
    def activate_version(self, request, queryset):  # type: ignore[no-untyped-def]
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one version to activate."), messages.ERROR)
            return
        mv = queryset.get()
        try:
            registry.load(mv)
            registry.activate(mv.version, actor=request.user, reason=str(_("Activated in the administration")))
        except (OSError, ValueError) as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(request, _("%(v)s is now the active triage model.") % {"v": mv.version}, messages.SUCCESS)


@admin.register(TrainingRun)
class TrainingRunAdmin(admin.ModelAdmin):
    list_display = ["started_at", "finished_at", "trigger", "outcome", "version", "message"]
    list_filter = ["outcome", "trigger"]
    readonly_fields = [f.name for f in TrainingRun._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["case", "created_at", "trigger", "route", "p_complex", "needs_review", "decided_by", "status"]
    list_filter = ["route", "status", "decided_by", "needs_review", "version_label"]
    search_fields = ["case__case_number"]
    readonly_fields = [f.name for f in Recommendation._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
