from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "tera.reports"

    def ready(self) -> None:
        from tera.reports.public_cache import watch_public_results

        watch_public_results()
