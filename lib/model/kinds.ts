/**
 * The closed sets of names the model and the naming contract share. A leaf module (it
 * imports nothing), so that the naming contract (`naming.ts`) can type its functions by
 * them without importing the model (`workload.ts` imports the naming contract).
 */

/** What a workload is; decides which objects each backend renders. */
export type WorkloadKind = 'web' | 'worker' | 'scheduled' | 'run-once' | 'database';

/** An application protocol: `http`, `h2c`, `grpc` or `tcp`. */
export type AppProtocolName = 'http' | 'h2c' | 'grpc' | 'tcp';
