from django.http import HttpResponse


def directory(request):
    return HttpResponse("")


def ngo_detail(request, bin):
    return HttpResponse("")


def my_ngos(request):
    return HttpResponse("")
