from django.urls import path

from . import views

app_name = "toptasks"

urlpatterns = [path("luot-xem/<int:page_id>/", views.count_view, name="count")]
