from django.urls import path

from . import views

urlpatterns = [
    path("hearings/announcements/", views.announcements, name="hearing_announcements"),
    path("hearings/calendar/", views.calendar_index, name="hearing_calendars"),
    path("hearings/calendar/team/<int:pk>/<slug:view>/", views.team_calendar, name="calendar_team"),
    path("hearings/calendar/room/<int:pk>/<slug:view>/", views.room_calendar, name="calendar_room"),
    path("hearings/room/<str:token>/", views.hearing_room, name="hearing_room"),
]
