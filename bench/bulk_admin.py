"""Bulk registration and member listing at scale, against a running latchkey-server: sets the
Fulfillment Contact's password (the code from the development mail folder), signs in, posts a
100,000-row CSV to `users:bulk` (wall time; the server's peak resident memory from /proc), then
pages through every member (limit 100) timing each page. Prints one JSON object.
Usage: bulk_admin.py BASE_URL EMAIL PASSWORD MAIL_DIR SERVER_PID ROWS"""
import json
import statistics
import sys
import time

import requests

from mint_tokens import set_password

base, email, password, mail_dir, pid, rows = sys.argv[1:7]
rows = int(rows)


def peak_kb():
    for line in open(f"/proc/{pid}/status", encoding="utf-8"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


set_password(base, email, password, mail_dir)
session = requests.post(f"{base}/v1/sessions", json={"email": email, "password": password}, timeout=30).json()
token, org = session["access_token"], session["user"]["org"]["id"]
auth = {"Authorization": f"Bearer {token}"}

lines = ["email,first_name,last_name,country,roles"]
lines += [f"member{i:06}@bulk.example,First{i},Last{i},GB,product_delivery_download" for i in range(rows)]
body = ("\n".join(lines) + "\n").encode()
idle_peak = peak_kb()
started = time.perf_counter()
r = requests.post(f"{base}/v1/orgs/{org}/users:bulk", data=body, headers={**auth, "Content-Type": "text/csv"}, timeout=600)
elapsed = time.perf_counter() - started
assert r.status_code == 200, r.text[:500]
report = r.json()
assert report["created"] == rows, {k: report[k] for k in ("created", "already_registered")}
import_peak = peak_kb()

http = requests.Session()
pages, cursor = [], ""
while True:
    t = time.perf_counter()
    r = http.get(f"{base}/v1/orgs/{org}/users", params={"limit": 100, "cursor": cursor}, headers=auth, timeout=30)
    pages.append((time.perf_counter() - t) * 1000)
    assert r.status_code == 200, r.text
    page = r.json()
    if not page["next_cursor"]:
        break
    cursor = page["next_cursor"]
pages.sort()
print(json.dumps({
    "rows": rows,
    "file_mib": round(len(body) / 1048576, 1),
    "import_seconds": round(elapsed, 2),
    "peak_rss_mib_before": round(idle_peak / 1024, 1),
    "peak_rss_mib": round(import_peak / 1024, 1),
    "pages": len(pages),
    "page_p50_ms": round(statistics.median(pages), 2),
    "page_p99_ms": round(pages[int(len(pages) * 0.99) - 1], 2),
}))
