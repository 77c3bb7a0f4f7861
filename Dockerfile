# Pathways: the API, web chat, console and channel webhooks in one image.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATABASE_URL=sqlite+aiosqlite:////data/pathways.db \
    PATHWAYS_CACHE_DIR=/app/.cache

WORKDIR /app
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin pathways \
    && mkdir -p /data /app/.cache && chown pathways:pathways /data /app/.cache

COPY pyproject.toml README.md alembic.ini babel.cfg ./
COPY api ./api
COPY bot ./bot
COPY nlu ./nlu
COPY content ./content
COPY locales ./locales
RUN pip install --no-cache-dir -e . \
    && pybabel compile -d locales -D messages \
    && chown -R pathways:pathways /app/locales

USER 10001
# Train the built-in NLU model once at build time so the first request is fast.
RUN pathways nlu train

EXPOSE 8000
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"]
# `serve` applies migrations, seeds content on first start, then runs the server.
CMD ["pathways", "serve", "--host", "0.0.0.0", "--port", "8000"]
