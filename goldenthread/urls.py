from django.contrib import admin
from django.urls import include, path

from goldenthread.web import status
from goldenthread.web.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/tokens/", include("goldenthread.api.token_urls")),
    path("accounts/", include("goldenthread.accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("goldenthread.api.urls")),
    path("status/", status.status, name="status"),
    path("status/emails/<int:pk>/send-again/", status.send_email_again, name="status_send_again"),
    path("", include("goldenthread.audit.urls")),
    path("", include("goldenthread.indicators.urls")),
    path("", include("goldenthread.commentary.urls")),
    path("", include("goldenthread.reports.urls")),
    path("", include("goldenthread.strategy.urls")),
    path("", include("goldenthread.rounds.urls")),
    path("", include("goldenthread.people.urls")),
    path("", include("goldenthread.boards.urls")),
    path("", include("goldenthread.checks.urls")),
    path("", include("goldenthread.plans.urls")),
]

handler500 = "goldenthread.api.problems.server_error"  # a problem object on /api/
