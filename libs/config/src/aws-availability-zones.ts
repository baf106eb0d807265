/**
 * Availability Zones a new AWS account can use, per commercial region. `network.azCount` must not
 * exceed it: the subnet plan would otherwise wrap subnets and NAT gateways back into the first zones.
 * Where a region has a zone closed to new accounts (us-west-1, ap-northeast-1), the count is the
 * number open to new accounts. A region missing here is rejected with the fix: add it, with its count.
 * @see https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html ("Regions and Availability Zones")
 */
export const AVAILABILITY_ZONE_COUNT_BY_REGION: Readonly<Record<string, number>> = {
  'af-south-1': 3,
  'ap-east-1': 3,
  'ap-east-2': 3,
  'ap-northeast-1': 3,
  'ap-northeast-2': 4,
  'ap-northeast-3': 3,
  'ap-south-1': 3,
  'ap-south-2': 3,
  'ap-southeast-1': 3,
  'ap-southeast-2': 3,
  'ap-southeast-3': 3,
  'ap-southeast-4': 3,
  'ap-southeast-5': 3,
  'ap-southeast-7': 3,
  'ca-central-1': 3,
  'ca-west-1': 3,
  'eu-central-1': 3,
  'eu-central-2': 3,
  'eu-north-1': 3,
  'eu-south-1': 3,
  'eu-south-2': 3,
  'eu-west-1': 3,
  'eu-west-2': 3,
  'eu-west-3': 3,
  'il-central-1': 3,
  'me-central-1': 3,
  'me-south-1': 3,
  'mx-central-1': 3,
  'sa-east-1': 3,
  'us-east-1': 6,
  'us-east-2': 3,
  'us-west-1': 2,
  'us-west-2': 4,
};

/** The AZ count of `region`, or undefined when the region is not in `AVAILABILITY_ZONE_COUNT_BY_REGION`. */
export function availabilityZoneCount(region: string): number | undefined {
  return Object.prototype.hasOwnProperty.call(AVAILABILITY_ZONE_COUNT_BY_REGION, region) ? AVAILABILITY_ZONE_COUNT_BY_REGION[region] : undefined;
}
