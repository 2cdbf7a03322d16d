"""Included from the interaction hub's urls: names live in its ``interaction`` namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("zhengji/", views.surveys, name="surveys"),
    path("zhengji/<slug:slug>/", views.survey, name="survey"),
    path("yijian/", views.consultations, name="consultations"),
    path("yijian/<slug:slug>/", views.consultation, name="consultation"),
    path("yijian/<slug:slug>/tiyijian/", views.comment, name="comment"),
    path("fangtan/", views.interviews, name="interviews"),
    path("fangtan/<slug:slug>/", views.interview, name="interview"),
    path("fangtan/<slug:slug>/tiwen/", views.ask, name="ask"),
    path("fangtan/<slug:slug>/shilu.json", views.transcript, name="transcript"),
]
