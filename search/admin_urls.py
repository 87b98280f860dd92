from django.urls import path

from .reports import TopQueriesReportView, ZeroResultQueriesReportView

app_name = "portal_search_reports"

urlpatterns = [
    path("top/", TopQueriesReportView.as_view(), name="top_queries"),
    path("top/results/", TopQueriesReportView.as_view(results_only=True), name="top_queries_results"),
    path("zero-results/", ZeroResultQueriesReportView.as_view(), name="zero_results"),
    path("zero-results/results/", ZeroResultQueriesReportView.as_view(results_only=True), name="zero_results_results"),
]
