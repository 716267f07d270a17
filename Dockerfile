# One image for web, worker and beat (see docker-compose.yml).
FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=alliance_portal.settings.production

WORKDIR /app
RUN useradd --create-home --uid 1000 portal

COPY pyproject.toml README.md ./
COPY alliance_portal ./alliance_portal
COPY members ./members
COPY standards ./standards
COPY glossary ./glossary
COPY governance ./governance
RUN pip install .

COPY manage.py ./
COPY templates ./templates
COPY static ./static
# collectstatic needs settings but no secrets of the deployment: throw-away values.
RUN DJANGO_SECRET_KEY=collectstatic-only DATABASE_URL=postgres://build@localhost/build \
    ALLOWED_HOSTS=build PORTAL_BASE_URL=https://build.invalid STATIC_ROOT=/app/staticfiles python manage.py collectstatic --no-input

ENV STATIC_ROOT=/app/staticfiles MEDIA_ROOT=/app/media
RUN mkdir -p /app/media && chown portal:portal /app/media
USER portal
EXPOSE 8000
CMD ["gunicorn", "alliance_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
