"""Public URLs of the online services; included inside i18n_patterns (Vietnamese at /, English under /en/)."""

from django.urls import path

from . import views

app_name = "online_services"

urlpatterns = [
    path("tra-cuu-ho-so/", views.lookup, name="lookup"),
    path("tra-cuu-ho-so/giay-tiep-nhan/<str:code>/", views.receipt, name="receipt"),
]
