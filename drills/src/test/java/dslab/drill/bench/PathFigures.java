package dslab.drill.bench;

/**
 * What one path to order-service measured in a benchmark run.
 *
 * @param name how the table names the path
 * @param saturation successful requests per second with the closed-loop clients
 * @param p50Millis median latency at the common 50% load, from the intended send time
 * @param p99Millis 99th percentile at that load
 * @param requests requests sent at that load
 * @param errors requests of either phase that did not get a 200
 */
record PathFigures(String name, double saturation, double p50Millis, double p99Millis, long requests, long errors) {

}
