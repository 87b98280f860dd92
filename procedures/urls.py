"""URLs of the catalogue that are not pages; included by config/urls.py outside the language prefix."""

from django.urls import path

from . import api, views

urlpatterns = [
    path("documents/mau-don/<int:document_id>/<str:filename>", views.download_form, name="procedure_form_download"),
    path("api/procedures/", api.procedure_list, name="procedures_api_list"),
    path("api/procedures/<str:code>/", api.procedure_detail, name="procedures_api_detail"),
]
