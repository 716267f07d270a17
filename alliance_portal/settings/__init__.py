"""Settings package: ``base`` holds what every environment shares; ``local``, ``test`` and
``production`` each start from it. Everything environment-specific is read from the
environment (12-factor); no module here starts a server or touches the network."""
