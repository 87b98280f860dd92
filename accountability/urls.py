"""Public URLs; included inside i18n_patterns (Vietnamese at /, English under /en/), on every site."""

from django.urls import path

from . import views

app_name = "accountability"

urlpatterns = [
    path("tinh-hinh-giai-quyet-ho-so/", views.statistics, name="statistics"),
    path("danh-gia-ho-so/", views.rate, name="rate"),
]
