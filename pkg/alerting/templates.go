package alerting

// TemplateGroupName is the name of the app's notification template group in Grafana.
const TemplateGroupName = "hexabase"

// MessageTemplates carries the design's Slack and email texts as Grafana notification templates.
// They hold no `$`: file provisioning expands `$VAR` in contact-point settings, so messages
// reference these templates by name instead of embedding template text there.
const MessageTemplates = `{{ define "hexabase.status_prefix" }}{{ if eq .Status "resolved" }}[RESOLVED] {{ end }}{{ end }}

{{ define "hexabase.email.subject" }}{{ template "hexabase.status_prefix" . }}Hexabase Alert: {{ .GroupLabels.alertname }}{{ end }}

{{ define "hexabase.email.critical_subject" }}{{ template "hexabase.status_prefix" . }}CRITICAL: {{ .GroupLabels.alertname }}{{ end }}

{{ define "hexabase.email.message" }}{{ range .Alerts }}
Alert: {{ .Annotations.summary }}
Description: {{ .Annotations.description }}
Workspace: {{ or .Labels.workspace_id "-" }}
vCluster: {{ or .Labels.vcluster_name "-" }}
Status: {{ .Status }}
Runbook: {{ .Annotations.runbook_url }}
Labels: {{ range .Labels.SortedPairs }}{{ .Name }}={{ .Value }} {{ end }}
{{ end }}{{ end }}

{{ define "hexabase.slack.critical_title" }}{{ template "hexabase.status_prefix" . }}Critical Alert: {{ .GroupLabels.alertname }}{{ end }}

{{ define "hexabase.slack.vcluster_title" }}{{ template "hexabase.status_prefix" . }}vCluster Alert: {{ .GroupLabels.alertname }}{{ end }}

{{ define "hexabase.slack.infrastructure_title" }}{{ template "hexabase.status_prefix" . }}Infrastructure Alert: {{ .GroupLabels.alertname }}{{ end }}

{{ define "hexabase.slack.text" }}{{ range .Alerts }}
*Alert:* {{ .Annotations.summary }}
*Description:* {{ .Annotations.description }}
*Workspace:* {{ or .Labels.workspace_id "-" }}
*Labels:* {{ range .Labels.SortedPairs }}{{ .Name }}={{ .Value }} {{ end }}
{{ end }}{{ end }}

{{ define "hexabase.slack.vcluster_text" }}{{ range .Alerts }}
*vCluster:* {{ .Labels.vcluster_name }}
*Workspace:* {{ .Labels.workspace_id }}
*Issue:* {{ .Annotations.description }}
{{ end }}{{ end }}

{{ define "hexabase.pagerduty.summary" }}{{ template "hexabase.status_prefix" . }}{{ .GroupLabels.alertname }}: {{ (index .Alerts 0).Annotations.summary }}{{ end }}
`
