#!/usr/bin/env bash
# Supply chain and static checks (issue 9, §8): bandit over the code (0 high-severity findings
# required), pip-audit over the locked dependencies (needs network to PyPI and its advisory
# service, so it is not part of the default test run). Exit 0: both clean; 1: a finding;
# 2: not everything could be audited. Where pip-audit cannot reach its vulnerability service,
# scripts/audit_pypi_latest.py checks what PyPI's project JSON can decide, and
# TASKMINE_OSV_DIR=<a copy of OSV advisories> runs scripts/audit_offline.py as well.
#
#     bash scripts/security-audit.sh
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
status=0

echo "== bandit (high severity fails the run; medium and low are listed for triage)"
"$PY" -m bandit -q -r taskmine recorder discovery exporters workflows -f txt --severity-level medium || true
if ! "$PY" -m bandit -q -r taskmine recorder discovery exporters workflows --severity-level high >/dev/null; then
    echo "bandit: high-severity findings (see above)"; status=1
else
    echo "bandit: 0 high-severity findings"
fi

echo "== pip-audit (locked dependencies, from uv.lock)"
requirements=$(mktemp)
uv export --frozen --all-groups --no-emit-project --no-hashes --format requirements-txt >"$requirements"
log=$(mktemp)
trap 'rm -f "$requirements" "$log"' EXIT
if "$PY" -m pip_audit -s "${PIP_AUDIT_SERVICE:-pypi}" --strict --disable-pip --no-deps -r "$requirements" --progress-spinner off 2>&1 | tee "$log"; then
    echo "pip-audit: no known vulnerabilities"
elif grep -qE "could not be audited|ConnectionError|Name or service not known|timed out" "$log"; then
    echo "pip-audit: NOT AUDITED: the vulnerability service could not be reached, or does not know"
    echo "the locked versions (try: PIP_AUDIT_SERVICE=osv, or run where PyPI / OSV are reachable)"
    status=2
    # PyPI's project JSON still answers where the per-version JSON does not: it gives the same
    # verdict for every package locked at its newest release, and names the ones it cannot.
    echo "== live check against PyPI's vulnerability data (newest releases only)"
    "$PY" scripts/audit_pypi_latest.py
    live=$?
    if [ "$live" -eq 1 ]; then status=1; elif [ "$live" -eq 0 ]; then status=0; fi
    if [ -n "${TASKMINE_OSV_DIR:-}" ]; then
        # The same decision offline, against a copy of OSV advisories (pypa/advisory-database
        # or osv.dev's PyPI/all.zip): as fresh as that copy, which the report dates.
        echo "== offline audit against $TASKMINE_OSV_DIR"
        "$PY" scripts/audit_offline.py --osv-dir "$TASKMINE_OSV_DIR"
        status=$?
    fi
else
    echo "pip-audit: known vulnerabilities (above)"
    status=1
fi
exit $status
