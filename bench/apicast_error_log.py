#!/usr/bin/env python3
"""Writes a production-like APIcast error log at info level to FILE, about SIZE_MB megabytes.

Most lines are what a busy gateway logs when nothing is wrong: clients closing keepalive
connections, rewrite_log notices, APIcast's info lines about the 3scale backend answering 200
and its cache. About three percent are failures an engineer greps for (timeouts, refused
connections, dead upstreams, resolver errors, APIcast configuration and authorization errors,
Lua errors with their stack traces, TLS handshakes) plus a few lines that only look like them
(a client that went away while nginx waited for the upstream).

A 32 MiB chunk is generated once and repeated: the timestamps repeat, the mix does not change.

Usage: apicast_error_log.py FILE [SIZE_MB]
"""
import datetime
import random
import sys

out = sys.argv[1]
size_mb = int(sys.argv[2]) if len(sys.argv) > 2 else 448
rnd = random.Random(12)
t = datetime.datetime(2026, 11, 26, 0, 0, 0)
KEY = "0123456789abcdef0123456789abcdef"
API = ["10.0.0.5:8080", "10.0.0.6:8080", "[2001:db8::5]:8080"]
BACKEND = "backend-listener.3scale.svc:3000"
PATHS = ["/v1/orders", "/v1/orders/%d", "/v1/customers/%d", "/v2/stock", "/health"]


def client():
    return "10.%d.%d.%d" % (rnd.randint(128, 131), rnd.randint(0, 255), rnd.randint(1, 254))


def path():
    p = rnd.choice(PATHS)
    return p % rnd.randint(1, 99999) if "%d" in p else p


def fields(c, p, upstream=None, subrequest=None):
    s = ', client: %s, server: _, request: "GET %s?user_key=%s HTTP/1.1"' % (c, p, KEY)
    if subrequest:
        s += ', subrequest: "%s"' % subrequest
    if upstream:
        s += ', upstream: "%s"' % upstream
    return s + ', host: "api.example.com"'


def backend_line(c, p, status, body):
    uri = "http://%s/transactions/authrep.xml?service_token=%s&service_id=2&user_key=%s&usage%%5Bhits%%5D=1" % (
        BACKEND, KEY, KEY)
    return ("[lua] backend_client.lua:133: call_backend_transaction(): backend client uri: %s ok: true"
            " status: %d body: %s error: nil" % (uri, status, body)) + fields(c, p)


def benign():
    c, p = client(), path()
    r = rnd.random()
    if r < 0.46:
        return "info", "client %s closed keepalive connection" % c
    if r < 0.66:
        return "notice", '"^/v1/(.*)$" matches "%s"%s' % (p, fields(c, p))
    if r < 0.76:
        return "notice", 'rewritten data: "%s", args: "user_key=%s"%s' % (p[3:], KEY, fields(c, p))
    if r < 0.88:
        body = ('<?xml version="1.0" encoding="UTF-8"?><status><authorized>true</authorized>'
                "<plan>Basic</plan></status>")
        return "info", backend_line(c, p, 200, body)
    if r < 0.94:
        return "info", ("[lua] cache_handler.lua:43: handle(): apicast cache write key: 2:user_key=%s:"
                        "usage%%5Bhits%%5D=1, ttl: nil%s" % (KEY, fields(c, p)))
    if r < 0.985:
        return "info", "client closed connection while waiting for request, client: %s, server: 0.0.0.0:8080" % c
    # Looks like a failure to grep ("prematurely closed"), but it is the client that went away.
    return "info", ("epoll_wait() reported that client prematurely closed connection, so upstream connection"
                    " is closed too while sending request to upstream%s" % fields(c, p, "http://%s%s" % (
                        rnd.choice(API), p)))


def failure():
    c, p = client(), path()
    api = "http://%s%s" % (rnd.choice(API), p)
    k = rnd.randint(0, 13)
    if k == 0:
        return "error", ("upstream timed out (110: Connection timed out) while reading response header from upstream"
                         + fields(c, p, api))
    if k == 1:
        return "error", "connect() failed (111: Connection refused) while connecting to upstream" + fields(c, p, api)
    if k == 2:
        return "error", "no live upstreams while connecting to upstream" + fields(c, p, "http://api_pool%s" % p)
    if k == 3:
        return "error", "api.internal.example could not be resolved (3: Host not found)" + fields(c, p)
    if k == 4:
        return "error", "no resolver defined to resolve api.internal.example" + fields(c, p)
    if k == 5:
        return "warn", ("[lua] host_based_finder.lua:20: call(): service not found for host apicast%d.example.com"
                        % rnd.randint(0, 9)) + fields(c, "/")
    if k == 6:
        return "warn", ("[lua] remote_v2.lua:176: call(): failed to get list of services: invalid status: 403"
                        " (Forbidden) url: https://3scale-admin.example.com/admin/api/services.json, context: ngx.timer")
    if k == 7:
        return "error", ("lua entry thread aborted: runtime error: /opt/app-root/src/src/apicast/policy/custom/custom.lua:66:"
                         " attempt to index local 'config' (a nil value)\nstack traceback:\ncoroutine 0:\n"
                         "\t/opt/app-root/src/src/apicast/policy/custom/custom.lua: in function 'access'\n"
                         "\t/opt/app-root/src/src/apicast/policy_chain.lua:212: in function 'access'"
                         + fields(c, p))
    if k == 8:
        return "info", ("SSL_do_handshake() failed (SSL: error:0A000102:SSL routines::unsupported protocol) while SSL"
                        " handshaking, client: %s, server: 0.0.0.0:8443" % c)
    if k == 9:
        return "error", "upstream prematurely closed connection while reading response header from upstream" + fields(
            c, p, api)
    if k == 10:
        body = '<?xml version="1.0" encoding="UTF-8"?><error code="user_key_invalid">user key "%s" is invalid</error>' % KEY
        return "info", backend_line(c, p, 403, body)
    if k == 11:
        body = ('<?xml version="1.0" encoding="UTF-8"?><status><authorized>false</authorized><reason>usage limits are'
                " exceeded</reason><plan>Basic</plan></status>")
        return "info", backend_line(c, p, 409, body)
    if k == 12:
        return "info", "[lua] errors.lua:17: authorization_failed(): authorization failed for service 2" + fields(c, p)
    return "error", ("upstream timed out (110: Connection timed out) while connecting to upstream"
                     + fields(c, p, "http://%s/transactions/authrep.xml?user_key=%s" % (BACKEND, KEY),
                              "/threescale_authrep"))


chunk = []
size = 0
while size < 32 * 1024 * 1024:
    t += datetime.timedelta(milliseconds=rnd.randint(0, 40))
    level, text = failure() if rnd.random() < 0.03 else benign()
    pid = rnd.choice([23, 24])
    line = "%s [%s] %d#%d: *%d %s\n" % (t.strftime("%Y/%m/%d %H:%M:%S"), level, pid, pid,
                                        rnd.randint(1, 10 ** 7), text)
    chunk.append(line)
    size += len(line)
data = "".join(chunk).encode()
copies = max(1, -(-size_mb * 1024 * 1024 // len(data)))
with open(out, "wb") as f:
    for _ in range(copies):
        f.write(data)
