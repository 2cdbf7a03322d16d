from django.urls import path

from . import views

app_name = "portal_search"

urlpatterns = [
    path("", views.search_view, name="search"),
    path("click/", views.click_view, name="click"),
    path("autocomplete/", views.autocomplete_view, name="autocomplete"),
    path("hot/", views.hot_words_view, name="hot_words"),
    path("entity/<str:key>/", views.entity_view, name="entity"),
    path("graph.jsonld", views.graph_jsonld_view, name="graph_jsonld"),
    path("api/graph/", views.graph_api_view, name="graph_api"),
]
