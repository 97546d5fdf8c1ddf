// Why a Prometheus query gave no answer. The guard treats every one of these
// as "no data": it holds (no promotion, no rollback) and says which.

export type PrometheusProblem =
  /** Nothing answered at the URL, or it did not answer in time. */
  | 'unreachable'
  /** An HTTP error status, or a body that is not the Prometheus API's JSON (a proxy's login page). */
  | 'bad-response'
  /** Prometheus answered with `status: error`: the query is wrong (bad PromQL, an unknown function). */
  | 'query';

export class PrometheusError extends Error {
  readonly problem: PrometheusProblem;
  /** The URL queried, without credentials. */
  readonly url: string;
  readonly query: string;

  constructor(problem: PrometheusProblem, url: string, query: string, message: string) {
    super(message);
    this.name = 'PrometheusError';
    this.problem = problem;
    this.url = url;
    this.query = query;
  }
}
