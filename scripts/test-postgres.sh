#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster and makes the role the tests connect as
# (postgresql://partner_hub:partner_hub@127.0.0.1:5432, TEST_POSTGRES_URL's
# default). Needs root; safe to run again.
set -euo pipefail
cluster=$(pg_lsclusters --no-header | awk 'NR == 1 { print $1 " " $2 }')
if [ -z "$cluster" ]; then
  echo "No PostgreSQL cluster: install Debian's postgresql package first." >&2
  exit 1
fi
# shellcheck disable=SC2086
pg_ctlcluster $cluster start 2>/dev/null || true
# shellcheck disable=SC2086
pg_ctlcluster $cluster status >/dev/null
su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<'SQL'
SELECT 'CREATE ROLE partner_hub LOGIN PASSWORD ''partner_hub'' CREATEDB'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'partner_hub') \gexec
SQL
echo "PostgreSQL ready for the tests (role partner_hub on 127.0.0.1:5432)"
