#!/usr/bin/env python3
"""Quick end-to-end load check against a running hub (demo configuration: every partner is the hub itself).

Posts COUNT formd-xml certificates (variants of samples/formd-xml/TH-VN-rubber.xml with unique ids) with
CONCURRENCY clients, then reads each certificate's audit trail and reports:
  - ingest: answers per second and answer latency (p50/p95/p99/max) of POST /api/v1/sources/formd-xml/certificates
  - end to end: from RECEIVED to ACKNOWLEDGED as recorded by the hub (server clock), p50/p95/p99/max
This is not the benchmark harness of the performance issue (no baselines, no JMH); it is a smoke measurement
that anyone can repeat:  python3 bench/quick-load.py --count 500 --concurrency 4
"""
import argparse, base64, concurrent.futures, json, statistics, time, urllib.request, uuid
from datetime import datetime

# the demo source's API key and the demo viewer's login (application.properties, config/sources/formd-xml.yaml)
SOURCE_KEY = "demo-key-formd-xml"
VIEWER = "Basic " + base64.b64encode(b"viewer:demo-viewer").decode()

def post(base, body):
    req = urllib.request.Request(base + "/api/v1/sources/formd-xml/certificates", data=body,
                                 headers={"Content-Type": "application/xml", "X-Api-Key": SOURCE_KEY}, method="POST")
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=60) as resp:
        resp.read()
        return resp.status, time.perf_counter() - start

def get(base, path):
    req = urllib.request.Request(base + path, headers={"Authorization": VIEWER})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read())

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="http://localhost:8080")
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--sample", default="samples/formd-xml/TH-VN-rubber.xml")
    args = ap.parse_args()
    template = open(args.sample, encoding="utf-8").read()
    run = uuid.uuid4().hex[:6].upper()
    ids = [f"TH-BENCH-{run}-{i:06d}" for i in range(args.count)]
    bodies = [template.replace("TH-DFT-2025-D-0001234", cid).encode("utf-8") for cid in ids]

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(args.concurrency) as pool:
        results = list(pool.map(lambda b: post(args.base, b), bodies))
    ingest_seconds = time.perf_counter() - started
    statuses = [s for s, _ in results]
    latencies = [l * 1000 for _, l in results]

    deadline = time.time() + 300
    e2e, pending = [], list(ids)
    while pending and time.time() < deadline:
        still = []
        for cid in pending:
            status = get(args.base, "/api/v1/certificates/" + cid)
            if status["status"] in ("ACCEPTED", "REJECTED", "FAILED"):
                times = {e["event"]: datetime.fromisoformat(e["time"].replace("Z", "+00:00")) for e in status["events"]}
                if "ACKNOWLEDGED" in times:
                    e2e.append((times["ACKNOWLEDGED"] - times["RECEIVED"]).total_seconds() * 1000)
            else:
                still.append(cid)
        pending = still
        if pending:
            time.sleep(1)
    total_seconds = time.perf_counter() - started

    print(f"certificates: {args.count}, concurrency: {args.concurrency}, HTTP 202: {statuses.count(202)}")
    print(f"ingest: {args.count / ingest_seconds:.1f} certificates/s; answer ms p50 {pct(latencies, 50):.1f} "
          f"p95 {pct(latencies, 95):.1f} p99 {pct(latencies, 99):.1f} max {max(latencies):.1f}")
    if e2e:
        print(f"end to end (RECEIVED -> ACKNOWLEDGED, hub clock): {len(e2e)} acknowledged; ms p50 {pct(e2e, 50):.0f} "
              f"p95 {pct(e2e, 95):.0f} p99 {pct(e2e, 99):.0f} max {max(e2e):.0f}")
    print(f"all final after {total_seconds:.1f} s; not final: {len(pending)}")

if __name__ == "__main__":
    main()
