#!/usr/bin/env bash
# Benchmarks Marketplace at region scale on this machine, against ONE app process:
#   - wrk at 32 connections: /About (the ceiling: static text, same layout), /Fairs over a
#     rotating mix of filter combinations (once as wrk asks, with no Accept-Encoding, and once
#     as browsers ask, br or gzip), /Fairs/{id} over many ids, /calendar.ics per
#     municipality, /api/fairs; requests/s, p50/p99 and requests/s as a ratio of /About's;
#   - cache misses: /Fairs and /api/fairs text searches that no request of the run repeats
#     (thousands of distinct word × filter searches, unique.lua), at 1 and at 8 clients;
#   - a booking storm: 1,000 signed-in producers post the real booking form for "any stall"
#     on one first-come day with 100 stalls, all at once; outcomes counted in the database;
#   - mail fan-out: outbox messages sent by the real sender to aiosmtpd vs raw MailKit, both
#     after an untimed warm-up of a tenth as many messages (at most 2,000);
#   - the app's peak RSS (VmHWM).
# Prints one table and writes it to infra/bench/RESULTS.md (date, machine, commit).
#
# usage: infra/bench/run.sh [--scale region|small] [--fresh] [--duration SECONDS] [--messages N]
#   --scale     region (default) or small (a quick run: 10 s per endpoint, 10,000 messages)
#   --fresh     regenerate the database (else artifacts/bench/<scale>.db is reused)
#   --duration  seconds of wrk per endpoint (default 20; small: 10)
#   --messages  outbox messages of the mail fan-out (default 100000; small: 10000)
#   --no-build  reuse the last build in artifacts/bench/ (while working on the script)
# Knobs: BENCH_PORT (5180), BENCH_SMTP_PORT (2526), BENCH_CONNECTIONS (32).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
OUT=$ROOT/artifacts/bench
HERE=$ROOT/infra/bench
SCALE=region
FRESH=0
BUILD=1
DURATION=
MESSAGES=
PORT=${BENCH_PORT:-5180}
SMTP_PORT=${BENCH_SMTP_PORT:-2526}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
PASSWORD=Escala-2026
STORM_PRODUCERS=1000

while (($#)); do
    case $1 in
        --scale) SCALE=$2; shift 2 ;;
        --fresh) FRESH=1; shift ;;
        --no-build) BUILD=0; shift ;;
        --duration) DURATION=$2; shift 2 ;;
        --messages) MESSAGES=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
case $SCALE in
    region) DURATION=${DURATION:-20}; MESSAGES=${MESSAGES:-100000} ;;
    small) DURATION=${DURATION:-10}; MESSAGES=${MESSAGES:-10000} ;;
    *) echo "--scale is region or small" >&2; exit 2 ;;
esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
say() { printf '==> %s\n' "$*" >&2; }

# ------------------------------------------------------------------ tools
if ! command -v wrk >/dev/null 2>&1; then
    say "installing wrk"
    if [[ $(id -u) -eq 0 ]]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || { echo "python3-aiosmtpd is missing (apt-get install python3-aiosmtpd)" >&2; exit 1; }
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

mkdir -p "$OUT"
if ((BUILD)) || [[ ! -f $OUT/app/Marketplace.Web.dll || ! -f $OUT/tool/Marketplace.Bench.dll ]]; then
    say "building in Release"
    dotnet publish src/Marketplace.Web/Marketplace.Web.csproj -c Release -o "$OUT/app" -nologo -clp:ErrorsOnly >&2
    dotnet publish infra/bench/Marketplace.Bench/Marketplace.Bench.csproj -c Release -o "$OUT/tool" -nologo -clp:ErrorsOnly >&2
fi
bench() { dotnet "$OUT/tool/Marketplace.Bench.dll" "$@"; }

# The app as in production (secure cookies, no demo data, the web image's runtime settings:
# infra/Dockerfile), on plain HTTP on loopback.
app_env=(
    ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production DOTNET_GCgen0size=0x800000 MALLOC_ARENA_MAX=2
    "ConnectionStrings__Marketplace=Data Source=$OUT/$SCALE.db"
    Demo__Seed=false RateLimits__Enabled=false "Mail__PickupDirectory=$OUT/mail" "Site__BaseUrl=http://127.0.0.1:$PORT"
)

