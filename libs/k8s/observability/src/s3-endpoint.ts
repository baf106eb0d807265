/** Regional S3 endpoint host (no scheme): `s3.<region>.amazonaws.com`, for S3 clients that take a host. @see https://docs.aws.amazon.com/general/latest/gr/s3.html */
export function s3Endpoint(region: string): string {
  return `s3.${region}.amazonaws.com`;
}

/** `<days * 24>h`, the duration form every Grafana store accepts for retention. */
export function retentionHours(days: number): string {
  return `${days * 24}h`;
}
