from django.conf import settings


def site(request):
    # Each language is named in itself, whatever the language of the page.
    return {"SITE_NAME": settings.SITE_NAME, "SITE_LANGUAGES": settings.LANGUAGES}