# ------------------------------------------------------------------ data
DB=$OUT/$SCALE.db
if ((FRESH)) || [[ ! -f $DB ]]; then
    rm -f "$DB" "$DB-wal" "$DB-shm"
    say "generating the $SCALE database (minutes at region scale)"
    (cd "$OUT/app" && env "${app_env[@]}" Jobs__RunServer=false \
        dotnet Marketplace.Web.dll generate --scale "$SCALE" --password "$PASSWORD") >"$OUT/generate.log" 2>&1 \
        || { tail -20 "$OUT/generate.log" >&2; exit 1; }
fi
say "request paths and the storm's fair day"
bench targets --db "$DB" --out "$OUT/targets" >&2
printf '/About\n' >"$OUT/targets/about.txt"
STORM_DAY=$(bench storm-day --db "$DB")
# Two warm-up storms by the same producers (as each wrk run is warmed on its own paths).
WARM_DAYS="$(bench storm-day --db "$DB"),$(bench storm-day --db "$DB")"

# ------------------------------------------------------------------ app
APP_PID=
SMTP_PID=
cleanup() {
    [[ -n $APP_PID ]] && kill "$APP_PID" 2>/dev/null || true
    [[ -n $SMTP_PID ]] && kill "$SMTP_PID" 2>/dev/null || true
}
trap cleanup EXIT
rm -rf "$OUT/mail"
say "starting the app on http://127.0.0.1:$PORT"
(cd "$OUT/app" && exec env "${app_env[@]}" ASPNETCORE_URLS="http://127.0.0.1:$PORT" dotnet Marketplace.Web.dll) \
    >"$OUT/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
    kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$OUT/app.log" >&2; exit 1; }
    sleep 1
done
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" || { echo "the app never became ready" >&2; exit 1; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A RPS P50 P99 ERRORS
# measure NAME TARGETS [WRK OPTIONS…]: 10 s of warm-up, then the measured run.
measure() {
    local name=$1 file=$OUT/targets/$2 line
    shift 2
    wrk -t2 -c"$CONNECTIONS" -d10s --timeout 10s "$@" -s "$HERE/paths.lua" "http://127.0.0.1:$PORT" -- "$file" >/dev/null
    line=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s "$@" -s "$HERE/paths.lua" "http://127.0.0.1:$PORT" -- "$file" | grep '^RESULT')
    RPS[$name]=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")
    P50[$name]=$(sed -E 's/.* p50_ms=([0-9.]+).*/\1/' <<<"$line")
    P99[$name]=$(sed -E 's/.* p99_ms=([0-9.]+).*/\1/' <<<"$line")
    ERRORS[$name]=$(sed -E 's/.* errors=([0-9]+).*/\1/' <<<"$line")
    say "$name: ${RPS[$name]} req/s, p50 ${P50[$name]} ms, p99 ${P99[$name]} ms, errors ${ERRORS[$name]} ($(wc -l <"$file") paths)"
}
ENDPOINTS=(about fairs fairs_br details calendar api)
declare -A LABEL=(
    [about]="/About (ceiling)"
    [fairs]="/Fairs, $(wc -l <"$OUT/targets/fairs.txt") filter combinations"
    [fairs_br]="/Fairs, the same, as browsers ask (Accept-Encoding: br, gzip)"
    [details]="/Fairs/{id}, $(wc -l <"$OUT/targets/details.txt") days"
    [calendar]="/calendar.ics?municipality=…, $(wc -l <"$OUT/targets/calendar.txt") feeds"
    [api]="/api/fairs, $(wc -l <"$OUT/targets/api.txt") filter combinations"
)
for name in "${ENDPOINTS[@]}"; do
    case $name in
        fairs_br) measure "$name" fairs.txt -H "Accept-Encoding: br, gzip" ;;
        *) measure "$name" "$name.txt" ;;
    esac
done

