#!/usr/bin/env bash
# The Secrets deploy/k8s mounts, with new keys, written once into a directory the operator keeps
# (docs/deployment.md): the key files the services would otherwise generate on their first start,
# which a cluster must never generate (a lost pod would make stored data unreadable).
#   scripts/k8s-secrets.sh --out /secure/aiguillage-k8s --kafka-ca ca.crt --mongodb 'mongo-0.mongo:27017,mongo-1.mongo:27017'
#   kubectl apply -n aiguillage -f /secure/aiguillage-k8s/secrets.yaml
# Writes, owner-only:
#   secrets.yaml      the Secrets <service>-keys (key files and the broker's CA) and aiguillage-mongodb
#   keys/<secret>/    the same key files: back them up now, with the database's backups
#   mongodb-users.js  mongosh script creating each service's database user (run it as an administrator)
# Key rotation (docs/deployment.md), in the same directory:
#   scripts/k8s-secrets.sh --out DIR --rotate waitlist-service   a new data-encryption key version, active,
#       the earlier ones kept to decrypt; writes DIR/<service>-keys.yaml, the Secret to apply
#   scripts/k8s-secrets.sh --out DIR --retire waitlist-service   drops every version but the active one
#       (only once the re-encryption job has run); writes DIR/<service>-keys.yaml too
set -euo pipefail

out=""
kafka_ca=""
mongodb="aiguillage-mongodb-0.aiguillage-mongodb:27017,aiguillage-mongodb-1.aiguillage-mongodb:27017,aiguillage-mongodb-2.aiguillage-mongodb:27017"
replica_set="rs0"
rotate=""
retire=""
usage="usage: $0 --out DIR [--kafka-ca FILE] [--mongodb HOST:PORT,...] [--replica-set NAME] | --out DIR --rotate|--retire SERVICE"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --rotate) rotate="$2"; shift 2 ;;
    --retire) retire="$2"; shift 2 ;;
    --kafka-ca) kafka_ca="$2"; shift 2 ;;
    --mongodb) mongodb="$2"; shift 2 ;;
    --replica-set) replica_set="$2"; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] || { echo "$usage" >&2; exit 2; }
command -v openssl >/dev/null || { echo "openssl is needed" >&2; exit 2; }

random_key() { openssl rand -base64 32; }

