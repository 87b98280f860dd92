"""Local development: DEBUG on, every *.localhost agency host accepted."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = "dev-only-not-secret-0b8f3c1e"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", ".localhost", *env_list("ALLOWED_HOSTS")]
INTERNAL_IPS = ["127.0.0.1"]
WHITENOISE_USE_FINDERS = True
