/**
 * Where the synthesized Online Boutique differs from its upstream manifests, and why. The
 * test compares this list with the differences it finds, both ways.
 */
export const KNOWN_DIFFERENCES: Array<{ difference: string; why: string }> = [
  {
    difference:
      'frontend: Service frontend: upstream {"type":"ClusterIP","port":80,"targetPort":8080}, ours {"type":"LoadBalancer","port":80,"targetPort":8080}',
    why: 'a WebService has one Service; its LoadBalancer also has a cluster IP, so frontend:80 keeps working inside the cluster',
  },
  {
    difference: 'frontend: Service frontend-external: missing',
    why: 'the same: the external LoadBalancer is the frontend Service itself, not a second Service',
  },
  {
    difference: 'redis-cart: kind: upstream "Deployment", ours "StatefulSet"',
    why: 'a Database always keeps its data on a volume claim (upstream loses the carts with an emptyDir on every restart)',
  },
  {
    difference:
      'redis-cart: readinessProbe: upstream {"kind":"tcpSocket","port":6379,"initialDelaySeconds":0,"periodSeconds":5,"timeoutSeconds":1,"failureThreshold":3}, ours {"kind":"exec","initialDelaySeconds":0,"periodSeconds":10,"timeoutSeconds":3,"failureThreshold":3}',
    why: 'a Database uses its engine check (redis-cli ping, which also fails while Redis loads its data), the same in Compose; its timing is not configurable yet',
  },
  {
    difference:
      'redis-cart: livenessProbe: upstream {"kind":"tcpSocket","port":6379,"initialDelaySeconds":0,"periodSeconds":5,"timeoutSeconds":1,"failureThreshold":3}, ours {"kind":"exec","initialDelaySeconds":0,"periodSeconds":10,"timeoutSeconds":3,"failureThreshold":9}',
    why: 'the same engine check, three times as tolerant for liveness',
  },
  {
    difference: 'redis-cart: runAsUser: upstream 1000, ours 999',
    why: "a Database runs as its official image's user (999), which owns the data files; Database has no security prop",
  },
];
