#!/usr/bin/env python3
"""The mixed workload (scripts/bench mix): seeds ORGS organizations through the API (a building
with lots and owners, a year of journal entries, equipment and interventions, a month of rides),
then runs one wrk per route at once, connections shared 80 % reads / 20 % writes, and prints
req/s, p50, p99 and errors per route.
  mix.py API_URL ORGS SECONDS WORK_DIR"""
import concurrent.futures
import json
import os
import random
import subprocess
import sys
import time
import urllib.error
import urllib.request

API, ORGS, SECONDS, WORK = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
# route → wrk connections (50 in all: 40 reading, 10 writing)
ROUTES = {"interventions": 8, "building-lots": 8, "trial-balance": 8, "planning": 8, "owner-statement": 8,
          "post-entry": 3, "create-ride": 3, "accept-offer": 2, "close-intervention": 2}
# Offers to accept and started interventions to close, per organization: each is used once.
STOCK = 25


def call(method, path, body=None, token=None, content_type="application/json"):
    data = body if isinstance(body, bytes) else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(API + path, data=data, method=method)
    req.add_header("content-type", content_type)
    if token:
        req.add_header("authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        raise SystemExit(f"mix: seeding {method} {path} answered {error.code}: {error.read()[:300]!r}")


def member(index, token, organization, name, role):
    """A member with `role`, invited and registered; returns their user id and access token."""
    invitation = call("POST", f"/organizations/{organization}/invitations",
                      {"email": f"{name}{index}@example.com", "role": role}, token)
    session = call("POST", "/auth/register", {"email": f"{name}{index}@example.com", "password": "correct-horse-battery",
                                              "name": f"{name} {index}", "invitation_token": invitation["token"]})
    return session["user"]["id"], session["access_token"]


def seed(index):
    rng = random.Random(index)
    session = call("POST", "/auth/register", {
        "email": f"syndic{index}@example.com", "password": "correct-horse-battery", "name": f"Syndic {index}",
        "organization_name": f"Bureau {index}"})
    token, organization = session["access_token"], session["user"]["organization_id"]
    building = call("POST", "/buildings", {
        "name": f"Résidence {index}", "address": "Rue 1", "city": "Liège", "postal_code": "4000", "country": "BE",
        "total_tantiemes": 1000}, token)["id"]
    csv = "lot_number,lot_type,tantiemes,owner_name,owner_email,share,start_date\n" + "".join(
        f"A{lot},apartment,50,Owner {index}-{lot},owner{index}-{lot}@example.com,1,2020-01-01\n" for lot in range(20))
    call("POST", f"/buildings/{building}/import", csv.encode(), token, "text/csv")
    owner = call("GET", "/owners?per_page=1", token=token)["data"][0]["id"]
    for month in range(1, 13):  # a year of entries: 8 a month
        for _ in range(8):
            amount = f"{rng.randint(100, 99999) / 100:.2f}"
            call("POST", f"/buildings/{building}/journal-entries", {
                "journal": "ACH", "type": "manual", "entry_date": f"2026-{month:02d}-15", "description": "Facture",
                "lines": [{"account_code": "61", "debit": amount}, {"account_code": "440", "credit": amount}]}, token)
    equipment = call("POST", "/equipements", {"code": f"ASC-{index}", "name": "Ascenseur", "building_id": building,
                                               "criticality": "haute"}, token)["id"]
    for _ in range(20):
        call("POST", "/interventions", {"title": "Panne", "type": "corrective", "priority": "normale",
                                        "equipement_id": equipment}, token)
    for day in range(1, 31):  # a month of rides: 2 a day
        for hour in (8, 17):
            call("POST", "/commandes", {"prise_en_charge": "Gare", "destination": "Aéroport",
                                        "date_iso": f"2027-01-{day:02d}T{hour:02d}:00:00Z", "passagers": 1}, token)
    # Offers waiting for the driver's answer: rides put on the driver's taxi, two hours apart.
    driver, driver_token = member(index, token, organization, "chloe", "chauffeur")
    taxi = call("POST", "/taxis", {"numero": "T1", "plaque": f"1ABC{index:03d}", "chauffeur_id": driver}, token)["id"]
    for ride in range(STOCK):
        call("POST", "/commandes", {"prise_en_charge": "Gare", "destination": "Port", "passagers": 1, "taxi_id": taxi,
                                    "date_iso": f"2027-02-{ride // 8 + 1:02d}T{6 + 2 * (ride % 8):02d}:00:00Z"}, token)
    offers = [d["id"] for d in call("GET", "/me/demandes?per_page=100", token=driver_token)["data"]]
    # Interventions started by a technician, to be closed.
    technician_user, technician_token = member(index, token, organization, "tom", "technicien")
    technician = call("POST", "/techniciens", {"user_id": technician_user}, token)["id"]
    started = []
    for _ in range(STOCK):
        job = call("POST", "/interventions", {"title": "Contrôle", "type": "corrective", "priority": "normale",
                                              "equipement_id": equipment}, token)["id"]
        call("POST", f"/interventions/{job}/assign", {"technicien_id": technician}, token)
        call("POST", f"/interventions/{job}/start", None, technician_token)
        started.append(job)
    target = f"{token} {building} {owner} {equipment} 2027-01-{rng.randint(1, 30):02d}"
    return target, [f"{driver_token} {offer}" for offer in offers], [f"{technician_token} {job}" for job in started]


def cpu_snapshot():
    """Jiffies of the whole machine (all cores) and of each process group, from /proc."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    snapshot = {"total": sum(fields[:8]), "idle": fields[3] + fields[4]}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                raw = f.read()
        except OSError:
            continue
        name = raw[raw.index("(") + 1:raw.rindex(")")]
        rest = raw[raw.rindex(")") + 2:].split()
        group = "gestio" if name.startswith("gestio") else "postgres" if name.startswith("postgres") else \
            "wrk" if name == "wrk" else None
        if group:
            snapshot[group] = snapshot.get(group, 0) + int(rest[11]) + int(rest[12])
    return snapshot


def main():
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        seeded = list(pool.map(seed, range(ORGS)))
    targets = f"{WORK}/targets.txt"
    with open(targets, "w") as f:
        f.write("\n".join(target for target, _, _ in seeded) + "\n")
    for name, column in (("offers", 1), ("started", 2)):
        lines = [line for entry in seeded for line in entry[column]]
        random.Random(0).shuffle(lines)
        with open(f"{WORK}/{name}.txt", "w") as f:
            f.write("\n".join(lines) + "\n")
    print(f"mix: seeded {ORGS} organizations (20 lots and owners, 96 entries, 45 interventions of which {STOCK} "
          f"started, 85 rides of which {STOCK} offered to a driver, each)")
    base = API.rsplit("/api/v1", 1)[0]
    def stock(route):
        return {"accept-offer": f"{WORK}/offers.txt", "close-intervention": f"{WORK}/started.txt"}.get(route, "-")
    before = cpu_snapshot()
    runs = {route: subprocess.Popen(
        ["wrk", "-t1", f"-c{connections}", f"-d{SECONDS}s", "--latency", "-s", "benchmarks/mix.lua", base,
         "--", route, targets, stock(route), str(index), str(len(ROUTES))], stdout=subprocess.PIPE, text=True)
        for index, (route, connections) in enumerate(ROUTES.items())}
    time.sleep(max(1, SECONDS - 1))
    after = cpu_snapshot()
    total = 0.0
    print(f"{'route':22} {'conns':>5} {'req/s':>9} {'p50':>9} {'p99':>9}  errors")
    for route, process in runs.items():
        out = process.communicate()[0]
        rps = next((float(l.split()[1]) for l in out.splitlines() if l.startswith("Requests/sec")), 0.0)
        latency = {l.split()[0]: l.split()[1] for l in out.splitlines() if l.strip().startswith(("50%", "99%"))}
        errors = "; ".join(l.strip() for l in out.splitlines() if "Non-2xx" in l or "Socket errors" in l) or "none"
        total += rps
        print(f"{route:22} {ROUTES[route]:>5} {rps:>9.0f} {latency.get('50%', '?'):>9} {latency.get('99%', '?'):>9}  "
              f"{errors}")
    print(f"{'all routes':22} {sum(ROUTES.values()):>5} {total:>9.0f}")
    elapsed = after["total"] - before["total"]
    shares = {group: 100 * (after[group] - before.get(group, 0)) / elapsed
              for group in ("gestio", "postgres", "wrk", "idle") if elapsed}
    print("machine CPU over the run: " + ", ".join(f"{group} {share:.0f} %" for group, share in shares.items())
          + f", other {100 - sum(shares.values()):.0f} %")


if __name__ == "__main__":
    main()
