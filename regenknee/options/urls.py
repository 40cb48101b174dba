from django.urls import path

from . import views

app_name = "options"
urlpatterns = [
    path("options/", views.comparison_page, name="comparison"),
    path("options/summary/", views.summary, name="summary"),
    path("options/<slug:slug>/", views.option_page, name="option"),
]
