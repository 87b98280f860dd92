from . import service_hooks  # noqa: F401
