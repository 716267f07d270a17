"""API of meetings (``meetings``) and of meeting requests with their figures (``requests``)."""
