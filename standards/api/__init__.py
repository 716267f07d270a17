"""REST API of the standards app: the registry (``registry``) and the crosswalk
(``crosswalk``). One view class per operation, with its own input and filter serializers."""
