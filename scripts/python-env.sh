#!/usr/bin/env bash
# The Python tools the tests run for real (dbt-core with its duckdb, postgres and spark adapters;
# pyspark), pinned in python/requirements.txt, installed into .venv at the repository root.
# Idempotent and quick when nothing changed: the venv records the hash of the requirements it
# was built from and is rebuilt only when they change.
#
#   scripts/python-env.sh          install or refresh .venv
#   scripts/python-env.sh --lock   re-resolve python/requirements.in into requirements.txt
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv
requirements=python/requirements.txt
python=${PYTHON:-python3}

if [[ "${1:-}" == "--lock" ]]; then
  scratch=$(mktemp -d)
  "$python" -m venv "$scratch"
  "$scratch/bin/pip" install -q --upgrade pip
  "$scratch/bin/pip" install -q -r python/requirements.in
  { echo "# Pinned by scripts/python-env.sh --lock from python/requirements.in; installed into .venv by scripts/python-env.sh."
    "$scratch/bin/pip" freeze; } > "$requirements"
  rm -rf "$scratch"
  echo "python-env: locked $(grep -vc '^#' "$requirements") packages"
  exit 0
fi

wanted=$(sha256sum "$requirements" | cut -d' ' -f1)
if [[ -f "$venv/.requirements-hash" && "$(cat "$venv/.requirements-hash")" == "$wanted" ]]; then
  exit 0
fi

echo "python-env: installing $requirements into $venv"
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip
"$venv/bin/pip" install -q -r "$requirements"
echo "$wanted" > "$venv/.requirements-hash"
