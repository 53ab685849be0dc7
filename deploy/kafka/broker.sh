#!/usr/bin/env bash
# docker-compose's Kafka broker (apache/kafka image, KRaft, one node): every client logs in
# with SASL/SCRAM-SHA-512 as its own principal and may do only what its ACLs allow, as in the
# local stack and deploy/k8s (KafkaUser). The passwords come from .env (deploy/setup.sh)
# through the container's environment; nothing here has a default.
#
# Listeners: CLIENTS (kafka:9092, the compose network: TLS, then SCRAM logins only, SASL_SSL);
# BROKER and CONTROLLER on the container's loopback only, with the administrator's static
# login, for the node itself and for the setup below. The broker's TLS key and certificate
# (/etc/kafka/tls/broker.p12, signed by the authority whose certificate every service
# trusts) come from scripts/compose-certs.sh, run by deploy/setup.sh. On every start the setup declares each
# principal's login (a changed password takes effect), its ACLs and the topics, then marks
# the broker ready for the healthcheck.
set -euo pipefail

bin=/opt/kafka/bin
work=/tmp/aiguillage
config="$work/server.properties"
admin_login="$work/admin.properties"
ready="$work/ready"
services=(referral-service matching-service waitlist-service notification-service fhir-gateway)
event_topics=(referral.events matching.events waitlist.events notification.events)
declare -A owns=([referral-service]=referral.events [matching-service]=matching.events
	[waitlist-service]=waitlist.events [notification-service]=notification.events)

fail() {
	echo "kafka: $*" >&2
	exit 1
}

# Letters and digits only, as setup.sh draws them: nothing can break out of a JAAS line or a
# kafka-configs value.
checked() {
	[[ "$2" =~ ^[A-Za-z0-9]{20,}$ ]] || fail "$1 must be 20 or more letters and digits: run ./deploy/setup.sh"
	printf '%s' "$2"
}

password_of() {
	local variable="KAFKA_${1^^}_PASSWORD"
	variable="${variable//-/_}"
	[ -n "${!variable:-}" ] || fail "$variable is missing: run ./deploy/setup.sh first"
	checked "$variable" "${!variable}"
}

admin_password=$(checked KAFKA_ADMIN_PASSWORD "${KAFKA_ADMIN_PASSWORD:-}")
retention_hours="${KAFKA_PERSONAL_RETENTION_HOURS:-168}"
[[ "$retention_hours" =~ ^[0-9]+$ ]] || fail "KAFKA_PERSONAL_RETENTION_HOURS must be a number of hours"
admin_jaas="username=\"admin\" password=\"$admin_password\""
tls_password=$(checked KAFKA_TLS_KEYSTORE_PASSWORD "${KAFKA_TLS_KEYSTORE_PASSWORD:-}")
keystore=/etc/kafka/tls/broker.p12
[ -r "$keystore" ] || fail "$keystore is missing: run ./deploy/setup.sh (scripts/compose-certs.sh) first"

umask 077
mkdir -p "$work"
rm -f "$ready"
cat > "$config" <<PROPERTIES
node.id=1
process.roles=broker,controller
controller.quorum.voters=1@localhost:9093
controller.listener.names=CONTROLLER
listeners=CLIENTS://:9092,BROKER://localhost:9094,CONTROLLER://localhost:9093
advertised.listeners=CLIENTS://kafka:9092,BROKER://localhost:9094
listener.security.protocol.map=CLIENTS:SASL_SSL,BROKER:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
listener.name.clients.ssl.keystore.type=PKCS12
listener.name.clients.ssl.keystore.location=$keystore
listener.name.clients.ssl.keystore.password=$tls_password
listener.name.clients.ssl.key.password=$tls_password
inter.broker.listener.name=BROKER
listener.name.clients.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.clients.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.broker.sasl.enabled.mechanisms=PLAIN
listener.name.broker.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required $admin_jaas user_admin="$admin_password";
sasl.mechanism.inter.broker.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required $admin_jaas user_admin="$admin_password";
sasl.mechanism.controller.protocol=PLAIN
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
log.dirs=/var/lib/kafka/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
# Partners' inbound referrals and dead letters may hold personal data: days, not forever. The
# services' own event topics (no personal data; views are rebuilt from them) have no limit.
log.retention.hours=$retention_hours
PROPERTIES
cat > "$admin_login" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required $admin_jaas;
PROPERTIES

