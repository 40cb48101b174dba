"""The client's IP address, for django-axes' lockout on username + IP.

Behind nginx every request comes from the proxy's address, so without this one attacker could
lock a real editor out by name alone. Only the hops our own proxies add to X-Forwarded-For are
trusted (DJANGO_PROXY_COUNT, the number of proxies in front of gunicorn): anything to their
left was written by the client and could be forged.
"""

from django.conf import settings


def client_ip(request) -> str:
    count = settings.PROXY_COUNT
    if count:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR", "")
