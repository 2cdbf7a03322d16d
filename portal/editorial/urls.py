from django.urls import path

from . import api

app_name = "editorial_api"

urlpatterns = [
    path("documents/", api.push_document, name="push_document"),
    path("documents/<str:external_id>/", api.document_status, name="document_status"),
    path("openapi.json", api.openapi_json, name="openapi"),
]
