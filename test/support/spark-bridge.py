"""Apache Spark (pyspark, local mode) as a test engine for the databricks dialect.

One JVM per test run: this process creates a local SparkSession (session time zone UTC),
listens on a loopback TCP port and serves JSON-lines requests from any number of clients,
one request at a time (a lock: the session's current database is shared state).

Request (one line):
  {"database": str, "fresh": bool, "ansi": bool,
   "tables": [{"create": "CREATE TABLE …", "table": "`quoted`", "families": [str…], "rows": [[…]…]}],
   "script": str, "query": str}
  fresh → the database is dropped and created again first; the tables are created and filled
  (values as JSON: text, number, boolean; dates and instants as 'YYYY-MM-DD[ HH:MM:SS.ffffff]'
  text cast by Spark), the script's statements run one by one, then the query.
Response (one line): {"rows": [[…]…], "columns": [str…]} with every value as text (booleans
  and NULL kept) and the query's column names, or {"error": str}.

Usage: python spark-bridge.py PORT   (prints "ready" on stdout once it accepts connections)

The bridge exits when its standard input reaches end of file: the test run holds the other end
of that pipe, so a test run that dies, even by SIGKILL, takes the bridge and its JVM with it.
"""
import json
import os
import shutil
import socketserver
import sys
import tempfile
import threading
import time

from pyspark.sql import SparkSession
from pyspark.sql.types import BooleanType, DoubleType, StringType, StructField, StructType

SPARK_TYPES = {"text": StringType(), "number": DoubleType(), "boolean": BooleanType(), "date": StringType(), "datetime": StringType()}
CASTS = {"date": "DATE", "datetime": "TIMESTAMP"}


def split_statements(script):
    """Splits a Spark SQL script at top-level ';' — outside '…' / "…" (backslash escapes),
    `…` identifiers and -- or /* */ comments."""
    statements, current, i, n = [], [], 0, len(script)
    while i < n:
        c = script[i]
        if c in ("'", '"', "`"):
            j = i + 1
            while j < n:
                if c != "`" and script[j] == "\\":
                    j += 2
                    continue
                if script[j] == c:
                    if c == "`" and j + 1 < n and script[j + 1] == "`":
                        j += 2
                        continue
                    break
                j += 1
            current.append(script[i : j + 1])
            i = j + 1
        elif script.startswith("--", i):
            j = script.find("\n", i)
            i = n if j < 0 else j + 1
        elif script.startswith("/*", i):
            j = script.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif c == ";":
            statements.append("".join(current))
            current = []
            i += 1
        else:
            current.append(c)
            i += 1
    statements.append("".join(current))
    return [s.strip() for s in statements if s.strip()]


def text(value):
    if value is None or isinstance(value, bool):
        return value
    return str(value)


class Bridge:
    def __init__(self):
        warehouse = tempfile.mkdtemp(prefix="stagecraft-spark-")
        self.warehouse = warehouse
        self.spark = (
            SparkSession.builder.master("local[1]")
            .appName("stagecraft-tests")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.warehouse.dir", warehouse)
            .config("spark.sql.shuffle.partitions", "1")
            .config("spark.default.parallelism", "1")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.memory", "1g")
            .config("spark.sql.adaptive.enabled", "false")
            .getOrCreate()
        )
        self.spark.sparkContext.setLogLevel("ERROR")
        self.lock = threading.Lock()

    def run(self, request):
        spark = self.spark
        with self.lock:
            started = time.monotonic()
            spark.conf.set("spark.sql.ansi.enabled", "true" if request.get("ansi", True) else "false")
            database = request["database"]
            if request.get("fresh", True):
                spark.sql(f"DROP DATABASE IF EXISTS {database} CASCADE")
                spark.sql(f"CREATE DATABASE {database}")
            spark.sql(f"USE {database}")
            for table in request.get("tables", []):
                spark.sql(f"DROP TABLE IF EXISTS {table['table']}")
                spark.sql(table["create"])
                rows = table["rows"]
                if not rows:
                    continue
                families = table["families"]
                schema = StructType([StructField(f"c{i}", SPARK_TYPES[f], True) for i, f in enumerate(families)])
                numbers = [i for i, f in enumerate(families) if f == "number"]
                for row in rows:
                    for i in numbers:
                        if row[i] is not None:
                            row[i] = float(row[i])
                frame = spark.createDataFrame(rows, schema)
                casts = [f"CAST(c{i} AS {CASTS[f]})" if f in CASTS else f"c{i}" for i, f in enumerate(families)]
                frame.selectExpr(*casts).write.insertInto(f"{database}.{table['table']}")
            loaded = time.monotonic()
            for statement in split_statements(request.get("script", "")):
                spark.sql(statement)
            viewed = time.monotonic()
            query = request.get("query")
            if not query:
                return {"rows": [], "columns": []}
            frame = spark.sql(query)
            rows = [[text(v) for v in row] for row in frame.collect()]
            if os.environ.get("STAGECRAFT_SPARK_TIMING"):
                print(f"spark: load {loaded - started:.3f}s views {viewed - loaded:.3f}s query {time.monotonic() - viewed:.3f}s", file=sys.stderr, flush=True)
            return {"rows": rows, "columns": frame.columns}


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            if not line.strip():
                continue
            try:
                response = self.server.bridge.run(json.loads(line))
            except Exception as error:  # the message goes back to the test, which fails with it
                response = {"error": f"{type(error).__name__}: {error}"}
            self.wfile.write((json.dumps(response) + "\n").encode("utf-8"))
            self.wfile.flush()


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def exit_when_stdin_closes(bridge):
    """Returns only by ending the process: at EOF on stdin (the parent closed it or died),
    after removing the bridge's warehouse directory."""
    while sys.stdin.buffer.read(65536):
        pass
    shutil.rmtree(bridge.warehouse, ignore_errors=True)
    os._exit(0)


def main():
    port = int(sys.argv[1])
    bridge = Bridge()
    threading.Thread(target=exit_when_stdin_closes, args=(bridge,), daemon=True).start()
    server = Server(("127.0.0.1", port), Handler)
    server.bridge = bridge
    print("ready", flush=True)
    try:
        server.serve_forever()
    finally:
        bridge.spark.stop()


if __name__ == "__main__":
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # Spark's driver and block manager listen on this address: loopback only.
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    main()
