#!/usr/bin/env python3
"""A TCP proxy that can hold every byte for a fixed time in each direction: a slow link, for
machines whose kernel has no netem qdisc (tc qdisc ... netem delay) and no iptables.

    delay-proxy.py LISTEN_HOST:PORT TARGET_HOST:PORT DELAY_MS

It starts passing bytes straight through. SIGUSR1 turns the delay on (DELAY_MS), SIGUSR2 off.
Each chunk is held DELAY_MS from when it was read, so a request and its answer are each late by
DELAY_MS (a round trip by twice that); order is always kept, also while the delay changes. The
TCP handshake itself is not delayed, only what flows over the connection (TLS included).
deploy/test/netns-cluster.sh puts one in front of a mix for its slow-link fault.
"""
import asyncio
import signal
import sys
import time

delay = 0.0


def log(message):
    print(f"delay-proxy: {message}", file=sys.stderr, flush=True)


async def pump(reader, writer):
    """Copies reader to writer, each chunk sent `delay` after it was read."""
    queue = asyncio.Queue()

    async def send():
        while True:
            due, data = await queue.get()
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                if writer.can_write_eof():
                    writer.write_eof()
                return
            writer.write(data)
            await writer.drain()

    sender = asyncio.create_task(send())
    try:
        while True:
            data = await reader.read(65536)
            queue.put_nowait((time.monotonic() + delay, data))
            if not data:
                break
        await sender
    finally:
        sender.cancel()
        writer.close()


async def main(listen, target, delay_ms):
    def set_delay(seconds):
        global delay
        delay = seconds
        log(f"delay now {int(seconds * 1000)} ms each way")

    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, set_delay, delay_ms / 1000)
    loop.add_signal_handler(signal.SIGUSR2, set_delay, 0.0)
    target_host, target_port = target.rsplit(":", 1)

    async def handle(client_reader, client_writer):
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(
                target_host, int(target_port))
        except OSError as e:
            log(f"cannot reach {target}: {e}")
            client_writer.close()
            return
        await asyncio.gather(pump(client_reader, upstream_writer),
                             pump(upstream_reader, client_writer), return_exceptions=True)

    host, port = listen.rsplit(":", 1)
    server = await asyncio.start_server(handle, host, int(port), reuse_address=True)
    log(f"{listen} -> {target}, passing through; SIGUSR1: {delay_ms} ms each way, SIGUSR2: off")
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
