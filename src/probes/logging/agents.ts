/** Log-shipping agents recognised by a file or directory they install (their default paths on Linux). */
export interface LogAgent {
  name: string;
  paths: readonly string[];
}

export const logAgents: readonly LogAgent[] = [
  { name: 'fluent-bit', paths: ['/opt/fluent-bit', '/etc/fluent-bit/fluent-bit.conf', '/etc/td-agent-bit/td-agent-bit.conf'] },
  { name: 'fluentd', paths: ['/etc/fluent/fluentd.conf', '/etc/td-agent/td-agent.conf'] },
  { name: 'filebeat', paths: ['/etc/filebeat/filebeat.yml'] },
  { name: 'elastic-agent', paths: ['/opt/Elastic/Agent', '/etc/elastic-agent/elastic-agent.yml'] },
  { name: 'wazuh-agent', paths: ['/var/ossec/etc/ossec.conf', '/var/ossec'] },
  { name: 'google-cloud-ops-agent', paths: ['/etc/google-cloud-ops-agent'] },
  { name: 'splunk-universal-forwarder', paths: ['/opt/splunkforwarder'] },
  { name: 'vector', paths: ['/etc/vector/vector.yaml', '/etc/vector/vector.toml'] },
  { name: 'grafana-alloy', paths: ['/etc/alloy/config.alloy'] },
  { name: 'promtail', paths: ['/etc/promtail/config.yml'] },
  { name: 'opentelemetry-collector', paths: ['/etc/otelcol/config.yaml', '/etc/otelcol-contrib/config.yaml'] },
  { name: 'datadog-agent', paths: ['/etc/datadog-agent/datadog.yaml'] },
  { name: 'nxlog', paths: ['/etc/nxlog/nxlog.conf'] },
  { name: 'azure-monitor-agent', paths: ['/opt/microsoft/azuremonitoragent'] },
];
