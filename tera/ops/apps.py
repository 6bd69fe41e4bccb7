from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "tera.ops"

    def ready(self) -> None:
        from tera.ops import checks  # noqa: F401 - registers the checks
