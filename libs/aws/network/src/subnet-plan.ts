import * as ipaddr from 'ipaddr.js';

/** Subnet CIDRs per tier, one per AZ, in AZ order. */
export interface SubnetPlan {
  /** Node and pod subnets (VPC CNI assigns pod IPs from them): half the VPC. */
  readonly private: readonly string[];
  /** Load balancers and NAT gateways: an eighth of the VPC. */
  readonly public: readonly string[];
  /** No route to the internet; EKS control-plane ENIs: an eighth of the VPC. The last quarter is spare. */
  readonly intra: readonly string[];
}

function toInt(addr: string): number {
  return ipaddr.IPv4.parse(addr).toByteArray().reduce((acc, b) => acc * 256 + b, 0);
}

function toCidr(value: number, prefix: number): string {
  const bytes = [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256);
  return `${ipaddr.fromByteArray(bytes).toString()}/${prefix}`;
}

/** Splits `cidr` into `2^bits` equal blocks and returns block `index`. Same as Terraform's `cidrsubnet`. */
export function cidrSubnet(cidr: string, bits: number, index: number): string {
  const [addr, prefix] = ipaddr.IPv4.parseCIDR(cidr);
  const newPrefix = prefix + bits;
  if (newPrefix > 32 || index >= 2 ** bits) throw new Error(`cannot take block ${index} of ${cidr} split by ${bits} bits`);
  return toCidr(toInt(addr.toString()) + index * 2 ** (32 - newPrefix), newPrefix);
}

/**
 * Derives the subnets from the VPC CIDR: the first half holds the private subnets, the third
 * quarter is split between public (first half of it) and intra (second half), the last quarter is
 * spare for growth. Each tier is cut into the next power of two of `azCount` blocks, so the public
 * and intra subnets are `/smallestSubnetPrefix(vpcPrefix, azCount)` (`@platform/config`).
 * @param vpcCidr the VPC's IPv4 CIDR, large enough for `azCount`: the environment schema is the one
 *   place of that rule (`network.vpcCidr`, `vpcTooSmallForAzs`, reported with every other field error)
 * @param azCount availability zones, 2 to 6 (`network.azCount`)
 */
export function planSubnets(vpcCidr: string, azCount: number): SubnetPlan {
  const azBits = Math.ceil(Math.log2(azCount));
  const privateHalf = cidrSubnet(vpcCidr, 1, 0);
  const edgeQuarter = cidrSubnet(vpcCidr, 2, 2);
  const publicBlock = cidrSubnet(edgeQuarter, 1, 0);
  const intraBlock = cidrSubnet(edgeQuarter, 1, 1);
  const azs = Array.from({ length: azCount }, (_, i) => i);
  return {
    private: azs.map((i) => cidrSubnet(privateHalf, azBits, i)),
    public: azs.map((i) => cidrSubnet(publicBlock, azBits, i)),
    intra: azs.map((i) => cidrSubnet(intraBlock, azBits, i)),
  };
}
