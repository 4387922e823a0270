"""The officers' progressive web app: service worker, web manifest, offline page, session probe."""
