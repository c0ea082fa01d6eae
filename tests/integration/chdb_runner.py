"""Runs SQL queries on an in-memory ClickHouse engine (chdb) loaded with the analytics schema and rows.

Usage: python chdb_runner.py --schema analytics/schema.sql --data DIR < queries.jsonl

Each stdin line is {"name": ..., "sql": ...}; each stdout line is
{"name", "rows": <row count>, "sample": <first row or null>, "error": <string or null>}.
Rows come from DIR/<table>.jsonl (JSONEachRow) into hexabase.<table>; counts go to stderr.
"""

import argparse
import json
import os
import re
import sys

from chdb import session


def statements(schema_text):
    # schema.sql separates statements with ";" at the end of a line; comments may contain ";".
    for chunk in re.split(r";[ \t]*$", schema_text, flags=re.M):
        code = "\n".join(l for l in chunk.splitlines() if not l.strip().startswith("--")).strip()
        if code:
            yield chunk.strip()


def sql_string(value):
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def load(sess, data_dir):
    files = sorted(f for f in os.listdir(data_dir) if f.endswith(".jsonl"))
    if not files:
        raise SystemExit(f"chdb_runner: no .jsonl files in {data_dir}")
    for name in files:
        table = name[: -len(".jsonl")]
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", table):
            raise SystemExit(f"chdb_runner: {name} does not name a table")
        path = os.path.abspath(os.path.join(data_dir, name))
        if os.path.getsize(path) > 0:
            # JSONEachRow matches keys to the table's columns by name.
            sess.query(f"INSERT INTO hexabase.{table} SELECT * FROM file({sql_string(path)}, JSONEachRow)")
        count = json.loads(str(sess.query(f"SELECT count() AS n FROM hexabase.{table}", "JSON")))["data"][0]["n"]
        print(f"chdb_runner: hexabase.{table}: {count} rows from {name}", file=sys.stderr)


def run(sess, sql):
    result = json.loads(str(sess.query(sql, "JSON")) or "{}")
    data = result.get("data", [])
    return {"rows": len(data), "sample": data[0] if data else None, "error": None}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", required=True)
    parser.add_argument("--data", required=True)
    args = parser.parse_args()

    sess = session.Session()
    with open(args.schema, encoding="utf-8") as f:
        for statement in statements(f.read()):
            sess.query(statement)
    load(sess, args.data)

    for line in sys.stdin:
        if not line.strip():
            continue
        name = None
        try:
            query = json.loads(line)
            name = query["name"]
            out = run(sess, query["sql"])
        except Exception as e:  # one failing query must not hide the others
            out = {"rows": 0, "sample": None, "error": str(e).strip()}
        print(json.dumps({"name": name, **out}, default=str), flush=True)
    sess.close()


if __name__ == "__main__":
    main()
