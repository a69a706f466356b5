from django.contrib import admin

from .models import Organisation, Person


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "sector", "partnership"]
    list_filter = ["partnership", "sector"]
    search_fields = ["name"]
    list_select_related = ["partnership"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "job_title", "partnership"]
    list_filter = ["partnership", "organisations"]
    search_fields = ["name", "email"]
    filter_horizontal = ["organisations"]
    autocomplete_fields = ["user"]
    list_select_related = ["partnership"]
