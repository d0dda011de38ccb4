#!/usr/bin/env bash
# Install the project into ./.venv, load the bundled sample into ./unitbudget.duckdb and
# print the comparison summary.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/unitbudget demo "$@"
