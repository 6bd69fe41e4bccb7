from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "tera.planning"
