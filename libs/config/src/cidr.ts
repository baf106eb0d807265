import * as ipaddr from 'ipaddr.js';

/** True when two IPv4 CIDRs share at least one address; false when either is not a valid CIDR. */
export function cidrsOverlap(a: string, b: string): boolean {
  if (!ipaddr.IPv4.isValidCIDR(a) || !ipaddr.IPv4.isValidCIDR(b)) return false;
  const [addrA, lenA] = ipaddr.IPv4.parseCIDR(a);
  const [addrB, lenB] = ipaddr.IPv4.parseCIDR(b);
  return lenA <= lenB ? addrB.match(addrA, lenA) : addrA.match(addrB, lenB);
}
