/**
 * Online triplet miners (FaceNet, Schroff, Kalenichenko, Philbin 2015, §3.2) registered as
 * named {@link io.github.facenet4j.api.TripletMiner} plugins: {@code semi-hard},
 * {@code hardest}, {@code batch-all}, {@code random} and {@code curriculum}.
 *
 * <p>Not exported: the classes are public only so that the plain-JVM runtime can construct
 * them. Every miner works on one {@link io.github.facenet4j.api.math.DistanceMatrix} of
 * squared L2 distances, visits anchors in parallel blocks, and draws randomness only from
 * the {@link io.github.facenet4j.api.MiningContext} (per anchor), so its output never
 * depends on thread scheduling.
 */
package io.github.facenet4j.mining.internal;
