from django.urls import path

from . import views

app_name = "clinic"
urlpatterns = [path("clinic/programme/", views.programme, name="programme")]