# Cache misses: text searches no request of the run repeats (unique.lua), so neither the output
# cache nor the counts kept for the minute answer; 10 s of other unique searches warm each kind.
declare -A REPEATS
# measure_unique NAME FILE CLIENTS
measure_unique() {
    local name=$1 file=$OUT/targets/$2 clients=$3 threads line
    threads=$((clients < 2 ? 1 : 2))
    line=$(wrk -t"$threads" -c"$clients" -d"${DURATION}s" --timeout 10s -s "$HERE/unique.lua" \
        "http://127.0.0.1:$PORT" -- "$file" "$threads" | grep '^RESULT')
    RPS[$name]=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")
    P50[$name]=$(sed -E 's/.* p50_ms=([0-9.]+).*/\1/' <<<"$line")
    P99[$name]=$(sed -E 's/.* p99_ms=([0-9.]+).*/\1/' <<<"$line")
    ERRORS[$name]=$(sed -E 's/.* errors=([0-9]+).*/\1/' <<<"$line")
    REPEATS[$name]=$(sed -E 's/.* repeats=([0-9]+).*/\1/' <<<"$line")
    say "$name: ${RPS[$name]} req/s, p50 ${P50[$name]} ms, p99 ${P99[$name]} ms, errors ${ERRORS[$name]}, repeats ${REPEATS[$name]}"
}
MISSES=(fairs_miss1 fairs_miss8 api_miss1 api_miss8)
declare -A MISS_LABEL=(
    [fairs_miss1]="/Fairs?q=…, 1 client" [fairs_miss8]="/Fairs?q=…, 8 clients"
    [api_miss1]="/api/fairs?q=…, 1 client" [api_miss8]="/api/fairs?q=…, 8 clients"
)
for kind in fairs api; do
    wrk -t2 -c8 -d10s --timeout 10s -s "$HERE/unique.lua" "http://127.0.0.1:$PORT" -- \
        "$OUT/targets/$kind-unique-warm.txt" 2 >/dev/null
    measure_unique "${kind}_miss1" "$kind-unique-1.txt" 1
    measure_unique "${kind}_miss8" "$kind-unique-8.txt" 8
done

say "booking storm: $STORM_PRODUCERS producers sign in, then post at once (fair day $STORM_DAY)"
STORM=$(bench storm --db "$DB" --url "http://127.0.0.1:$PORT" --day "$STORM_DAY" \
    --producers "$STORM_PRODUCERS" --password "$PASSWORD" --warm-day "$WARM_DAYS" | grep '^STORM')
say "$STORM"
storm() { sed -E "s/.* $1=([0-9]+).*/\1/" <<<"$STORM"; }

PEAK_RSS_KB=$(awk '/^VmHWM/ {print $2}' "/proc/$APP_PID/status")
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
kill "$APP_PID"
wait "$APP_PID" 2>/dev/null || true
APP_PID=

# ------------------------------------------------------------------ mail
say "mail fan-out: $MESSAGES messages to aiosmtpd on port $SMTP_PORT"
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Sink >"$OUT/smtp.log" 2>&1 &
SMTP_PID=$!
sleep 2
MAIL=$(bench mail --db "$OUT/mail.db" --smtp-port "$SMTP_PORT" --messages "$MESSAGES" | grep '^MAIL')
say "$MAIL"
kill "$SMTP_PID"
SMTP_PID=
mail() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$MAIL"; }

