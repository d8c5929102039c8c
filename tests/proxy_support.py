"""A small forward proxy on 127.0.0.1 for tests: absolute-URI forwarding of plain HTTP and
CONNECT tunnels for HTTPS, optionally requiring Basic proxy credentials. PYTEST_DONT_REWRITE

It connects only to loopback targets (a test never reaches another address through it) and
records what it was asked (``seen``: ``(method, target, authorised)``). Stop it in the test.
"""

from __future__ import annotations

import base64
import select
import socket
import socketserver
import threading
from urllib.parse import urlsplit

from posrev.gateway.environments import is_loopback


class ForwardProxy:
    def __init__(self, user: str = "", password: str = "") -> None:
        self.credentials = (user, password) if user else None
        self.seen: list[tuple[str, str, bool]] = []
        self._lock = threading.Lock()
        proxy = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                proxy._handle(self.connection, self.rfile)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.1}, daemon=True)

    def __enter__(self) -> ForwardProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def methods(self) -> list[str]:
        with self._lock:
            return [method for method, _, ok in self.seen if ok]

    # -- one client connection ------------------------------------------------------------
    def _authorised(self, headers: dict[str, str]) -> bool:
        if self.credentials is None:
            return True
        token = base64.b64encode(":".join(self.credentials).encode()).decode()
        return headers.get("proxy-authorization", "") == f"Basic {token}"

    def _handle(self, conn: socket.socket, rfile) -> None:  # type: ignore[no-untyped-def]
        line = rfile.readline(65537).decode("latin-1").strip()
        if not line:
            return
        method, target, _version = line.split(" ", 2)
        raw_headers: list[str] = []
        headers: dict[str, str] = {}
        while True:
            header = rfile.readline(65537).decode("latin-1")
            if header in ("\r\n", "\n", ""):
                break
            raw_headers.append(header.rstrip("\r\n"))
            name, _, value = header.partition(":")
            headers[name.strip().lower()] = value.strip()
        ok = self._authorised(headers)
        with self._lock:
            self.seen.append((method, target, ok))
        if not ok:
            conn.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                         b"Proxy-Authenticate: Basic realm=\"test\"\r\n"
                         b"Content-Length: 0\r\nConnection: close\r\n\r\n")
            return
        if method == "CONNECT":
            host, _, port = target.rpartition(":")
            if not is_loopback(host.strip("[]")):
                conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                return
            upstream = socket.create_connection((host.strip("[]"), int(port)), timeout=10)
            conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            self._relay(conn, upstream)
            return
        parts = urlsplit(target)
        if not is_loopback(parts.hostname):
            conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            return
        body = rfile.read(int(headers.get("content-length", "0") or 0))
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        kept = [h for h in raw_headers if h.split(":", 1)[0].strip().lower() not in
                ("proxy-authorization", "proxy-connection", "connection")]
        head = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{h}\r\n" for h in kept) + \
            "Connection: close\r\n\r\n"
        upstream = socket.create_connection((parts.hostname, parts.port or 80), timeout=10)
        upstream.sendall(head.encode("latin-1") + body)
        self._relay(conn, upstream)

    @staticmethod
    def _relay(client: socket.socket, upstream: socket.socket) -> None:
        try:
            sockets = [client, upstream]
            while True:
                readable, _, _ = select.select(sockets, [], [], 10)
                if not readable:
                    return
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (upstream if sock is client else client).sendall(data)
        except OSError:
            return
        finally:
            upstream.close()
