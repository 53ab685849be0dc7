#!/usr/bin/env bash
# TLS for docker-compose's Kafka broker (deploy/kafka/broker.sh): a private certificate
# authority, the broker's key and certificate signed by it (names kafka, localhost and
# 127.0.0.1) in a PKCS#12 keystore, and the authority's certificate, which every service
# trusts (a PEM truststore). Written into the directory docker-compose mounts, never
# committed (.gitignore). deploy/setup.sh runs it; run it again with --renew to replace
# everything (then restart the broker and the services).
#
#   KAFKA_TLS_KEYSTORE_PASSWORD=… scripts/compose-certs.sh [DIRECTORY] [--renew]
#
# DIRECTORY is deploy/kafka/tls unless given. The keystore's password comes from the
# environment (deploy/setup.sh writes it into .env for the broker); nothing has a default.
#   ca.key        the authority's private key (owner-only; never mounted in a container)
#   ca.crt        the authority's certificate: the services' truststore
#   broker.p12    the broker's key and certificate chain, encrypted with the password
set -euo pipefail

dir="deploy/kafka/tls"
renew=false
for argument in "$@"; do
	case "$argument" in
	--renew) renew=true ;;
	-*)
		echo "compose-certs: unknown option $argument" >&2
		exit 2
		;;
	*) dir="$argument" ;;
	esac
done
password="${KAFKA_TLS_KEYSTORE_PASSWORD:-}"
if ! [[ "$password" =~ ^[A-Za-z0-9]{20,}$ ]]; then
	echo "compose-certs: KAFKA_TLS_KEYSTORE_PASSWORD must be 20 or more letters and digits (deploy/setup.sh draws one)" >&2
	exit 1
fi
command -v openssl >/dev/null || {
	echo "compose-certs: needs openssl" >&2
	exit 1
}
if [ -f "$dir/broker.p12" ] && [ "$renew" = false ]; then
	echo "compose-certs: $dir already holds the broker's certificate; keep it, or run again with --renew"
	exit 0
fi
# The broker's certificate lasts about two years; the authority ten.
days="${KAFKA_TLS_DAYS:-825}"

mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
umask 077
openssl req -x509 -newkey rsa:3072 -sha256 -days 3650 -nodes -subj "/CN=Aiguillage compose Kafka CA" \
	-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
	-keyout "$work/ca.key" -out "$work/ca.crt" 2>/dev/null
openssl req -newkey rsa:3072 -sha256 -nodes -subj "/CN=kafka" -keyout "$work/broker.key" \
	-out "$work/broker.csr" 2>/dev/null
printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
	"extendedKeyUsage=serverAuth" "subjectAltName=DNS:kafka,DNS:localhost,IP:127.0.0.1" >"$work/broker.ext"
openssl x509 -req -sha256 -days "$days" -in "$work/broker.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" \
	-CAcreateserial -extfile "$work/broker.ext" -out "$work/broker.crt" 2>/dev/null
openssl pkcs12 -export -name kafka -inkey "$work/broker.key" -in "$work/broker.crt" -certfile "$work/ca.crt" \
	-passout env:KAFKA_TLS_KEYSTORE_PASSWORD -out "$work/broker.p12"

install -m 600 "$work/ca.key" "$dir/ca.key"
# Readable by the containers' own users: the certificate is public, the keystore encrypted.
install -m 644 "$work/ca.crt" "$dir/ca.crt"
install -m 644 "$work/broker.p12" "$dir/broker.p12"
echo "compose-certs: wrote $dir/ca.crt, $dir/broker.p12 (broker kafka, valid $days days) and $dir/ca.key (owner-only)"