# A new volume is formatted once; an existing one (also one from before logins) is kept.
"$bin/kafka-storage.sh" format --ignore-formatted -t "$("$bin/kafka-storage.sh" random-uuid)" -c "$config" >/dev/null

"$bin/kafka-server-start.sh" "$config" &
broker=$!
stop() {
	kill -TERM "$broker" 2>/dev/null || true
	wait "$broker" || true
	exit 0
}
trap stop TERM INT

admin=(--bootstrap-server localhost:9094 --command-config "$admin_login")
until "$bin/kafka-topics.sh" "${admin[@]}" --list >/dev/null 2>&1; do
	kill -0 "$broker" 2>/dev/null || fail "the broker stopped during start-up"
	sleep 2
done

login() {
	"$bin/kafka-configs.sh" "${admin[@]}" --alter --entity-type users --entity-name "$1" \
		--add-config "SCRAM-SHA-512=[iterations=8192,password=$2]" >/dev/null
}

allow() {
	local principal="$1"
	shift
	"$bin/kafka-acls.sh" "${admin[@]}" --add --allow-principal "User:$principal" "$@" >/dev/null
}

for topic in "${event_topics[@]}"; do
	"$bin/kafka-topics.sh" "${admin[@]}" --create --if-not-exists --topic "$topic" --config retention.ms=-1 >/dev/null
	"$bin/kafka-configs.sh" "${admin[@]}" --alter --entity-type topics --entity-name "$topic" \
		--add-config retention.ms=-1 >/dev/null
done

for service in "${services[@]}"; do
	login "$service" "$(password_of "$service")"
	reads=()
	dead_letters=()
	for topic in "${event_topics[@]}"; do
		reads+=(--topic "$topic")
		dead_letters+=(--topic "error.$topic.$service")
	done
	allow "$service" "${reads[@]}" --operation Read --operation Describe
	# Its own dead-letter topics (error.<topic>.<group>) and consumer groups, named after it.
	allow "$service" --resource-pattern-type prefixed "${dead_letters[@]}" --operation All
	allow "$service" --resource-pattern-type prefixed --group "$service" --operation Read --operation Describe
	if [ -n "${owns[$service]:-}" ]; then
		allow "$service" --topic "${owns[$service]}" --operation Write --operation Create --operation DescribeConfigs
	fi
done
# Only referral-service reads partners' referrals, and may replay its dead letters onto them.
allow referral-service --resource-pattern-type prefixed --topic referrals.inbound. \
	--operation Read --operation Describe --operation Write
allow referral-service --resource-pattern-type prefixed --topic error.referrals.inbound. --operation All

# Each partner system writes only its own inbound topic, which names the partner of a referral.
IFS=',' read -r -a partners <<<"${KAFKA_PARTNER_CREDENTIALS:-}"
for entry in "${partners[@]}"; do
	partner="${entry%%:*}"
	[[ "$partner" =~ ^[a-z0-9][a-z0-9-]{1,62}$ ]] || fail "a partner in KAFKA_PARTNER_CREDENTIALS is not a partner id"
	[[ " admin ${services[*]} " != *" $partner "* ]] || fail "$partner is a service's principal, not a partner's"
	login "$partner" "$(checked "the password of $partner" "${entry#*:}")"
	"$bin/kafka-topics.sh" "${admin[@]}" --create --if-not-exists --topic "referrals.inbound.$partner" >/dev/null
	allow "$partner" --topic "referrals.inbound.$partner" --operation Write --operation Describe
done

touch "$ready"
echo "kafka: logins, ACLs and topics declared; ready"
wait "$broker"
