{{/* Names are cut to 40 characters so "<fullname>-federation-public" stays a valid 63-character name. */}}
{{- define "govdata-node.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 40 | trimSuffix "-" }}
{{- end }}

{{- define "govdata-node.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "govdata-node.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "govdata-node.selectorLabels" -}}
app.kubernetes.io/name: {{ include "govdata-node.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "govdata-node.labels" -}}
helm.sh/chart: {{ include "govdata-node.chart" . }}
{{ include "govdata-node.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: govdata
govdata/node-code: {{ .Values.config.node.code | quote }}
{{- end }}

{{- define "govdata-node.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "govdata-node.secretName" -}}
{{- default (include "govdata-node.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{/* The in-cluster Service that carries every service's gRPC port (split mode's serviceHost). */}}
{{- define "govdata-node.grpcServiceName" -}}
{{- printf "%s-grpc" (include "govdata-node.fullname" .) }}
{{- end }}

{{/*
node.yaml: .Values.config plus serviceHost. In all-in-one mode every service is in the same pod
(127.0.0.1). In split mode one Service carries the gRPC ports of all services, each port's
targetPort named after its service (grpc-<service>), so Kubernetes sends port N only to the pods of
the service that declares it: one host name reaches every service, as node.yaml's single
serviceHost requires. Internal ports (gRPC, the services' HTTP) listen on loopback in all-in-one
mode and on every address in split mode, where other pods dial them (internalBindHost). Secrets are
not here: they come from the Secret as GOVDATA__ overrides.
*/}}
{{- define "govdata-node.nodeConfig" -}}
{{- if not (has .Values.mode (list "all-in-one" "split")) }}
{{- fail (printf "mode must be all-in-one or split, not %q" .Values.mode) }}
{{- end }}
{{- $config := deepCopy .Values.config }}
{{- $host := ternary "127.0.0.1" (include "govdata-node.grpcServiceName" .) (eq .Values.mode "all-in-one") }}
{{- $_ := set $config "serviceHost" $host }}
{{- $_ := set $config "internalBindHost" (ternary "127.0.0.1" "0.0.0.0" (eq .Values.mode "all-in-one")) }}
{{- toYaml $config }}
{{- end }}

{{/* Secret-backed GOVDATA__ overrides, then .Values.extraEnv. Takes (dict "root" $ "secretName" name). */}}
{{- define "govdata-node.env" -}}
{{- $secret := .secretName }}
- name: GOVDATA_CONFIG
  value: /etc/govdata/node.yaml
- name: GOVDATA__POSTGRES__ADMIN_URL
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: postgres-admin-url
- name: GOVDATA__POSTGRES__SERVICE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: postgres-service-password
- name: GOVDATA__REDIS__URL
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: redis-url
- name: GOVDATA__HTTP__METRICS_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: metrics-token
      optional: true
{{- with .root.Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Secret data: each value JSON-quoted, so the loader's YAML-scalar reading yields the exact string. */}}
{{- define "govdata-node.secretData" -}}
postgres-admin-url: {{ required "secrets.postgresAdminUrl is required (or set secrets.existingSecret)" .Values.secrets.postgresAdminUrl | b64enc }}
postgres-service-password: {{ required "secrets.postgresServicePassword is required (or set secrets.existingSecret)" .Values.secrets.postgresServicePassword | b64enc }}
redis-url: {{ required "secrets.redisUrl is required (or set secrets.existingSecret)" .Values.secrets.redisUrl | b64enc }}
metrics-token: {{ .Values.secrets.metricsToken | b64enc }}
{{- end }}

{{/* HTTP probes on a named container port: startup and liveness on /healthz, readiness on /readyz. */}}
{{- define "govdata-node.probes" -}}
{{- $port := .port }}
{{- $probes := .root.Values.probes }}
startupProbe:
  httpGet: { path: /healthz, port: {{ $port }} }
  periodSeconds: {{ $probes.startup.periodSeconds }}
  failureThreshold: {{ $probes.startup.failureThreshold }}
  timeoutSeconds: {{ $probes.startup.timeoutSeconds }}
livenessProbe:
  httpGet: { path: /healthz, port: {{ $port }} }
  periodSeconds: {{ $probes.liveness.periodSeconds }}
  failureThreshold: {{ $probes.liveness.failureThreshold }}
  timeoutSeconds: {{ $probes.liveness.timeoutSeconds }}
readinessProbe:
  httpGet: { path: /readyz, port: {{ $port }} }
  periodSeconds: {{ $probes.readiness.periodSeconds }}
  failureThreshold: {{ $probes.readiness.failureThreshold }}
  timeoutSeconds: {{ $probes.readiness.timeoutSeconds }}
{{- end }}

{{/* Pod-level settings shared by every govdata pod. */}}
{{- define "govdata-node.podSpecCommon" -}}
automountServiceAccountToken: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Volumes of a service pod: node.yaml, node.dataDir, and /tmp (the root filesystem is read-only). */}}
{{- define "govdata-node.volumes" -}}
- name: config
  configMap:
    name: {{ include "govdata-node.fullname" . }}
- name: data
{{- if .Values.persistence.enabled }}
  persistentVolumeClaim:
    claimName: {{ default (printf "%s-data" (include "govdata-node.fullname" .)) .Values.persistence.existingClaim }}
{{- else }}
  emptyDir: {}
{{- end }}
- name: tmp
  emptyDir: {}
{{- end }}

{{- define "govdata-node.volumeMounts" -}}
- name: config
  mountPath: /etc/govdata
  readOnly: true
- name: data
  mountPath: {{ .Values.config.node.dataDir }}
- name: tmp
  mountPath: /tmp
{{- end }}

{{/* Restart pods when node.yaml or the chart's Secret changes. */}}
{{- define "govdata-node.checksums" -}}
checksum/config: {{ include "govdata-node.nodeConfig" . | sha256sum }}
{{- if not .Values.secrets.existingSecret }}
checksum/secret: {{ include "govdata-node.secretData" . | sha256sum }}
{{- end }}
{{- end }}
