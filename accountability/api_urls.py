"""Open data, outside the language prefix like the catalogue's /api/procedures/ (procedures/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("api/statistics/", views.api, name="accountability_api"),
    path("api/statistics.csv", views.api, {"fmt": "csv"}, name="accountability_api_csv"),
]
