"""Conditional GETs (RFC 9110): a 304 for a client that has the answer already, with
the headers an API client still needs on it."""

from django.utils.cache import get_conditional_response

#: Headers a 304 repeats from the answer it stands for.
KEPT_ON_304 = ("API-Version", "Access-Control-Allow-Origin", "Access-Control-Expose-Headers", "Vary")


def conditional_answer(request, response, *, etag: str | None, last_modified: int | None):
    """``response``, or a 304 when ``request`` (a Django request) has it already."""
    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
    if conditional is not response:
        for header in KEPT_ON_304:
            if header in response:
                conditional[header] = response[header]
    return conditional
