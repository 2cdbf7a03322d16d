from django.urls import include, path

from . import views

app_name = "interaction"

urlpatterns = [
    path("", views.index, name="index"),
    path("xiexin/<slug:channel>/", views.write, name="write"),
    path("chaxun/", views.track, name="track"),
    path("chaxun/fujian/<uuid:key>/", views.attachment, name="attachment"),
    path("huifu/", views.replies, name="replies"),
    path("huifu/<str:number>/", views.reply_detail, name="reply"),
    path("tongji/", views.statistics, name="statistics"),
    path("", include("portal.interaction.participation.urls")),  # 征集调查, 意见征集, 在线访谈
]
