/** Public API of @platform/k8s-dr (backup, disaster recovery and operation modes). */
export * from './velero/dr-objectives-config-map';
export * from './velero/ebs-volume-snapshot-class';
export * from './velero/velero-addon';
export * from './velero/velero-backup-alerts';
export * from './velero/velero-schedules';
export type * from './velero/velero-values';
export * from './drill/restore-drill';
export * from './drill/restore-drill-checklist';
