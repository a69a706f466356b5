from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("goldenthread.plans.urls")),
    path("accounts/", include("goldenthread.accounts.urls")),
    path("admin/", admin.site.urls),
]
