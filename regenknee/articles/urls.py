from django.urls import path

from . import views

app_name = "articles"
urlpatterns = [
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("glossary/", views.glossary, name="glossary"),
]
