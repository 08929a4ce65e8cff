# GCM Portal production image: gunicorn serving Django, static files by WhiteNoise.
# The same image runs the web, migrate, Celery worker and Celery beat services (docker-compose.yml).
FROM python:3.11-slim

# PYTHONPATH: the source tree in /app is what runs (templates, static and locale live beside the packages).
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    STATIC_MANIFEST=1 \
    MEDIA_ROOT=/data/media

RUN groupadd --system --gid 10001 gcm \
    && useradd --system --uid 10001 --gid gcm --create-home --home-dir /home/gcm --shell /usr/sbin/nologin gcm

WORKDIR /app

# Dependencies in their own layer, rebuilt only when pyproject.toml changes.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
# The project itself, without its dev extras. Compiled translations (locale/*/LC_MESSAGES/*.mo) are committed.
RUN pip install . \
    && rm -rf build ./*.egg-info

# Static files are collected and fingerprinted at build time; the key below exists only for this step.
RUN SECRET_KEY=collectstatic-at-build-time-not-a-secret python manage.py collectstatic --noinput --verbosity 1

# Uploaded files live on a volume mounted here; a new named volume takes this directory's owner.
RUN mkdir -p /data/media && chown gcm:gcm /data/media

USER gcm

EXPOSE 8000

# /healthz checks the database, cache and broker. The request names the first ALLOWED_HOSTS entry and
# says it came over HTTPS, so neither the host check nor SECURE_SSL_REDIRECT turns it away.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD python -c "import os, urllib.request as u; h = (os.environ.get('ALLOWED_HOSTS') or 'localhost').split(',')[0].strip().lstrip('.'); h = 'localhost' if h in ('', '*') else h; u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': h, 'X-Forwarded-Proto': 'https'}), timeout=8)"

CMD ["gunicorn", "gcm_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--threads", "4", "--worker-class", "gthread", "--access-logfile", "-"]
