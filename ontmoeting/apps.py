from django.apps import AppConfig


class OntmoetingConfig(AppConfig):
    name = "ontmoeting"
    verbose_name = "Ontmoeting"
