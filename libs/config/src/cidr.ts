import * as ipaddr from 'ipaddr.js';

/** True when two IPv4 CIDRs share at least one address; false when either is not a valid CIDR. */
export function cidrsOverlap(a: string, b: string): boolean {
  if (!ipaddr.IPv4.isValidCIDR(a) || !ipaddr.IPv4.isValidCIDR(b)) return false;
  const [addrA, lenA] = ipaddr.IPv4.parseCIDR(a);
  const [addrB, lenB] = ipaddr.IPv4.parseCIDR(b);
  return lenA <= lenB ? addrB.match(addrA, lenA) : addrA.match(addrB, lenB);
}

/** RFC 1918 ranges a VPC CIDR is searched in. */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;

function toInt(address: ipaddr.IPv4): number {
  return address.octets.reduce((acc, o) => acc * 256 + o, 0);
}

function fromInt(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/**
 * The first block of the same size as `cidr`, at or after it (wrapping around inside its RFC 1918
 * range, or 10.0.0.0/8 when it is in none), that overlaps none of `taken`: the next free VPC range,
 * e.g. `nextFreeCidr('10.30.0.0/16', ['10.30.0.0/16', '10.31.0.0/16'])` is `10.32.0.0/16`.
 * @returns the CIDR, or undefined when `cidr` is invalid or the range is full
 */
export function nextFreeCidr(cidr: string, taken: readonly string[]): string | undefined {
  if (!ipaddr.IPv4.isValidCIDR(cidr)) return undefined;
  const [address, length] = ipaddr.IPv4.parseCIDR(cidr);
  const range = PRIVATE_RANGES.find((r) => cidrsOverlap(r, cidr) && Number(r.split('/')[1]) <= length) ?? PRIVATE_RANGES[0];
  const [rangeAddress, rangeLength] = ipaddr.IPv4.parseCIDR(range);
  const size = 2 ** (32 - length);
  const rangeStart = toInt(rangeAddress);
  const blocks = 2 ** (32 - rangeLength) / size;
  const first = cidrsOverlap(range, cidr) ? Math.floor((toInt(address) - rangeStart) / size) : 0;
  for (let i = 0; i < blocks; i++) {
    const candidate = `${fromInt(rangeStart + ((first + i) % blocks) * size)}/${length}`;
    if (!taken.some((t) => cidrsOverlap(t, candidate))) return candidate;
  }
  return undefined;
}