# The Secret of one service's key files, as kubectl applies it.
secret_yaml() {
  local secret="$1" file
  printf -- '---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: %s\n  labels:\n    app.kubernetes.io/part-of: aiguillage\ntype: Opaque\ndata:' "$secret"
  if [ -z "$(ls -A "$out/keys/$secret")" ]; then
    printf ' {}\n'
  else
    printf '\n'
    for file in "$out/keys/$secret"/*; do
      printf '  %s: %s\n' "$(basename "$file")" "$(base64 -w0 < "$file")"
    done
  fi
}

if [ -n "$rotate$retire" ]; then
  service="$rotate$retire"
  case "$service" in
    referral-service|waitlist-service) ;;
    *) echo "only referral-service and waitlist-service have data-encryption keys to rotate, not '$service'" >&2; exit 2 ;;
  esac
  [ -z "$rotate" ] || [ -z "$retire" ] || { echo "$usage" >&2; exit 2; }
  file="$out/keys/$service-keys/keys.json"
  [ -f "$file" ] || { echo "no key file $file: rotate in the directory the first run wrote" >&2; exit 1; }
  # The versions as this script writes them: "dek-<hex>":"<base64>".
  versions=$(grep -o '"dek-[0-9a-f]*" *: *"[A-Za-z0-9+/=]*"' "$file" | grep -v '"activeKeyId"' | tr -d ' ' || true)
  active=$(sed -n 's/.*"activeKeyId" *: *"\([^"]*\)".*/\1/p' "$file")
  [ -n "$versions" ] && [ -n "$active" ] || { echo "$file is not a key file this script wrote" >&2; exit 1; }
  if [ -n "$rotate" ]; then
    active="dek-$(openssl rand -hex 4)"
    versions=$(printf '%s\n"%s":"%s"' "$versions" "$active" "$(random_key)")
  else
    versions=$(printf '%s\n' "$versions" | grep "^\"$active\":")
  fi
  umask 077
  # The new file beside the old one, then moved over it: never half a key file.
  printf '{"activeKeyId":"%s","dataEncryptionKeys":{%s}}\n' "$active" "$(printf '%s\n' "$versions" | paste -sd,)" \
    > "$file.next"
  mv "$file.next" "$file"
  secret_yaml "$service-keys" > "$out/$service-keys.yaml"
  echo "$service: key $active active, $(printf '%s\n' "$versions" | wc -l) version(s) in $file. Back it up, then:"
  echo "  kubectl apply -n aiguillage -f $out/$service-keys.yaml && kubectl rollout restart -n aiguillage deployment/$service"
  exit 0
fi
# New keys over a directory that may hold the ones in use would lose them: never overwrite.
if [ -e "$out/secrets.yaml" ] || [ -d "$out/keys" ]; then
  echo "$out already holds keys: keep them (they open the stored data); choose another directory" >&2
  exit 1
fi
if [ -n "$kafka_ca" ] && [ ! -f "$kafka_ca" ]; then
  echo "no such file: $kafka_ca" >&2
  exit 2
fi

umask 077
mkdir -p "$out/keys"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Hex (as openssl prints it, with colons) to unpadded base64url, without leading zero bytes: a JWK number.
b64url_of_hex() {
  local hex
  hex=$(tr -d ' :\n' | sed 's/^\(00\)*//')
  printf '%s' "$hex" | xxd -r -p | base64 -w0 | tr '+/' '-_' | tr -d '='
}
rsa_field() { awk -v name="$1:" '$1 == name { on = 1; next } on && /^[a-zA-Z]/ { on = 0 } on' "$work/rsa.txt"; }

# authorization-server: the private RSA JWK that signs tokens (AIGUILLAGE_AUTHORIZATION_SIGNINGKEYFILE).
mkdir -p "$out/keys/authorization-server-keys"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$work/rsa.pem" 2>/dev/null
openssl rsa -in "$work/rsa.pem" -noout -text > "$work/rsa.txt" 2>/dev/null
e=$(awk '$1 == "publicExponent:" { print $3 }' "$work/rsa.txt" | tr -d '()' | sed 's/^0x//')
[ $(( ${#e} % 2 )) -eq 0 ] || e="0$e"
cat > "$out/keys/authorization-server-keys/signing-key.jwk.json" <<EOF
{"kty":"RSA","use":"sig","alg":"RS256","kid":"k8s-$(openssl rand -hex 8)","n":"$(rsa_field modulus | b64url_of_hex)","e":"$(printf '%s' "$e" | b64url_of_hex)","d":"$(rsa_field privateExponent | b64url_of_hex)","p":"$(rsa_field prime1 | b64url_of_hex)","q":"$(rsa_field prime2 | b64url_of_hex)","dp":"$(rsa_field exponent1 | b64url_of_hex)","dq":"$(rsa_field exponent2 | b64url_of_hex)","qi":"$(rsa_field coefficient | b64url_of_hex)"}
EOF

# referral-service: the data-encryption keys by id and, apart, the blind-index key (REFERRAL_PRIVACY_KEYFILE).
mkdir -p "$out/keys/referral-service-keys"
key_id="dek-$(openssl rand -hex 4)"
printf '{"activeKeyId":"%s","dataEncryptionKeys":{"%s":"%s"}}\n' "$key_id" "$key_id" "$(random_key)" \
  > "$out/keys/referral-service-keys/keys.json"
printf '{"blindIndexKey":"%s"}\n' "$(random_key)" > "$out/keys/referral-service-keys/blind-index-key.json"

# waitlist-service: the data-encryption keys of coordinators' reasons and clients' answers (WAITLIST_PRIVACY_KEYFILE).
mkdir -p "$out/keys/waitlist-service-keys"
key_id="dek-$(openssl rand -hex 4)"
printf '{"activeKeyId":"%s","dataEncryptionKeys":{"%s":"%s"}}\n' "$key_id" "$key_id" "$(random_key)" \
  > "$out/keys/waitlist-service-keys/keys.json"

# notification-service: the keys that hash mobile numbers and sign clients' links (NOTIFICATION_KEYFILE).
mkdir -p "$out/keys/notification-service-keys"
printf '{"phoneHashKey":"%s","linkKey":"%s"}\n' "$(random_key)" "$(random_key)" \
  > "$out/keys/notification-service-keys/keys.json"

# Every service that reads the broker trusts its CA (Strimzi's aiguillage-cluster-ca-cert, ca.crt).
for service in referral-service matching-service waitlist-service notification-service fhir-gateway; do
  mkdir -p "$out/keys/$service-keys"
  if [ -n "$kafka_ca" ]; then
    cp "$kafka_ca" "$out/keys/$service-keys/kafka-ca.crt"
  fi
done

{
  for secret in authorization-server-keys referral-service-keys matching-service-keys waitlist-service-keys \
      notification-service-keys fhir-gateway-keys; do
    secret_yaml "$secret"
  done
  # One database user per service, with a random password, reading and writing its own database only.
  printf -- '---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: aiguillage-mongodb\n  labels:\n    app.kubernetes.io/part-of: aiguillage\ntype: Opaque\nstringData:\n'
} > "$out/secrets.yaml"
: > "$out/mongodb-users.js"
for pair in referral-service:referral matching-service:matching waitlist-service:waitlist \
    notification-service:notification fhir-gateway:fhir; do
  service=${pair%%:*}
  database=${pair##*:}
  password=$(openssl rand -hex 24)
  printf '  %s-uri: "mongodb://%s:%s@%s/%s?replicaSet=%s&authSource=admin&tls=true"\n' \
    "$service" "$service" "$password" "$mongodb" "$database" "$replica_set" >> "$out/secrets.yaml"
  printf 'db.getSiblingDB("admin").createUser({user: "%s", pwd: "%s", roles: [{role: "readWrite", db: "%s"}]});\n' \
    "$service" "$password" "$database" >> "$out/mongodb-users.js"
done

echo "Wrote $out/secrets.yaml, $out/mongodb-users.js and the key files in $out/keys: back them up now."
[ -n "$kafka_ca" ] || echo "No --kafka-ca: add the broker's CA as kafka-ca.crt to each <service>-keys Secret before the services start." >&2
