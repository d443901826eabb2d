"""The REST API's shared machinery, domain-free and importing no app: problem+json
errors, pagination with Link headers, API-Version, conditional requests, CORS for reads,
throttles, parsers, renderers, the filter backend, schema hooks and the per-process
response cache.

The resources themselves live in each app's ``api`` package; ``ontmoeting.api_urls``
puts them under one router at ``/api/v1/``.
"""

API_VERSION = "1.0.0"
