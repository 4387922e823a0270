"""The JSON API under /api/v1 for the offline-first officer app and other clients."""
