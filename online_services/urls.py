"""Public URLs of the online services; included inside i18n_patterns (Vietnamese at /, English under /en/)."""

from django.urls import path

from . import views

app_name = "online_services"

urlpatterns = [
    path("tra-cuu-ho-so/", views.lookup, name="lookup"),
    path("tra-cuu-ho-so/giay-tiep-nhan/<str:code>/", views.receipt, name="receipt"),
    path("tra-cuu-ho-so/ho-so/<str:code>/", views.dossier_page, name="dossier"),
    path("tra-cuu-ho-so/ho-so/<str:code>/bo-sung/", views.supplement, name="supplement"),
    path("tra-cuu-ho-so/ho-so/<str:code>/rut-ho-so/", views.withdraw, name="withdraw"),
    path("tra-cuu-ho-so/ho-so/<str:code>/ket-qua/<int:file_pk>/", views.result_file, name="result"),
    path("tra-cuu-ho-so/ho-so/<str:code>/phieu-xin-loi/<int:appointment_pk>/", views.apology, name="apology"),
]
