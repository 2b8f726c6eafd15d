from django.contrib import admin

from .models import ProvinceFigure, Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["court", "metric", "value", "note"]
    list_filter = ["court", "metric"]


@admin.register(ProvinceFigure)
class ProvinceFigureAdmin(admin.ModelAdmin):
    list_display = ["province", "year", "metric", "value", "source"]
    list_filter = ["province", "year", "metric"]
