#!/bin/sh
# The first `make run` on a machine writes var/aihost.env: fresh random
# secrets for the tenant-key pepper, the admin token, the provider-key master
# key and the webhook master key, so the embedded default starts complete.
# The file is never overwritten (changing the pepper would void every tenant
# key, changing the master key every stored provider key); variables set in
# the environment still win over it.
set -eu
file=${1:-var/aihost.env}
[ -f "$file" ] && exit 0
mkdir -p "$(dirname "$file")"
umask 077
token() { head -c "$1" /dev/urandom | base64 | tr -d '\n/+='; }
cat > "$file" <<ENV
# Written by 'make run' on $(date -u +%Y-%m-%d): this machine's secrets.
# Keep it private; back it up with the database it belongs to.
AI_API_KEY_PEPPER=$(token 24)
AI_ADMIN_TOKEN=$(token 32)
AI_ENCRYPTION_KEYS=local1:$(head -c 32 /dev/urandom | base64 | tr -d '\n')
AI_WEBHOOK_SECRET=$(token 24)
ENV
echo "aihost: wrote $file with this machine's secrets" >&2
