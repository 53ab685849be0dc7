#!/usr/bin/env bash
# Prepares a docker-compose deployment: writes every secret it needs into .env (owner-only,
# never committed) and creates the first administrator with a password the operator chooses.
# Nothing here has a default secret: without .env, docker-compose refuses to start.
#
#   ./deploy/setup.sh                 asks for the administrator's name and password
#   AIGUILLAGE_ADMIN_USERNAME=… AIGUILLAGE_ADMIN_PASSWORD=… ./deploy/setup.sh   without questions
#   ./deploy/setup.sh --force         replaces an existing .env (every secret changes)
#   ./deploy/setup.sh --second-factor NAME   a new authenticator secret for administrator NAME
#
# Administrators sign in with a password and a TOTP code (RFC 6238): the authenticator secret
# is shown once, as an otpauth:// URI (and a QR code when qrencode is installed), to add to an
# authenticator app; .env keeps it for the server.
#
# The password is hashed (bcrypt) by the authorization server's own code: with a Java 25 JDK
# (scripts/java-home.sh) from its built jar, else through docker compose.
set -euo pipefail
cd "$(dirname "$0")/.."
env_file="${AIGUILLAGE_ENV_FILE:-.env}"

# An authenticator secret: 160 random bits in the Base32 that authenticator apps read.
totp_secret() {
  head -c 20 /dev/urandom | base32 | tr -d '=\n'
}

show_once() {
  local uri="otpauth://totp/Aiguillage:$1?secret=$2&issuer=Aiguillage&algorithm=SHA1&digits=6&period=30"
  echo "Add this to the administrator's authenticator app now; it is not shown again:"
  echo "  $uri"
  if command -v qrencode >/dev/null 2>&1; then
    qrencode -t ANSIUTF8 "$uri"
  fi
}

if [ "${1:-}" = "--second-factor" ]; then
  name="${2:?--second-factor needs the administrator user name}"
  secret=$(totp_secret)
  show_once "$name" "$secret"
  echo "In $env_file, set that administrator's …_TOTPSECRET=$secret and restart the authorization server."
  exit 0
fi

if [ -e "$env_file" ] && [ "${1:-}" != "--force" ]; then
  echo "$env_file already exists: keep it, or run again with --force to replace every secret." >&2
  exit 1
fi

username="${AIGUILLAGE_ADMIN_USERNAME:-}"
password="${AIGUILLAGE_ADMIN_PASSWORD:-}"
if [ -z "$username" ]; then
  read -r -p "Administrator's user name: " username
fi
if ! [[ "$username" =~ ^[a-z0-9][a-z0-9._-]{2,63}$ ]]; then
  echo "A user name is 3 to 64 lowercase letters, digits, '.', '_' or '-'." >&2
  exit 1
fi
if [ "$username" = "admin" ]; then
  echo "'admin' is the local stack's demo account: choose another name." >&2
  exit 1
fi
if [ -z "$password" ]; then
  read -r -s -p "Administrator's password (12 characters or more): " password
  echo
  read -r -s -p "Once more: " again
  echo
  if [ "$password" != "$again" ]; then
    echo "The two passwords differ." >&2
    exit 1
  fi
fi
if [ "${#password}" -lt 12 ]; then
  echo "A password needs at least 12 characters." >&2
  exit 1
fi

hash_password() {
  if [ -n "${AIGUILLAGE_HASH_COMMAND:-}" ]; then
    printf '%s' "$1" | eval "$AIGUILLAGE_HASH_COMMAND"
    return
  fi
  if (source scripts/java-home.sh) >/dev/null 2>&1; then
    (
      source scripts/java-home.sh
      jar=$(ls authorization-server/target/authorization-server-*-exec.jar 2>/dev/null | head -1 || true)
      if [ -z "$jar" ]; then
        ./mvnw -q -B -DskipTests -pl authorization-server -am package >&2
        jar=$(ls authorization-server/target/authorization-server-*-exec.jar | head -1)
      fi
      printf '%s' "$1" | java -jar "$jar" hash-password
    )
    return
  fi
  printf '%s' "$1" | docker compose run --rm -T --no-deps authorization-server hash-password
}

