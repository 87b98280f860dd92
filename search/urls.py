from django.urls import path

from . import views

app_name = "portal_search"

urlpatterns = [
    path("", views.search, name="search"),
    path("autocomplete/", views.autocomplete, name="autocomplete"),
    path("click/", views.click, name="click"),
]
