from django.urls import path

from . import views

app_name = "services"

urlpatterns = [
    path("", views.index, name="index"),
    path("shixiang/", views.browse, name="browse"),
    path("yijianshi/", views.flow_list, name="flows"),
    path("yijianshi/<slug:slug>/", views.flow, name="flow"),
    path("ditu/", views.service_map, name="map"),
    path("ditu/outline.geojson", views.outline_geojson, name="outline_geojson"),
    path("ditu/places.geojson", views.places_geojson, name="places_geojson"),
    path("ditu/<slug:slug>/", views.place, name="place"),
    path("pingjia/<int:pk>/", views.rate, name="rate"),
]