random_secret() {
  head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | cut -c1-40
}

umask 077
notification_secret=$(random_secret)
mongo_password=$(random_secret)
grafana_password=$(random_secret)
mongo_replica_key=$(head -c 96 /dev/urandom | base64 | tr -d '\n')
notification_hash=$(hash_password "$notification_secret")
admin_hash=$(hash_password "$password")
admin_totp=$(totp_secret)
# The broker's logins (deploy/kafka/broker.sh): its administrator, one per service, one per partner system.
kafka_admin_password=$(random_secret)
kafka_service_passwords=""
for service in referral-service matching-service waitlist-service notification-service fhir-gateway; do
  variable="KAFKA_$(printf '%s' "$service" | tr 'a-z-' 'A-Z_')_PASSWORD"
  kafka_service_passwords+="$variable=$(random_secret)"$'\n'
done
kafka_partner_password=$(random_secret)
# The broker's TLS certificate, signed by a certificate authority of this deployment's own.
kafka_tls_password=$(random_secret)
KAFKA_TLS_KEYSTORE_PASSWORD="$kafka_tls_password" scripts/compose-certs.sh "${AIGUILLAGE_KAFKA_TLS_DIR:-deploy/kafka/tls}" --renew
tmp="$env_file.tmp.$$"
cat > "$tmp" <<ENV
# Written by deploy/setup.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ). Owner-only; never commit it.
# The first administrator (bcrypt hash of the password the operator chose).
AIGUILLAGE_AUTHORIZATION_USERS_0_USERNAME=$username
AIGUILLAGE_AUTHORIZATION_USERS_0_PASSWORD='$admin_hash'
AIGUILLAGE_AUTHORIZATION_USERS_0_ROLES_0=ADMIN
# Its authenticator app's secret (the second factor every administrator signs in with).
AIGUILLAGE_AUTHORIZATION_USERS_0_TOTPSECRET=$admin_totp
# notification-service's own client: it reads a client's contact details at send time.
AIGUILLAGE_AUTHORIZATION_SYSTEMS_0_CLIENTID=notification-service
AIGUILLAGE_AUTHORIZATION_SYSTEMS_0_SECRET='$notification_hash'
AIGUILLAGE_AUTHORIZATION_SYSTEMS_0_ROLES_0=SERVICE
NOTIFICATION_CLIENT_SECRET=$notification_secret
# MongoDB's administrator (the services' connection) and its replica set's shared key.
MONGO_PASSWORD=$mongo_password
MONGO_REPLICA_KEY=$mongo_replica_key
# Grafana's administrator (user admin): the dashboard is reached only through an SSH tunnel.
GRAFANA_ADMIN_PASSWORD=$grafana_password
# The Kafka broker's logins (SASL/SCRAM-SHA-512): its administrator and each service's.
KAFKA_ADMIN_PASSWORD=$kafka_admin_password
${kafka_service_passwords}# The password of the broker's TLS keystore (deploy/kafka/tls, scripts/compose-certs.sh).
KAFKA_TLS_KEYSTORE_PASSWORD=$kafka_tls_password
# The partner systems' inbound Kafka topics, one per partner (referrals.inbound.<partner_id>,
# comma-separated), and each partner system's broker login (partner_id:password, comma-separated;
# letters and digits, 20 or more): replace this one with your partners' when you add their systems.
AIGUILLAGE_INBOUND_TOPICS=referrals.inbound.first-partner
KAFKA_PARTNER_CREDENTIALS=first-partner:$kafka_partner_password
# The server's public DNS name (ACME certificate), or localhost / a private name with
# AIGUILLAGE_CADDY_GLOBAL=local_certs (Caddy's local CA): docs/deployment.md.
AIGUILLAGE_DOMAIN=localhost
AIGUILLAGE_CADDY_GLOBAL=local_certs
ENV
chmod 600 "$tmp"
mv "$tmp" "$env_file"
show_once "$username" "$admin_totp"
echo "Wrote $env_file (owner-only). Add partner systems, coordinators and the SMS provider's settings there (docs/deployment.md), then: docker compose up -d"