# ------------------------------------------------------------------ report
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f %%", (b > 0 ? 100 * a / b : 0) }'; }
verdict() { if awk "BEGIN { exit !($1) }"; then echo "met"; else echo "**missed**"; fi; }
ceiling=${RPS[about]}
{
    echo "| measurement | requests/s | p50 ms | p99 ms | ratio to /About | errors |"
    echo "|---|---:|---:|---:|---:|---:|"
    for name in "${ENDPOINTS[@]}"; do
        echo "| ${LABEL[$name]} | ${RPS[$name]} | ${P50[$name]} | ${P99[$name]} | $(ratio "${RPS[$name]}" "$ceiling") | ${ERRORS[$name]} |"
    done
    echo
    echo "| cache misses: one text word and filters, no search asked twice | requests/s | p50 ms | p99 ms | errors | repeated |"
    echo "|---|---:|---:|---:|---:|---:|"
    for name in "${MISSES[@]}"; do
        echo "| ${MISS_LABEL[$name]} | ${RPS[$name]} | ${P50[$name]} | ${P99[$name]} | ${ERRORS[$name]} | ${REPEATS[$name]} |"
    done
    echo
    echo "| booking storm ($STORM_PRODUCERS producers, 100 stalls) | confirmed | waitlisted | other | errors | p50 ms | p99 ms | all answered in ms |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    echo "| any stall, all at once | $(storm confirmed) | $(storm waitlisted) | $(storm other) | $(storm errors) | $(storm p50) | $(storm p99) | $(storm wall) |"
    echo
    echo "| mail fan-out ($MESSAGES messages to aiosmtpd) | messages/s | seconds |"
    echo "|---|---:|---:|"
    echo "| outbox sender (SendOutboxMessages, SMTP transport) | $(mail outbox_rate) | $(mail outbox_s) |"
    echo "| raw MailKit, one connection | $(mail raw_rate) | $(mail raw_s) |"
    echo "| ratio | $(ratio "$(mail outbox_rate)" "$(mail raw_rate)") | |"
    echo
    echo "Peak RSS of the app (VmHWM): $((PEAK_RSS_KB / 1024)) MB."
    echo
    echo "| target | result |"
    echo "|---|---|"
    echo "| /Fairs ≥ 50 % of /About's requests/s, p99 ≤ 100 ms | $(verdict "${RPS[fairs]} >= 0.5 * $ceiling && ${P99[fairs]} <= 100") |"
    echo "| text searches, cache misses, 1 client: p99 ≤ 100 ms (/Fairs, /api/fairs) | $(verdict "${P99[fairs_miss1]} <= 100 && ${P99[api_miss1]} <= 100") |"
    echo "| text searches, cache misses, 8 clients: ≥ 300 req/s, p99 ≤ 150 ms (/Fairs, /api/fairs) | $(verdict "${RPS[fairs_miss8]} >= 300 && ${P99[fairs_miss8]} <= 150 && ${RPS[api_miss8]} >= 300 && ${P99[api_miss8]} <= 150") |"
    echo "| storm: 100 confirmed, 900 waitlisted, 0 errors, p99 ≤ 500 ms | $(verdict "$(storm confirmed) == 100 && $(storm waitlisted) == 900 && $(storm errors) == 0 && $(storm p99) <= 500") |"
    echo "| mail ≥ 70 % of raw MailKit | $(verdict "$(mail outbox_rate) >= 0.7 * $(mail raw_rate)") |"
    echo "| peak RSS ≤ 300 MB | $(verdict "$PEAK_RSS_KB <= 300 * 1024") |"
} >"$OUT/table.md"
cat "$OUT/table.md"

commit=$(git rev-parse --short HEAD)
git diff --quiet HEAD -- src infra || commit="$commit (with uncommitted changes)"
RESULTS=$HERE/RESULTS.md
KEEP=
if [[ -f $RESULTS ]]; then
    KEEP=$(sed -n '/^## Changes and what they bought/,$p' "$RESULTS")
fi
{
    echo "# Benchmark results"
    echo
    echo "Written by \`infra/bench/run.sh\`; the section on changes below the table is kept between runs."
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- machine: $(nproc) cores, $(free -m | awk '/^Mem:/ {print $2}') MB memory, load average $LOAD_BEFORE before the HTTP runs, $LOAD_AFTER after the storm"
    echo "- commit: $commit"
    echo "- scale: $SCALE ($(du -m "$DB" | cut -f1) MB SQLite file), wrk $CONNECTIONS connections, 2 threads, ${DURATION} s per endpoint after 10 s of warm-up"
    echo
    cat "$OUT/table.md"
    if [[ -n $KEEP ]]; then
        echo
        echo "$KEEP"
    fi
} >"$RESULTS"
say "written to ${RESULTS#"$ROOT"/}"
