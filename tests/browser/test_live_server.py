"""The browser tests' own server must not leave files open when a browser drops a connection:
the garbage collector's ResourceWarning would fail whichever test happened to be running."""
from __future__ import annotations

import gc
import http.client
import socket
import struct
import time
from urllib.parse import urlsplit

ICON = "/static/icons/icon.svg"


def test_dropped_revalidations_leave_no_file_open(live_server):
    address = urlsplit(live_server)
    connection = http.client.HTTPConnection(address.hostname, address.port)
    connection.request("GET", ICON, headers={"Accept-Encoding": "br"})
    etag = connection.getresponse().getheader("ETag")
    connection.close()
    request = (f"GET {ICON} HTTP/1.1\r\nHost: {address.netloc}\r\nAccept-Encoding: br\r\n"
               f"If-None-Match: {etag}\r\n\r\n").encode()
    for delay in (0, 0.001, 0.002, 0.005) * 5:  # a reset at different points of the server's work
        client = socket.create_connection((address.hostname, address.port))
        client.sendall(request)
        time.sleep(delay)
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset, not FIN
        client.close()
    time.sleep(0.2)
    gc.collect()  # an unclosed file warns here, and the suite turns warnings into errors
