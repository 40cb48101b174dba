"""Response finishing that Django has no setting for."""

from django.conf import settings


class SecurityHeadersMiddleware:
    """Cross-Origin-Resource-Policy and Permissions-Policy. Placed outside WhiteNoise so static
    files get them too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY
        )
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class HeadResponseMiddleware:
    """Answers HEAD with the GET response's headers (Content-Length included) and no body.
    Django renders the body anyway; gunicorn would drop it but log a warning for each one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD" and not response.streaming:
            response.content = b""
        return response
