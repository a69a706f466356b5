from django.contrib import admin

from .models import Organisation, Person


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "sector", "partnership"]
    list_filter = ["partnership", "sector"]
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "job_title", "partnership"]
    list_filter = ["partnership", "organisations"]
    search_fields = ["name", "email"]
    filter_horizontal = ["organisations"]
