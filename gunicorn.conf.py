"""gunicorn's settings, read from the directory it is started in (make run, the tests,
docs/deployment.md). Request lines of up to 8,190 bytes reach the site, which answers
addresses over 4,096 characters with its own 414 (JSON under /api/); a body is bounded by
Django (DATA_UPLOAD_MAX_MEMORY_SIZE, FILE_UPLOAD_MAX_SIZE)."""

limit_request_line = 8190
limit_request_fields = 60
limit_request_field_size = 8190
