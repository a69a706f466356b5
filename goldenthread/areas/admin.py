from django.contrib import admin

from .models import Area, Boundary, BoundarySet, Neighbour, NeighbourSet


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "la_number", "kind", "parent", "valid_to"]
    list_filter = ["kind", "boundary_sets"]
    search_fields = ["name", "code", "la_number"]
    autocomplete_fields = ["parent", "comparator_for"]
    filter_horizontal = ["members", "boundary_sets", "successors"]


@admin.register(BoundarySet)
class BoundarySetAdmin(admin.ModelAdmin):
    list_display = ["name", "tier"]


class NeighbourInline(admin.TabularInline):
    model = Neighbour
    autocomplete_fields = ["area"]
    extra = 0


@admin.register(NeighbourSet)
class NeighbourSetAdmin(admin.ModelAdmin):
    list_display = ["area", "model", "in_force_from"]
    list_filter = ["model", "in_force_from"]
    search_fields = ["area__name", "area__code"]
    autocomplete_fields = ["area"]
    inlines = [NeighbourInline]


@admin.register(Boundary)
class BoundaryAdmin(admin.ModelAdmin):
    list_display = ["area", "map", "kind", "first_year", "last_year"]
    list_filter = ["map", "kind"]
    search_fields = ["area__name", "area__code"]
    raw_id_fields = ["area"]
