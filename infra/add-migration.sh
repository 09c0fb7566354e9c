#!/usr/bin/env bash
# Adds a migration with the same name to the SQLite and the SQL Server migrations projects,
# then checks that neither provider still has model changes no migration covers.
#   infra/add-migration.sh AddStallPhotos
set -euo pipefail

if [[ $# -ne 1 || -z $1 ]]; then
    echo "usage: $0 MIGRATION_NAME" >&2
    exit 2
fi
name=$1

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null

added=()
for provider in Sqlite SqlServer; do
    echo "==> adding migration $name for $provider"
    if ! dotnet ef migrations add "$name" \
        --project "src/Marketplace.Migrations.$provider" \
        --startup-project "src/Marketplace.Migrations.$provider" \
        --output-dir Migrations; then
        for done_provider in "${added[@]}"; do
            echo "The $done_provider migration was added already; to undo it:" >&2
            echo "  dotnet ef migrations remove --project src/Marketplace.Migrations.$done_provider --startup-project src/Marketplace.Migrations.$done_provider" >&2
        done
        exit 1
    fi
    added+=("$provider")
done

for provider in Sqlite SqlServer; do
    echo "==> checking $provider for pending model changes"
    dotnet ef migrations has-pending-model-changes \
        --project "src/Marketplace.Migrations.$provider" \
        --startup-project "src/Marketplace.Migrations.$provider"
done
