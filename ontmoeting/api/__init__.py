"""The REST API's shared machinery: problem+json errors, pagination with Link headers,
API-Version, conditional requests, CORS for reads, throttles, renderers, schema hooks.

The resources themselves live in each app's ``api`` package; ``ontmoeting.api_urls``
puts them under one router at ``/api/v1/``.
"""

API_VERSION = "1.0.0"
