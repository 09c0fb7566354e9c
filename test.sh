#!/usr/bin/env bash
# shellcheck disable=SC2317  # ef_script/ef_pending/ef are called through check()
# Builds Marketplace with warnings as errors, checks the EF Core migrations and the compose
# file, runs every test project under tests/ with TRX reports, and ends with exactly one line:
#   N passed, N failed, N skipped
# (TRX counters of all test projects plus this script's own checks). Exits 0 only when
# nothing failed and at least one test ran.
#
# Knobs: TEST_BUDGET_SECONDS (default 1800) caps the whole run, TEST_PROJECT_TIMEOUT (default
# 900) caps one test project; a project that is killed, crashes or writes no TRX is a failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
ARTIFACTS=$ROOT/artifacts
RESULTS=$ARTIFACTS/test-results
LOGS=$ARTIFACTS/logs
BUDGET=${TEST_BUDGET_SECONDS:-1800}
PROJECT_TIMEOUT=${TEST_PROJECT_TIMEOUT:-900}

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_GENERATE_ASPNET_CERTIFICATE=false

checks_passed=0
checks_failed=0
tests_passed=0
tests_failed=0
tests_skipped=0

say() { printf '==> %s\n' "$*"; }

# Runs "$@" with its output in $LOGS/<name>.log; one pass/fail result for the totals.
check() {
    local name=$1 log="$LOGS/$1.log"
    shift
    if "$@" >"$log" 2>&1 </dev/null; then
        checks_passed=$((checks_passed + 1))
        printf 'PASS  %s\n' "$name"
    else
        checks_failed=$((checks_failed + 1))
        printf 'FAIL  %s (log: %s)\n' "$name" "${log#"$ROOT"/}"
        tail -n 40 "$log" | sed 's/^/      /'
    fi
}

