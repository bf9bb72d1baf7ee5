/**
 * A simulator of the Headshed Cube REST API, to develop and test the integration without a Cube account.
 *
 * <pre>{@code
 * try (CubeSimulator cube = CubeSimulator.start(SimulatorSettings.builder().latencyMillis(20).rate429(0.05).build())) {
 *     URI base = cube.baseUrl();                               // http://127.0.0.1:<port>/api/v1/
 *     int campaign = cube.account().defaultCampaignId();
 *     List<ObjectNode> expected = cube.account().records("campaigns/" + campaign + "/responses/",
 *             Map.of("from_date", "20240101", "to_date", "20240131"));
 *     // ... run the client against base with "Authorization: Token demo-token", then compare and inspect cube.journal()
 * }
 * }</pre>
 *
 * Every record is generated on demand from (seed, endpoint, campaign or assignment, day, index), so the same settings
 * serve the same bytes and a page of a huge result costs only that page. A test can make the responses change as
 * Cube's do ({@code fileResponseLate}, {@code editResponse}, {@code deleteResponse}, {@code unstableOrder} on
 * {@link io.cubeintegration.simulator.SimulatedAccount}): only the days it changed are then built as lists.
 */
package io.cubeintegration.simulator;
