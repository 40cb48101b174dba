"""gunicorn's own log lines as JSON objects on stdout, like the site's (deploy/gunicorn.conf.py
names this class). The access line holds no client address and no query string."""

import sys

from gunicorn.glogging import Logger

from .logs import JsonFormatter


class JsonLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(JsonFormatter())
                if getattr(handler, "stream", None) is sys.stderr:
                    handler.setStream(sys.stdout)

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        fields = {
            "method": req.method,
            "path": req.path,
            "status": resp.status_code,
            "bytes": getattr(resp, "sent", None),
            "ms": round(request_time.total_seconds() * 1000, 1),
        }
        self.access_log.info(
            "%s %s %s", req.method, req.path, resp.status_code, extra={"fields": fields}
        )
