from django.urls import path, register_converter

from goldenthread.web.converters import one_of

from . import section_views, turn_the_curve_views, views
from .render import FORMATS, KINDS

app_name = "reports"

register_converter(one_of(KINDS), "report_kind")
register_converter(one_of(FORMATS), "report_format")
register_converter(one_of(turn_the_curve_views.DOCUMENTS), "curve_format")
CURVE = "<slug:slug>/<year:year>/turn-the-curve/<slug:code>"
REPORT = "<slug:slug>/<year:year>/report/<report_kind:kind>"

urlpatterns = [
    path(f"{REPORT}/", views.report_page, name="report"),
    path(f"{REPORT}.<report_format:fmt>", views.report_file, name="file"),
    path(f"{REPORT}/publish/", views.publish_report, name="publish"),
    path(f"{CURVE}/", turn_the_curve_views.turn_the_curve_page, name="turn_the_curve"),
    path(
        f"{CURVE}.<curve_format:fmt>",
        turn_the_curve_views.turn_the_curve_file,
        name="turn_the_curve_file",
    ),
    path(
        "<slug:slug>/<year:year>/report/annual/sections/",
        section_views.sections,
        name="sections",
    ),
    path(
        "<slug:slug>/<year:year>/report/annual/sections/add/",
        section_views.new_section,
        name="add_section",
    ),
    path("<slug:slug>/report-sections/<int:pk>/", section_views.edit_section, name="edit_section"),
    path(
        "<slug:slug>/report-sections/<int:pk>/delete/",
        section_views.remove_section,
        name="delete_section",
    ),
    path(
        "<slug:slug>/report-sections/<int:pk>/move/",
        section_views.move_section,
        name="move_section",
    ),
    path(
        "<slug:slug>/report-sections/<int:pk>/images/",
        section_views.upload_image,
        name="upload_section_image",
    ),
    path(
        "<slug:slug>/report-sections/<int:pk>/images/<int:image_pk>/remove/",
        section_views.delete_image,
        name="remove_section_image",
    ),
    path(
        "<slug:slug>/reports/<int:pk>/images/<str:name>",
        section_views.published_image,
        name="published_image",
    ),
    path("<slug:slug>/reports/", views.archive, name="archive"),
    path("<slug:slug>/reports/logo/", views.logo, name="logo"),
    path("<slug:slug>/reports/logo.img", views.logo_image, name="logo_image"),
    path("<slug:slug>/reports/<int:pk>/", views.published_report, name="published"),
    path(
        "<slug:slug>/reports/<int:pk>.<report_format:fmt>",
        views.published_file,
        name="published_file",
    ),
]
