import { MIN_SUBNET_PREFIX, smallestSubnetPrefix } from '@platform/config';
import { cidrSubnet, planSubnets } from './subnet-plan';

describe('planSubnets', () => {
  it('splits a /16 over 2 AZs: private /18 (half), public and intra /20 (an eighth each)', () => {
    expect(planSubnets('10.20.0.0/16', 2)).toEqual({
      private: ['10.20.0.0/18', '10.20.64.0/18'],
      public: ['10.20.128.0/20', '10.20.144.0/20'],
      intra: ['10.20.160.0/20', '10.20.176.0/20'],
    });
  });

  it('splits a /16 over 3 AZs into 4 blocks per tier (next power of two)', () => {
    expect(planSubnets('10.40.0.0/16', 3)).toEqual({
      private: ['10.40.0.0/19', '10.40.32.0/19', '10.40.64.0/19'],
      public: ['10.40.128.0/21', '10.40.136.0/21', '10.40.144.0/21'],
      intra: ['10.40.160.0/21', '10.40.168.0/21', '10.40.176.0/21'],
    });
  });

  it('splits a /16 over 6 AZs into 8 blocks per tier', () => {
    const plan = planSubnets('10.0.0.0/16', 6);
    expect(plan.private).toEqual(['10.0.0.0/20', '10.0.16.0/20', '10.0.32.0/20', '10.0.48.0/20', '10.0.64.0/20', '10.0.80.0/20']);
    expect(plan.public).toEqual(['10.0.128.0/22', '10.0.132.0/22', '10.0.136.0/22', '10.0.140.0/22', '10.0.144.0/22', '10.0.148.0/22']);
    expect(plan.intra[0]).toBe('10.0.160.0/22');
    expect(plan.intra[5]).toBe('10.0.180.0/22');
  });

  it('splits a /20 over 2, 3 and 6 AZs', () => {
    expect(planSubnets('10.1.0.0/20', 2)).toEqual({
      private: ['10.1.0.0/22', '10.1.4.0/22'],
      public: ['10.1.8.0/24', '10.1.9.0/24'],
      intra: ['10.1.10.0/24', '10.1.11.0/24'],
    });
    expect(planSubnets('10.1.0.0/20', 3)).toEqual({
      private: ['10.1.0.0/23', '10.1.2.0/23', '10.1.4.0/23'],
      public: ['10.1.8.0/25', '10.1.8.128/25', '10.1.9.0/25'],
      intra: ['10.1.10.0/25', '10.1.10.128/25', '10.1.11.0/25'],
    });
    const six = planSubnets('10.1.0.0/20', 6);
    expect(six.private[5]).toBe('10.1.5.0/24');
    expect(six.public).toEqual(['10.1.8.0/26', '10.1.8.64/26', '10.1.8.128/26', '10.1.8.192/26', '10.1.9.0/26', '10.1.9.64/26']);
    expect(six.intra[5]).toBe('10.1.11.64/26');
  });

  it('never overlaps tiers and stays inside the VPC', () => {
    for (const azs of [2, 3, 6]) {
      const plan = planSubnets('10.1.0.0/20', azs);
      const all = [...plan.private, ...plan.public, ...plan.intra];
      expect(new Set(all).size).toBe(all.length);
      for (const cidr of all) expect(cidr.startsWith('10.1.')).toBe(true);
    }
  });

  it('sizes the public and intra subnets exactly as the schema validates them (smallestSubnetPrefix), down to the AWS minimum /28', () => {
    expect(MIN_SUBNET_PREFIX).toBe(28);
    for (const [cidr, azs] of [['10.0.0.0/16', 2], ['10.0.0.0/16', 3], ['10.1.0.0/20', 6], ['10.1.0.0/22', 6], ['10.1.0.0/23', 2]] as const) {
      const prefix = Number(cidr.split('/')[1]);
      const plan = planSubnets(cidr, azs);
      for (const subnet of [...plan.public, ...plan.intra]) expect([cidr, azs, subnet.split('/')[1]]).toEqual([cidr, azs, String(smallestSubnetPrefix(prefix, azs))]);
    }
    expect(planSubnets('10.1.0.0/22', 6).public[0]).toBe('10.1.2.0/28');
  });

  it('cidrSubnet matches Terraform cidrsubnet', () => {
    expect(cidrSubnet('10.0.0.0/16', 4, 15)).toBe('10.0.240.0/20');
  });
});
