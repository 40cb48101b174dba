from django.urls import path

from . import views

app_name = "checklists"
urlpatterns = [path("checklist/", views.checklist, name="checklist")]