# ---------------------------------------------------------------- prerequisites
install_system_packages() {
    local wanted=(chromium python3-aiosmtpd zbar-tools docker-compose) missing=() p
    command -v dpkg-query >/dev/null 2>&1 || { say "no dpkg here: install ${wanted[*]} yourself"; return 0; }
    for p in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    ((${#missing[@]} == 0)) && return 0

    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            say "WARNING: not root and no sudo; cannot install ${missing[*]}"
            return 0
        fi
    fi
    say "installing ${missing[*]}"
    if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}"; } >"$LOGS/apt.log" 2>&1 </dev/null; then
        say "WARNING: apt-get failed (see artifacts/logs/apt.log); tests needing ${missing[*]} will fail"
    fi
}

rm -rf "$RESULTS" "$LOGS"
mkdir -p "$RESULTS" "$LOGS"

if ! command -v dotnet >/dev/null 2>&1; then
    say "the .NET SDK (see global.json) is not installed"
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
fi

install_system_packages
if ! dotnet tool restore >"$LOGS/tool-restore.log" 2>&1 </dev/null; then
    say "WARNING: dotnet tool restore failed (see artifacts/logs/tool-restore.log)"
fi
say "dotnet SDK $(dotnet --version)"

# ---------------------------------------------------------------- build and static checks
# -warnaserror honours WarningsNotAsErrors (NU1901-NU1904, NU1603 stay warnings).
check build dotnet build Marketplace.sln -c Release -warnaserror -nologo -clp:Summary

ef() {
    dotnet ef "$@" --configuration Release
}
ef_script() { # provider output [--idempotent]
    local provider=$1 out=$2
    shift 2
    rm -f "$out"
    ef migrations script "$@" --project "src/Marketplace.Migrations.$provider" \
        --startup-project "src/Marketplace.Migrations.$provider" -o "$out" && [[ -s $out ]]
}
ef_pending() { # provider; fails when the model has changes no migration covers
    ef migrations has-pending-model-changes --project "src/Marketplace.Migrations.$1" \
        --startup-project "src/Marketplace.Migrations.$1"
}
check ef-sqlserver-script ef_script SqlServer "$ARTIFACTS/sqlserver-migrations.sql" --idempotent
# EF Core cannot write idempotent scripts for SQLite, so that one is a plain script.
check ef-sqlite-script ef_script Sqlite "$ARTIFACTS/sqlite-migrations.sql"
check ef-sqlserver-pending-model-changes ef_pending SqlServer
check ef-sqlite-pending-model-changes ef_pending Sqlite

if command -v docker-compose >/dev/null 2>&1; then
    check compose-config env MSSQL_SA_PASSWORD='Dummy-Passw0rd' docker-compose -f docker-compose.yml config -q
else
    say "docker-compose not installed; compose check skipped"
fi

# ---------------------------------------------------------------- tests
# Reads the <Counters> of a TRX file; prints "passed failed skipped".
trx_counts() {
    local xml counters
    xml=$(tr '\r\n\t' '   ' <"$1")
    counters=$(grep -o '<Counters[[:space:]][^>]*>' <<<"$xml" | head -n 1 || true)
    if [[ -n $counters ]]; then
        attr() {
            local v
            v=$(sed -n "s/.*[[:space:]]$1=\"\([0-9]*\)\".*/\1/p" <<<"$counters")
            echo "${v:-0}"
        }
        echo "$(($(attr passed) + $(attr passedButRunAborted))) \
$(($(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted) + $(attr disconnected))) \
$(($(attr notExecuted) + $(attr notRunnable) + $(attr inconclusive) + $(attr pending)))"
    else # no summary: count the outcomes of the individual results
        outcome() { { grep -o "<UnitTestResult[^>]*outcome=\"$1\"" <<<"$xml" || true; } | wc -l; }
        echo "$(outcome Passed) $(($(outcome Failed) + $(outcome Error) + $(outcome Timeout) + $(outcome Aborted))) \
$(($(outcome NotExecuted) + $(outcome Inconclusive)))"
    fi
}

# The failed tests of a TRX file, each with the first lines of its message.
failed_test_names() {
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$1" <<'PY' || true
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for r in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult", ns):
    if r.get("outcome") != "Failed":
        continue
    print(r.get("testName"))
    message = r.find("t:Output/t:ErrorInfo/t:Message", ns)
    for line in ((message.text or "") if message is not None else "").strip().splitlines()[:6]:
        print("      " + line[:300])
PY
    else
        tr '\r\n\t' '   ' <"$1" | grep -o '<UnitTestResult[^>]*outcome="Failed"[^>]*>' |
            sed -n 's/.*testName="\([^"]*\)".*/\1/p' | head -n 50 || true
    fi
}
failed_tests=()

shopt -s nullglob
projects=(tests/*/*.csproj)
shopt -u nullglob
((${#projects[@]})) || say "no test projects under tests/"

for project in "${projects[@]}"; do
    name=$(basename "$project" .csproj)
    remaining=$((BUDGET - SECONDS))
    limit=$((remaining < PROJECT_TIMEOUT ? remaining : PROJECT_TIMEOUT))
    ((limit >= 60)) || limit=60
    say "testing $name (time limit ${limit}s)"
    rc=0
    # xunit.v3 has its own TRX reporter (--report-xunit-trx); MTP's --report-trx would need
    # the Microsoft.Testing.Extensions.TrxReport package.
    timeout --kill-after=20 "$limit" dotnet test --project "$project" -c Release \
        --no-ansi --no-progress \
        --results-directory "$RESULTS" --report-xunit-trx --report-xunit-trx-filename "$name.trx" \
        </dev/null 2>&1 | tee "$LOGS/test-$name.log" || rc=${PIPESTATUS[0]}

    trx="$RESULTS/$name.trx"
    if [[ ! -s $trx ]]; then
        why="exit code $rc"
        ((rc == 124 || rc == 137)) && why="killed after ${limit}s"
        say "FAIL  $name wrote no TRX ($why): counted as one failure"
        tests_failed=$((tests_failed + 1))
        continue
    fi
    read -r p f s < <(trx_counts "$trx")
    # 0 = success, 2 = failed tests (already in the TRX), 8 = zero tests ran.
    if ((rc != 0 && rc != 2 && rc != 8 && f == 0)); then
        say "FAIL  $name exited with $rc although its TRX shows no failure: counted as one failure"
        f=$((f + 1))
    fi
    say "$name: $p passed, $f failed, $s skipped"
    if ((f > 0)); then
        failed_tests+=("$name:")
        while IFS= read -r t; do failed_tests+=("    $t"); done < <(failed_test_names "$trx")
    fi
    tests_passed=$((tests_passed + p))
    tests_failed=$((tests_failed + f))
    tests_skipped=$((tests_skipped + s))
done

# ---------------------------------------------------------------- summary
if ((${#failed_tests[@]})); then
    say "failed tests (details in artifacts/logs/test-*.log and artifacts/test-results/*.trx):"
    printf '%s\n' "${failed_tests[@]}"
fi
ran=$((tests_passed + tests_failed))
failed=$((tests_failed + checks_failed))
status=0
if ((failed > 0)); then
    status=1
elif ((ran == 0)); then
    say "no test ran"
    status=1
fi
echo "$((tests_passed + checks_passed)) passed, $failed failed, $tests_skipped skipped"
exit "$status"
