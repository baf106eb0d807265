export * from './aws-load-balancer-controller-addon';
export * from './aws-load-balancer-controller-values';
export * from './external-dns-addon';
export * from './external-dns-values';
