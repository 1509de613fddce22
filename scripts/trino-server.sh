#!/usr/bin/env bash
# Runs one single-node Trino server (coordinator and worker in one JVM) in the foreground,
# with the memory connector as catalog `memory`, for the opt-in Trino tests
# (STAGECRAFT_ENGINES=trino; see test/support/trino-global-setup.ts).
#
#   scripts/trino-server.sh PORT STATE_DIR   serve on 127.0.0.1:PORT, configuration and data in STATE_DIR
#   scripts/trino-server.sh --fetch           only download and unpack the server
#
# With TRINO_STOP_AT_STDIN_EOF=1 the server stops when the script's stdin reaches end of file.
#
# The server tarball is downloaded once from Maven Central into .cache/trino/ (git-ignored)
# and unpacked there. Only the memory plugin is loaded: the other ~50 plugins would multiply
# the start time and nothing here uses them. Trino needs Java 24 or newer: TRINO_JAVA_HOME,
# else the Temurin 25 JDK of this machine.
set -euo pipefail

VERSION="${TRINO_VERSION:-476}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache/trino"
SERVER="$CACHE/trino-server-$VERSION"
TARBALL="$CACHE/trino-server-$VERSION.tar.gz"
URL="https://repo1.maven.org/maven2/io/trino/trino-server/$VERSION/trino-server-$VERSION.tar.gz"
export JAVA_HOME="${TRINO_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

fetch() {
  mkdir -p "$CACHE"
  if [ ! -d "$SERVER/lib" ]; then
    if [ ! -f "$TARBALL" ]; then
      echo "trino-server.sh: downloading $URL" >&2
      curl -sSfL -o "$TARBALL.part" "$URL"
      mv "$TARBALL.part" "$TARBALL"
    fi
    rm -rf "$SERVER.part" && mkdir -p "$SERVER.part"
    tar xzf "$TARBALL" -C "$SERVER.part" --strip-components=1
    mv "$SERVER.part" "$SERVER"
  fi
}

fetch
if [ "${1:-}" = "--fetch" ]; then exit 0; fi
if [ $# -ne 2 ]; then
  echo "usage: scripts/trino-server.sh PORT STATE_DIR | --fetch" >&2
  exit 2
fi
PORT="$1"
STATE="$2"
if [ ! -x "$JAVA_HOME/bin/java" ]; then
  echo "trino-server.sh: no Java at $JAVA_HOME (Trino $VERSION needs Java 24 or newer; set TRINO_JAVA_HOME)" >&2
  exit 1
fi

ETC="$STATE/etc"
mkdir -p "$ETC/catalog" "$STATE/data" "$STATE/plugin"
ln -sfn "$SERVER/plugin/memory" "$STATE/plugin/memory"

cat > "$ETC/node.properties" <<PROPS
node.environment=stagecraft_test
node.id=stagecraft-test
node.data-dir=$STATE/data
node.internal-address=127.0.0.1
node.bind-ip=127.0.0.1
PROPS

cat > "$ETC/config.properties" <<PROPS
coordinator=true
node-scheduler.include-coordinator=true
http-server.http.port=$PORT
discovery.uri=http://127.0.0.1:$PORT
plugin.dir=$STATE/plugin
query.max-memory=1GB
query.max-memory-per-node=512MB
PROPS

cat > "$ETC/jvm.config" <<'PROPS'
-server
-Xmx2G
-XX:+UseG1GC
-XX:G1HeapRegionSize=32M
-XX:+ExplicitGCInvokesConcurrent
-XX:+ExitOnOutOfMemoryError
-XX:-OmitStackTraceInFastThrow
-XX:ReservedCodeCacheSize=256M
-XX:PerMethodRecompilationCutoff=10000
-XX:PerBytecodeRecompilationCutoff=10000
-XX:+EnableDynamicAgentLoading
-Djdk.attach.allowAttachSelf=true
-Djdk.nio.maxCachedBufferSize=2000000
-Dfile.encoding=UTF-8
--enable-native-access=ALL-UNNAMED
--sun-misc-unsafe-memory-access=allow
-Duser.timezone=UTC
PROPS

# Warnings and errors only: the tests inherit the server's output.
cat > "$ETC/log.properties" <<'PROPS'
io=WARN
org=WARN
com=WARN
Bootstrap=WARN
PROPS

echo "connector.name=memory" > "$ETC/catalog/memory.properties"

export PATH="$JAVA_HOME/bin:$PATH"
if [ -z "${TRINO_STOP_AT_STDIN_EOF:-}" ]; then
  exec "$SERVER/bin/launcher" run --etc-dir="$ETC" --data-dir="$STATE/data"
fi
# The tests hold the other end of stdin: at its end of file (they closed it, or died, even by
# SIGKILL) the server stops, so no JVM outlives the test run.
# The script ends when the server does (a failed start is seen at once) or at that end of
# file; either way only after the JVM has exited, so its state may then be removed.
"$SERVER/bin/launcher" run --etc-dir="$ETC" --data-dir="$STATE/data" </dev/null &
JVM=$!
# (A background command's stdin would be /dev/null: the script's own stdin goes by fd 3.)
exec 3<&0
cat <&3 >/dev/null &
STDIN=$!
stop_server() {
  kill -TERM "$JVM" 2>/dev/null || true
  wait "$JVM" 2>/dev/null || true
}
trap 'stop_server; exit 143' TERM INT
status=0
wait -n "$JVM" "$STDIN" || status=$?
if kill -0 "$JVM" 2>/dev/null; then
  stop_server
  exit 0
fi
kill "$STDIN" 2>/dev/null || true
exit "$status"
