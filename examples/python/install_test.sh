#!/bin/sh
# Install the binding as README.md's "Install" says, offline, into a fresh
# venv, then run example.py from outside the source tree against it.
#
# usage: install_test.sh PYTHON WORK VERSION [NAME=VALUE]...
#   PYTHON   Debian's python3 (its setuptools and wheel build the binding)
#   WORK     a scratch directory, emptied first
#   VERSION  the project's version, which the installed one must equal
#   NAME=VALUE  the environment the binding runs in (REPAYJUMP_LIBRARY...);
#            pip and venv run without it
set -eu
python=$1 work=$2 version=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)

rm -rf "$work"
mkdir -p "$work/app"
# A copy, so that setuptools' build/ and *.egg-info stay out of the tree.
cp -R "$here" "$work/python"
rm -rf "$work/python/build" "$work/python/repayjump.egg-info"
cd "$work"

"$python" -m venv --system-site-packages venv
# No pip.conf of the user's, no cache in $HOME.
PIP_CONFIG_FILE=/dev/null venv/bin/pip install --no-build-isolation --no-index \
  --no-cache-dir --disable-pip-version-check ./python

# The installed module, its metadata, and the example, all from app/,
# where no repayjump.py lies beside them.
cp "$here/example.py" app/
cd app
env "$@" ../venv/bin/python - "$work/venv" "$version" "$here/../../LICENSE" \
  <<'EOF'
import importlib.metadata
import os
import sys

import repayjump

venv, version, license_file = sys.argv[1:]
# The wheel carries the project's LICENSE in its metadata.
licenses = [f for f in importlib.metadata.distribution("repayjump").files
            if f.name == "LICENSE"]
with open(license_file, encoding="utf-8") as f:
    if [p.read_text(encoding="utf-8") for p in licenses] != [f.read()]:
        sys.exit(f"the installed distribution has no LICENSE, or not the "
                 f"project's: {licenses}")
where = os.path.realpath(repayjump.__file__)
if not where.startswith(os.path.realpath(venv) + os.sep):
    sys.exit(f"repayjump imported from {where}, not from the venv {venv}")
installed = importlib.metadata.version("repayjump")
if installed != version:
    sys.exit(f"installed distribution is {installed}, the project is {version}")
if repayjump.version() != version:
    sys.exit(f"the library loaded is {repayjump.version()}, the project is {version}")
print(f"repayjump {installed} from {where}")
EOF
# Printed only once it has exited 0: ctest looks for its App path line.
out=$(env "$@" ../venv/bin/python example.py)
printf '%s\n' "$out"
