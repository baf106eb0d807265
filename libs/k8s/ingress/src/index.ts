export * from './aws-load-balancer-controller/aws-load-balancer-controller-addon';
export * from './aws-load-balancer-controller/aws-load-balancer-controller-values';
export * from './external-dns/external-dns-addon';
export * from './external-dns/external-dns-values';
