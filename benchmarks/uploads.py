#!/usr/bin/env python3
"""Memory while uploads run at once: starts `gestio serve` on an SQLite file, registers an
organization, then sends COUNT uploads of MEGABYTES each at the same time (each its own
random bytes behind a PDF header, streamed from disk by its own connection) and samples the
server's resident memory (VmRSS) every 20 ms. Prints the RSS before, the peak during, the
server's own high-water mark (VmHWM), and the time taken.

    benchmarks/uploads.py GESTIO_BINARY [COUNT] [MEGABYTES]
"""
import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time

binary = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 20
megabytes = int(sys.argv[3]) if len(sys.argv) > 3 else 20

work = tempfile.mkdtemp(prefix="gestio-uploads-")
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]

environment = dict(os.environ)
environment.update(
    {
        "GESTIO_OCR_WORKERS": "0",  # only the uploads: no reading after them
        "GESTIO_UPLOAD_MAX_MB": str(megabytes + 1),
        "GESTIO_LOG_LEVEL": "warning",
    }
)
server = subprocess.Popen(
    [binary, "serve", "--database-url", f"sqlite://{work}/bench.sqlite", "--port", str(port)],
    env=environment,
    stdout=subprocess.DEVNULL,
    stderr=open(f"{work}/server.log", "w"),
)


def status(field):
    with open(f"/proc/{server.pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024  # MB
    return 0.0


def request(method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, data


try:
    for _ in range(300):
        try:
            if request("GET", "/health")[0] == 200:
                break
        except OSError:
            time.sleep(0.1)
    code, body = request(
        "POST",
        "/api/v1/auth/register",
        json.dumps(
            {
                "email": "bench@example.com",
                "password": "correct-horse-battery",
                "name": "Bench",
                "organization_name": "Bench",
            }
        ),
        {"Content-Type": "application/json"},
    )
    assert code == 201, (code, body)
    token = json.loads(body)["access_token"]

    # The files, written before the clock starts: a PDF header, then random bytes.
    size = megabytes * 1_000_000
    files = []
    for index in range(count):
        path = f"{work}/upload-{index}.pdf"
        with open(path, "wb") as f:
            f.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
            left = size - 16 - 6
            while left > 0:
                chunk = secrets.token_bytes(min(left, 1 << 20))
                f.write(chunk)
                left -= len(chunk)
            f.write(b"%%EOF\n")
        files.append(path)

    boundary = "gestio-bench-" + secrets.token_hex(8)
    results = [None] * count

    def upload(index):
        path = files[index]
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nPlan {index}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="plan-{index}.pdf"\r\n'
            f"Content-Type: application/pdf\r\n\r\n"
        ).encode()
        tail = f"\r\n--{boundary}--\r\n".encode()
        length = len(head) + os.path.getsize(path) + len(tail)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        connection.putrequest("POST", "/api/v1/documents")
        connection.putheader("Authorization", f"Bearer {token}")
        connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
        connection.putheader("Content-Length", str(length))
        connection.endheaders()
        connection.send(head)
        with open(path, "rb") as f:
            while chunk := f.read(64 * 1024):
                connection.send(chunk)
        connection.send(tail)
        response = connection.getresponse()
        results[index] = (response.status, response.read()[:200])
        connection.close()

    baseline = status("VmRSS")
    done = threading.Event()
    samples = [baseline]

    def sample():
        while not done.is_set():
            samples.append(status("VmRSS"))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.monotonic()
    threads = [threading.Thread(target=upload, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    done.set()
    sampler.join()
    peak = max(samples)
    failed = [r for r in results if r is None or r[0] != 201]
    code, body = request("GET", "/api/v1/documents?per_page=100", headers={"Authorization": f"Bearer {token}"})
    stored = json.loads(body)["pagination"]["total_items"] if code == 200 else -1
    print(
        f"uploads: {count} × {megabytes} MB at once, {elapsed:.1f} s "
        f"({count * megabytes / elapsed:.1f} MB/s together), {count - len(failed)} stored "
        f"({stored} listed), RSS before {baseline:.0f} MB, peak during {peak:.0f} MB "
        f"(+{peak - baseline:.0f} MB), VmHWM {status('VmHWM'):.0f} MB"
    )
    if failed:
        print("failed:", failed[:3])
        sys.exit(1)
finally:
    server.terminate()
    server.wait()
    subprocess.run(["rm", "-rf", work])
