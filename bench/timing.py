#!/usr/bin/env python3
"""Times commands as whole processes: wall time of N runs, median and min.

    python3 bench/timing.py RUNS -- COMMAND [ARGS...] [::: COMMAND [ARGS...]]...

Runs each COMMAND once untimed (warm-up: file cache, font cache; also checks
it works), then RUNS rounds; each round runs every COMMAND once, in order, so
commands given together see the same machine load (use this when one figure
is subtracted from another). Each run is timed with time.perf_counter()
around subprocess.run(); commands run in the current directory with their
output discarded. Prints one line per COMMAND on stdout, in milliseconds:

    <median> <min>

Exit status: 0 on success; 3 if a run of a COMMAND exits non-zero (its
stderr is echoed on our stderr); 2 on a usage error.
"""

import statistics
import subprocess
import sys
import time

SEPARATOR = ":::"


def run_once(argv, capture):
    """Runs argv; returns (milliseconds, exit code, stderr text or '')."""
    err = subprocess.PIPE if capture else subprocess.DEVNULL
    start = time.perf_counter()
    done = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
    elapsed = time.perf_counter() - start
    text = done.stderr.decode("utf-8", "replace") if capture else ""
    return elapsed * 1000.0, done.returncode, text


def split_commands(words):
    """['a', 'x', ':::', 'b'] -> [['a', 'x'], ['b']]."""
    commands = [[]]
    for word in words:
        if word == SEPARATOR:
            commands.append([])
        else:
            commands[-1].append(word)
    return commands


def main(args):
    if len(args) < 3 or args[1] != "--" or not args[0].isdigit() or int(args[0]) < 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    runs = int(args[0])
    commands = split_commands(args[2:])
    if any(not argv for argv in commands):
        print("timing.py: empty command", file=sys.stderr)
        return 2

    # Warm-up, with stderr kept so a failure can be shown.
    for argv in commands:
        _, code, err = run_once(argv, capture=True)
        if code != 0:
            sys.stderr.write(err[-2000:])
            print(f"timing.py: {argv[0]} exited with {code}", file=sys.stderr)
            return 3

    times = [[] for _ in commands]
    for _ in range(runs):
        for argv, samples in zip(commands, times):
            elapsed, code, _ = run_once(argv, capture=False)
            if code != 0:
                print(f"timing.py: {argv[0]} exited with {code} during a timed run", file=sys.stderr)
                return 3
            samples.append(elapsed)

    for samples in times:
        print(f"{statistics.median(samples):.1f} {min(samples):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
