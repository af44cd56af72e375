#!/bin/sh
# Writes ./cluster (keys, certificates, configs, descriptor) for the manifests in this folder, with
# the in-cluster DNS names of the StatefulSet pods. Run once, from this folder, then:
#   kubectl apply -k .
# Keep ./cluster/ca/ca.key offline afterwards: the cluster never needs it (see the operator guide).
# COORDINATOR_HOST is the name clients use to reach the coordinator's Service; it goes into the
# descriptor clients pin and into the coordinator's certificate.
set -eu
NS=${NAMESPACE:-sotto}
SVC="$NS.svc.cluster.local"
COORDINATOR_HOST=${COORDINATOR_HOST:-sotto-coordinator.$SVC}
sotto cluster init --out cluster --name "${CLUSTER_NAME:-sotto}" \
  --coordinator-host "$COORDINATOR_HOST" \
  --mix-hosts "sotto-mix-0.sotto-mix.$SVC,sotto-mix-1.sotto-mix.$SVC,sotto-mix-2.sotto-mix.$SVC" \
  --deaddrop-hosts "sotto-deaddrop-0.sotto-deaddrop.$SVC,sotto-deaddrop-1.sotto-deaddrop.$SVC" \
  --same-port --base-port 7000 --bind-host 0.0.0.0 --health-port 7070 --metrics-port 9100 \
  --coordinator-data-dir /var/lib/sotto
