from django.urls import path

from . import views

app_name = "proactive"

urlpatterns = [
    path("", views.index, name="index"),
    path("lingqu/<str:token>/", views.personal_link, name="link"),
]
