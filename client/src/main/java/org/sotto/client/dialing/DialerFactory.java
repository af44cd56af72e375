package org.sotto.client.dialing;

/** Makes the dialer of a client session; the client closes it with the session. */
@FunctionalInterface
public interface DialerFactory {

  Dialer start(DialingContext context);
}
