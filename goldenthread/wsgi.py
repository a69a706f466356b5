import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldenthread.settings")
application = get_wsgi_application()

# Every view now, not on a worker's first request: under gunicorn's --preload the master
# imports them once before it forks, and each worker starts ready to serve.
import_module(settings.ROOT_URLCONF)
