"""REST API of the governance app, one module per topic. Thin: serializers parse, selectors
read, services write, the access policy decides what each caller sees."""
