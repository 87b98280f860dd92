"""The feedback form; included inside i18n_patterns (Vietnamese at /, English under /en/)."""

from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [path("y-kien-ve-trang/", views.feedback, name="form")]
