"""The user service's admin URLs."""
from django.urls import path

from . import cache_admin

urlpatterns = [
    path("admin/cache/users/reset/", cache_admin.reset_user_cache),
    path("admin/cache/users/<int:user_id>/forget/", cache_admin.forget_user),
]
