"""WSGI entry point for Tera."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tera.settings")
application = get_wsgi_application()
