#!/bin/bash
# Creates one login role and one database per service (decision 1: no
# service ever reads another's tables), for each service whose password is set: an agency's
# Secrets name only the services it runs. The image runs this once, on an empty data
# directory; for a service added later run it again by hand (it skips what exists).
set -euo pipefail

for service in ${PHOIHOP_DATABASES:-petitions sessions oversight notifier letters lettersvault}; do
  password_variable="${service^^}_DATABASE_PASSWORD"
  password="${!password_variable:-}"
  if [ -z "$password" ]; then
    continue
  fi
  echo "create-databases: role and database ${service}"
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    -v service="$service" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'service', :'password')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'service') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'service', :'service')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'service') \gexec
REVOKE ALL ON DATABASE :"service" FROM PUBLIC;
SQL
done
