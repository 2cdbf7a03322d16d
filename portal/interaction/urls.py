from django.urls import path

from . import views

app_name = "interaction"

urlpatterns = [
    path("", views.index, name="index"),
    path("xiexin/<slug:channel>/", views.write, name="write"),
    path("chaxun/", views.track, name="track"),
    path("huifu/", views.replies, name="replies"),
    path("huifu/<str:number>/", views.reply_detail, name="reply"),
]
