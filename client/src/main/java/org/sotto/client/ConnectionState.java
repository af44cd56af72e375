package org.sotto.client;

import java.time.Instant;

/**
 * Whether a {@link SottoClient} is in session with its cluster's coordinator, and since when: for
 * telling "the cluster is unreachable" from "the contact has not answered".
 *
 * @param connected a session is open
 * @param since when the client last changed between connected and not (for a client that has
 *     never connected, when it started trying)
 * @param detail why it is not connected, in words; empty while connected
 */
public record ConnectionState(boolean connected, Instant since, String detail) {}
