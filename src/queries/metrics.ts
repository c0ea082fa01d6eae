/** Metric and label names of the Hexabase.AI platform, as its services export them. */
export const METRICS = {
  vclusterStatus: 'hexabase_vcluster_status',
  deploymentsTotal: 'hexabase_workspace_deployments_total',
} as const;

export const LABELS = {
  workspace: 'workspace_id',
  plan: 'plan_type',
  cluster: 'cluster_id',
  vcluster: 'vcluster_name',
  deploymentType: 'deployment_type',
  status: 'status',
} as const;
