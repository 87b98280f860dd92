"""Public URLs of the online services; included inside i18n_patterns (Vietnamese at /, English under /en/)."""

from django.urls import path

from . import service_views

app_name = "online_services"

urlpatterns = [
    path("tra-cuu-ho-so/", service_views.lookup, name="lookup"),
    path("tra-cuu-ho-so/giay-tiep-nhan/<str:code>/", service_views.receipt, name="receipt"),
]
