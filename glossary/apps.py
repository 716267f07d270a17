from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "glossary"
    verbose_name = "Glossary"

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started

        from glossary import terms

        # The term links' index is checked once per request (glossary.terms).
        request_started.connect(terms.request_started, dispatch_uid="glossary-terms-start")
        request_finished.connect(terms.request_finished, dispatch_uid="glossary-terms-end")
