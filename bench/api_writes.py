#!/usr/bin/env python3
"""Times the API's writes, one article per request, as a newsroom's script
sends them: POST /api/v1/articles then DELETE /api/v1/articles/{id}.

The articles are real ones of CORPUS (every STRIDE-th dated article), sent
under a new id with a date two days later: each is a version of its
original and is expected to join the original's story. The script checks
that it did (GET /api/v1/articles/{id}/story) and counts the ones that did
not, so that a write that got faster by skipping the grouping shows.

With --alerts FILE (one saved search per line, as gazette-percolate
--write-alerts writes them), the alerts are saved first (POST
/api/v1/alerts, a thousand per request), so that every write is checked
against them; the script then says how many articles they recorded.

Prints one line per kind of request (count, p50, p95, p99, max in ms) and the
story check. The service must run on a copy of an index: the writes are
deleted again, but the index's revision moves on.
"""
import argparse
import datetime
import gzip
import itertools
import json
import statistics
import time
import urllib.request


def articles(path, count, stride):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in itertools.islice(lines, 0, count * stride, stride):
            yield json.loads(line)


def later(date, days):
    day = datetime.date.fromisoformat(date[:10]) + datetime.timedelta(days=days)
    return day.isoformat() + date[10:]


def request(url, method, token, body=None):
    req = urllib.request.Request(url, method=method, data=body)
    req.add_header("Authorization", "Bearer " + token)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    t0 = time.perf_counter()
    with urllib.request.urlopen(req) as response:
        payload = response.read()
    return (time.perf_counter() - t0) * 1000, payload


def story_of(api, article_id):
    with urllib.request.urlopen(api + "/" + urllib.request.quote(article_id) + "/story?size=1") as response:
        return json.load(response)["story"]["id"]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="http://host:port of gazette-serve")
    parser.add_argument("--token-file", required=True)
    parser.add_argument("--corpus", required=True, help="JSON Lines (.gz) of articles already in the index")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--stride", type=int, default=97)
    parser.add_argument("--alerts", help="JSON Lines of saved searches to save first")
    args = parser.parse_args()
    token = open(args.token_file, encoding="utf-8").read().strip()
    api = args.url.rstrip("/") + "/api/v1/articles"
    alerts_api = args.url.rstrip("/") + "/api/v1/alerts"
    saved = []
    if args.alerts:
        with open(args.alerts, encoding="utf-8") as lines:
            searches = [json.loads(line) for line in lines]
        for start in range(0, len(searches), 1000):
            ms, payload = request(alerts_api, "POST", token, json.dumps(searches[start:start + 1000]).encode())
            saved += [a["id"] for a in json.loads(payload)["alerts"]]
        print(f"alerts saved\t{len(saved)}")

    add, delete, joined, sent = [], [], 0, []
    for article in articles(args.corpus, args.count, args.stride):
        if not article.get("published") or not article.get("id"):
            continue
        original = article["id"]
        article["id"] = "bench-write-" + original
        article["published"] = later(article["published"], 2)
        ms, _ = request(api, "POST", token, json.dumps(article).encode())
        add.append(ms)
        sent.append(article["id"])
        joined += story_of(api, article["id"]) == story_of(api, original)
    for article_id in sent:
        ms, _ = request(api + "/" + urllib.request.quote(article_id), "DELETE", token)
        delete.append(ms)

    for name, values in (("add one article (POST)", add), ("delete one article (DELETE)", delete)):
        print(f"{name}\tcount {len(values)}\tp50 {statistics.median(values):.2f}\tp95 {percentile(values, 95):.2f}"
              f"\tp99 {percentile(values, 99):.2f}\tmax {max(values):.2f}")
    print(f"added articles in their original's story\t{joined} of {len(add)}")
    if saved:
        time.sleep(2)  # the alerts' thread records what the last writes matched
        req = urllib.request.Request(alerts_api)
        req.add_header("Authorization", "Bearer " + token)
        with urllib.request.urlopen(req) as response:
            recorded = sum(a["matches"] for a in json.load(response)["alerts"])
        print(f"articles recorded by the alerts\t{recorded}")


if __name__ == "__main__":
    main()
