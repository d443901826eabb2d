"""The test suite: tasks run immediately, mail stays in memory, hashing is fast."""

import os

os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")

from .base import *  # noqa: E402,F403

SECRET_KEY = "test-only-key"
DEBUG = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Parallel test runs on one server (several checkouts, several developers) each need
# their own test database.
DATABASES["default"]["TEST"] = {  # noqa: F405
    "NAME": os.environ.get("TEST_DATABASE_NAME", "test_ontmoeting"),
}

# Serve static files straight from the source folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Answers from the API cache only become stale when a commit is heard of, and a test's
# transaction never commits: the cache is off except in its own tests, which commit.
API_CACHE_SECONDS = 0
SITE_CACHE_SECONDS = 0
