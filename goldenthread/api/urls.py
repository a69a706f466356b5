from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

# schema registers the token scheme with drf-spectacular: every schema is generated from
# these URLs (the view and the docs page here, `spectacular`, `check --deploy`), so it is
# registered before any is, and django.setup() need not load drf-spectacular at all.
from . import docs, schema, views  # noqa: F401

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.register("partnerships", views.PartnershipViewSet, basename="partnership")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("aims", views.AimViewSet, basename="aim")
router.register("objectives", views.ObjectiveViewSet, basename="objective")
router.register("actions", views.ActionViewSet, basename="action")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("data-points", views.DataPointViewSet, basename="datapoint")
router.register("targets", views.TargetViewSet, basename="target")
router.register("boards", views.BoardViewSet, basename="board")
router.register("meetings", views.MeetingViewSet, basename="meeting")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("docs/", docs.documentation, name="docs"),
    path("", include(router.urls)),
    # Anything else under the API is a problem object too, not the site's HTML 404 page.
    re_path(r"^.*$", views.nowhere, name="nowhere"),
]
