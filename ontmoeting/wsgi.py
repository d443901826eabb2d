"""WSGI entry point (gunicorn ontmoeting.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.settings.production")
application = get_wsgi_application()
