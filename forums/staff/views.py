"""Organisers' screens of forums, in the staff workspace."""

from django.http import HttpResponse


def forum_list(request):
    return HttpResponse("")


def check_in(request, token):
    return HttpResponse("")
