/**
 * HTTP requests that scripts make ({@code HTTP.get}, {@code HTTP.post}, ...): stored with the run's commit,
 * sent by a worker through a client that refuses internal addresses (after DNS, on every redirect), and
 * answered by running the script's success or error command as a job with the response.
 */
package dev.botwebhooks.outbound;
