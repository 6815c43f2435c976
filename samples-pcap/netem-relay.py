#!/usr/bin/env python3
"""A tiny userspace stand-in for `tc qdisc ... netem` (sch_netem is not available on this kernel).

Creates one TAP device in each of two network namespaces and relays Ethernet frames between
them, impairing IPv4/TCP frames with a seeded random generator:
  --loss P      drop P % of TCP frames (each direction)
  --delay MS    hold every frame MS milliseconds before passing it on
  --reorder P   send P % of the TCP frames at once (no delay), so they overtake the held ones
                (the same rule as netem's "reorder": the others keep the delay)
Frames other than IPv4/TCP (ARP, IPv6 ND) are only delayed. Both TCP stacks stay the kernel's;
this script only moves frames. It prints "ready" once both TAPs exist and stops on SIGTERM/SIGINT,
then prints what it did. A tool for samples-pcap/capture-lossy.sh, not project code.
usage: netem-relay.py NS1 TAP1 NS2 TAP2 [--loss P] [--delay MS] [--reorder P] [--seed N]
"""
import argparse, ctypes, fcntl, heapq, os, random, select, signal, struct, sys, time

TUNSETIFF = 0x400454CA
IFF_TAP, IFF_NO_PI = 0x0002, 0x1000
CLONE_NEWNET = 0x40000000
libc = ctypes.CDLL(None, use_errno=True)


def setns(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns " + path)
    finally:
        os.close(fd)


def open_tap(netns, name):
    """Create TAP `name` inside netns (the fd keeps working whatever namespace we are in later)."""
    setns("/run/netns/" + netns)
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TAP | IFF_NO_PI))
    os.set_blocking(fd, False)
    return fd


def is_tcp(frame):
    return len(frame) >= 34 and frame[12:14] == b"\x08\x00" and frame[23] == 6


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ns1"); ap.add_argument("tap1"); ap.add_argument("ns2"); ap.add_argument("tap2")
    ap.add_argument("--loss", type=float, default=0.0)
    ap.add_argument("--delay", type=float, default=0.0)
    ap.add_argument("--reorder", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    home = os.open("/proc/self/ns/net", os.O_RDONLY)
    fd1 = open_tap(a.ns1, a.tap1)
    fd2 = open_tap(a.ns2, a.tap2)
    if libc.setns(home, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "setns back")
    rng = random.Random(a.seed)
    peer = {fd1: fd2, fd2: fd1}
    held = []          # heap of (due, seq, out_fd, frame)
    seq = 0
    stats = {"passed": 0, "dropped": 0, "reordered": 0}
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    print("ready", flush=True)
    while not stop:
        now = time.monotonic()
        while held and held[0][0] <= now:
            _, _, out, frame = heapq.heappop(held)
            try:
                os.write(out, frame)
            except OSError:
                pass          # interface not up yet: the frame is lost like on a real link
        timeout = max(0.0, held[0][0] - now) if held else 0.2
        try:
            ready, _, _ = select.select([fd1, fd2], [], [], timeout)
        except InterruptedError:
            continue
        for fd in ready:
            while True:
                try:
                    frame = os.read(fd, 65536)
                except BlockingIOError:
                    break
                delay = a.delay / 1000.0
                if is_tcp(frame):
                    if rng.random() * 100 < a.loss:
                        stats["dropped"] += 1
                        continue
                    if rng.random() * 100 < a.reorder:
                        delay = 0.0
                        stats["reordered"] += 1
                stats["passed"] += 1
                seq += 1
                heapq.heappush(held, (time.monotonic() + delay, seq, peer[fd], frame))
    print("relay: %(passed)d passed, %(dropped)d dropped, %(reordered)d sent early" % stats, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
