#!/usr/bin/env python3
"""The healthy scenario's upstreams for the benchmark, on loopback ephemeral ports:
an API answering every path with a small JSON body, and a 3scale backend answering
authorize.xml the way apisonator does (the one valid key authorized, others
user_key_invalid) (formats as in
diag-cli's FakeThreescaleBackend). Writes "API_PORT BACKEND_PORT" to the file named
by argv[1] once both listen, then serves until killed."""
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

XML = '<?xml version="1.0" encoding="UTF-8"?>'
SERVICE_ID, SERVICE_TOKEN, USER_KEY = "42", "bench-service-token", "bench-user-key"


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the doctor's tcp.connect checks connect and hang up: not an error here


class Quiet(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, content_type, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class Api(Quiet):
    def do_GET(self):
        self.answer(200, "application/json", '{"hello":"world"}')


class Backend(Quiet):
    def do_GET(self):
        url = urlparse(self.path)
        if url.path != "/transactions/authorize.xml":
            self.answer(404, "text/plain", "")
            return
        query = parse_qs(url.query)
        key = query.get("user_key", [""])[0]
        if query.get("service_token", [""])[0] != SERVICE_TOKEN or \
                query.get("service_id", [""])[0] != SERVICE_ID:
            self.answer(403, "application/vnd.3scale-v2.0+xml",
                        XML + '<error code="service_token_invalid">service token or service id'
                        ' is invalid</error>')
            return
        if key != USER_KEY:
            message = "user key is missing" if not key else 'user key "%s" is invalid' % key
            self.answer(403, "application/vnd.3scale-v2.0+xml",
                        XML + '<error code="user_key_invalid">%s</error>' % message)
            return
        self.answer(200, "application/vnd.3scale-v2.0+xml",
                    XML + "<status><authorized>true</authorized><plan>Basic</plan></status>")


def main():
    servers = [QuietServer(("127.0.0.1", 0), h) for h in (Api, Backend)]
    for s in servers:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(" ".join(str(s.server_address[1]) for s in servers) + "\n")
    import os
    os.replace(sys.argv[1] + ".tmp", sys.argv[1])
    threading.Event().wait()


if __name__ == "__main__":
    main()
