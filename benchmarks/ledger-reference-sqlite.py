#!/usr/bin/env python3
"""The bare SQLite loop for gapless posting (scripts/bench ledger-sqlite): one writer, WAL,
synchronous=NORMAL as Gestio sets them; per posting, in one transaction, take the next number
from the counter row, insert the entry numbered from it, insert its two lines.
  ledger-reference-sqlite.py FILE ENTRIES  → prints postings/s"""
import os
import sqlite3
import sys
import time
import uuid

path, entries = sys.argv[1], int(sys.argv[2])
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(path + suffix):
        os.remove(path + suffix)
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA synchronous = NORMAL")
db.execute("PRAGMA foreign_keys = ON")
db.executescript("""
CREATE TABLE ref_counter (id INTEGER PRIMARY KEY, last_number INTEGER NOT NULL);
INSERT INTO ref_counter VALUES (1, 0);
CREATE TABLE ref_entries (id TEXT PRIMARY KEY, sequence INTEGER NOT NULL UNIQUE, entry_date TEXT NOT NULL,
    description TEXT NOT NULL, created_at REAL NOT NULL);
CREATE TABLE ref_lines (entry_id TEXT NOT NULL REFERENCES ref_entries (id), line_no INTEGER NOT NULL,
    account_code TEXT NOT NULL, debit_cents INTEGER NOT NULL, credit_cents INTEGER NOT NULL,
    PRIMARY KEY (entry_id, line_no));
""")
start = time.perf_counter()
for index in range(entries):
    amount = index % 100000 + 1
    db.execute("BEGIN IMMEDIATE")
    number = db.execute("UPDATE ref_counter SET last_number = last_number + 1 WHERE id = 1 "
                        "RETURNING last_number").fetchone()[0]
    entry = str(uuid.uuid4())
    db.execute("INSERT INTO ref_entries VALUES (?, ?, '2026-03-15', 'Bench', ?)", (entry, number, time.time()))
    db.executemany("INSERT INTO ref_lines VALUES (?, ?, ?, ?, ?)",
                   [(entry, 1, "61", amount, 0), (entry, 2, "440", 0, amount)])
    db.execute("COMMIT")
print(f"{entries / (time.perf_counter() - start):.1f}")
