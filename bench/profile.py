#!/usr/bin/env python3
"""Helpers of bench/profile.sh: the measured window of one perf-tool pair, and its profiles.

  profile.py watch --local PID --remote PID --out DIR [--warm S] [--window S]
                   [--agent LIB --agent-local ARGS --agent-remote ARGS] [--perf-record local,remote]
      Waits until the local side starts working (its CPU rises after the remote started), lets
      WARM seconds pass, then takes the window: starts the profilers (async-profiler loaded into a
      JVM through the attach mechanism; `perf record -g` on a C tool), snapshots every thread's CPU
      time and context switches from /proc, runs `perf stat -p` on each process, and after WINDOW
      seconds (or when a process ends) snapshots again and stops everything. Writes DIR/window.json.
  profile.py summary DIR --rate R [--unit msg|rt]
      CPU ns, user/sys and context switches per message over the window (message count = the
      tool's own rate x window length), per process and per thread group, and the profile
      categories of each collapsed-stack file in DIR. Prints Markdown, writes DIR/summary.md.
  profile.py flame IN.collapsed OUT.html [TITLE]      a flame graph (one self-contained HTML file)
  profile.py categories IN.collapsed                  the category table of one profile
  profile.py table OUT [--min-ns N]                  ns per message by category: sp4j's io and
                                                      user threads of each side, nanomsg's total
  profile.py line DIR LABEL                           one line: rate, CPU and switches per message
  profile.py perf-collapse PERF.data OUT.collapsed PID  `perf script` output folded like
                                                        async-profiler's `collapsed,threads`
Thread groups: "io" = sp4j's event loops (sp4j-io-*) or a C library's own threads (any thread
but the main one), "user" = the thread that calls send/receive (Java "main", the C main thread),
"jvm" = everything else in a JVM (compiler, GC, VM threads).
"""
import html
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections import defaultdict

# per thread: CPU ns, ns runnable but waiting for a CPU (run-queue delay), ticks, switches
COUNTERS = ("ns", "delay", "utime", "stime", "vcs", "ivcs")


# ---------------------------------------------------------------- /proc
def thread_group(comm, tid, pid, java):
    if java:
        if comm.startswith("sp4j-io"):
            return "io"
        # the launcher's thread keeps the name "java" and idles; main() runs in another "java"
        return "user" if comm in ("main", "java") else "jvm"
    return "user" if tid == pid else "io"


def read_threads(pid, java):
    """{tid: {comm, group, ns, utime, stime, vcs, ivcs}} of a live process (threads that vanish
    between listing and reading are skipped)."""
    out = {}
    base = f"/proc/{pid}/task"
    for tid in os.listdir(base):
        try:
            with open(f"{base}/{tid}/schedstat") as f:
                ns, delay = (int(x) for x in f.read().split()[:2])
            with open(f"{base}/{tid}/stat") as f:
                stat = f.read()
            with open(f"{base}/{tid}/status") as f:
                status = f.read()
        except (FileNotFoundError, ProcessLookupError):
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        vcs = int(re.search(r"^voluntary_ctxt_switches:\s+(\d+)", status, re.M).group(1))
        ivcs = int(re.search(r"^nonvoluntary_ctxt_switches:\s+(\d+)", status, re.M).group(1))
        out[int(tid)] = {
            "comm": comm, "group": thread_group(comm, int(tid), pid, java),
            "ns": ns, "delay": delay,
            "utime": int(fields[11]), "stime": int(fields[12]), "vcs": vcs, "ivcs": ivcs}
    return out


def process_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        stat = f.read()
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1][0] not in "ZX"
    except FileNotFoundError:
        return False


def is_java(pid):
    try:
        return os.path.basename(os.readlink(f"/proc/{pid}/exe")).startswith("java")
    except OSError:
        return False


# ------------------------------------------------------- HotSpot attach
# HotSpot on Linux keeps its attach socket in this fixed folder, whatever java.io.tmpdir says.
HOTSPOT_ATTACH_DIR = "/tmp"


def attach_load(pid, lib, args, timeout=10.0):
    """Loads an agent into a running JVM as `jcmd PID JVMTI.agent_load` does, without starting a
    JVM for it: the attach protocol of HotSpot on Linux (version 1, command `load`)."""
    sock_path = f"{HOTSPOT_ATTACH_DIR}/.java_pid{pid}"
    if not os.path.exists(sock_path):
        trigger = f"/proc/{pid}/cwd/.attach_pid{pid}"
        try:
            open(trigger, "w").close()
        except OSError:
            trigger = f"{HOTSPOT_ATTACH_DIR}/.attach_pid{pid}"
            open(trigger, "w").close()
        os.kill(pid, signal.SIGQUIT)
        deadline = time.monotonic() + timeout
        while not os.path.exists(sock_path) and time.monotonic() < deadline:
            time.sleep(0.02)
        try:
            os.unlink(trigger)
        except OSError:
            pass
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect(sock_path)
    s.sendall(b"1\0load\0" + lib.encode() + b"\0true\0" + args.encode() + b"\0")
    reply = b""
    while True:
        chunk = s.recv(4096)
        if not chunk:
            break
        reply += chunk
    s.close()
    text = reply.decode(errors="replace")
    if not text.startswith("0"):
        raise RuntimeError(f"attach to {pid} failed: {text.strip()}")
    return text


# ---------------------------------------------------------------- watch
def agent_args(a, side):
    return a.agent_local if side == "local" else a.agent_remote


def cmd_watch(a):
    local, remote = int(a.local), int(a.remote)
    pids = {"local": local, "remote": remote}
    java = {side: is_java(pid) for side, pid in pids.items()}
    os.makedirs(a.out, exist_ok=True)
    # 1. the start: the local side's CPU rises (it idles while the remote starts up)
    tick = 0.02
    last = process_ticks(local)
    deadline = time.monotonic() + a.start_timeout
    while True:
        time.sleep(tick)
        if not alive(local) or not alive(remote):
            sys.exit("watch: a process ended before the run started")
        now = process_ticks(local)
        if now - last >= 1:  # >= 10 ms of CPU in a 20 ms tick
            break
        last = now
        if time.monotonic() > deadline:
            sys.exit("watch: the local side never started working")
    t_start = time.monotonic()
    # Loading the agent makes the JVM throw away and recompile its code (a second of C1 work on
    # 2 cores): load it now and let the warm-up absorb that; the real profile starts afresh.
    jvms = {side: pid for side, pid in pids.items() if a.agent and java[side]}
    for side, pid in jvms.items():
        attach_load(pid, a.agent, f"start,{re.sub(r',file=.*', '', agent_args(a, side))}")
    time.sleep(a.warm)
    for side, pid in jvms.items():
        warmup = os.path.join(a.out, f"{side}.warmup")
        attach_load(pid, a.agent, f"stop,file={warmup}")
        os.unlink(warmup)
    # 2. profilers and counters first, so that the snapshots leave out their start-up
    record = set(filter(None, (a.perf_record or "").split(",")))
    helpers = []
    for side, pid in pids.items():
        if side in jvms:
            attach_load(pid, a.agent, "start," + agent_args(a, side))
        elif side in record and not java[side]:
            helpers.append(subprocess.Popen(
                ["perf", "record", "-q", "-g", "-F", str(a.perf_freq), "-p", str(pid),
                 "-o", os.path.join(a.out, f"{side}.perf.data")],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        if a.perf_stat:
            helpers.append(subprocess.Popen(
                ["perf", "stat", "-x,", "-e", "task-clock,context-switches,cpu-migrations",
                 "-p", str(pid), "-o", os.path.join(a.out, f"{side}.perfstat")],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    time.sleep(0.1)  # perf attaches to every thread
    t0 = time.monotonic()
    snap0 = {side: read_threads(pid, java[side]) for side, pid in pids.items()}
    # 3. the window (snapshots every 0.1 s, so that a run that ends early still has one)
    snap1, t1, cut = snap0, t0, False
    while t1 - t0 < a.window:
        time.sleep(min(0.1, max(0.0, a.window - (time.monotonic() - t0))))
        if not all(alive(p) for p in pids.values()):
            cut = True
            break
        try:
            s = {side: read_threads(pid, java[side]) for side, pid in pids.items()}
        except FileNotFoundError:
            cut = True
            break
        snap1, t1 = s, time.monotonic()
    for h in helpers:
        h.send_signal(signal.SIGINT)
    for side, pid in pids.items():
        if side in jvms and alive(pid):
            try:
                attach_load(pid, a.agent, "stop," + agent_args(a, side))
            except (OSError, RuntimeError) as e:  # it dumps at exit instead
                print(f"watch: stop {side}: {e}", file=sys.stderr)
    for h in helpers:
        try:
            h.wait(timeout=30)
        except subprocess.TimeoutExpired:
            h.kill()
    threads = {}
    for side in pids:
        rows = []
        for tid, b in snap1[side].items():
            a0 = snap0[side].get(tid)
            if a0 is None:
                continue
            rows.append({"tid": tid, "comm": b["comm"], "group": b["group"],
                         **{k: b[k] - a0[k] for k in COUNTERS}})
        threads[side] = rows
    result = {"seconds": t1 - t0, "warm": a.warm, "started_after": t_start, "cut_short": cut,
              "java": java, "threads": threads}
    with open(os.path.join(a.out, "window.json"), "w") as f:
        json.dump(result, f, indent=1)
    print(f"watch: window {t1 - t0:.2f} s{' (cut short: a process ended)' if cut else ''}",
          file=sys.stderr)


# ---------------------------------------------------------- categories
# Whole-stack rules, first match wins: where a sample's time goes by what it is inside of.
THREAD_RULES = [
    ("JIT compiler", r"^\[(C1|C2) CompilerThre"),
    ("GC, VM threads", r"^\[(GC Thread|VM Thread|VM Periodic|G1 |Service Thread|Signal Disp)"),
]
STACK_RULES = [
    ("epoll_wait (loop sleeps/wakes)", r"epoll_wait|epollWait|epoll_pwait|do_epoll_wait"),
    ("hand-off: wake another thread (unpark, eventfd write)",
     r"Unsafe\.unpark|Unsafe_Unpark|Parker::unpark|LockSupport\.unpark|pthread_cond_signal"
     r"|lll_lock_wake|eventFdWrite|eventfd_write|futex_wake|nn_efd_signal"),
    ("hand-off: wait to be woken (park, futex, poll)",
     r"Unsafe\.park|Parker::park|LockSupport\.park|futex|pthread_cond_(timed)?wait|__poll$"
     r"|do_sys_poll|lll_lock_wait|eventfd|nn_efd|nn_sem"),
    ("write/send syscall", r"__x64_sys_(write|writev|sendto|sendmsg)_|[Ww]ritev|sendAddress"
     r"|FileDescriptor_write|__libc_write|__libc_send|^send$"),
    ("read/recv syscall", r"__x64_sys_(read|readv|recvfrom|recvmsg)_|FileDescriptor_read"
     r"|recvAddress|__libc_read|__libc_recv"),
    ("other syscalls", r"entry_SYSCALL_64|__x64_sys_"),
    ("ws masking (incl. its copy)", r"WireFrames\.(writeMasked|readUnmasked)|nn_ws.*mask"),
    ("body array: allocation + zero fill", r"PartialMessage\.(room|finish)"),
    ("allocation slow path, GC, page faults",
     r"MemAllocator|CollectedHeap|Runtime1::new|OptoRuntime::new|TypeArrayKlass::allocate"
     r"|InstanceKlass::allocate|ParallelScavenge|PSScavenge|exc_page_fault"),
]
# Leaf-first rules: the innermost frame that matches one of these names the sample (JDK frames
# count for the sp4j or Netty code that called them).
LEAF_RULES = [
    ("copies (memcpy, arraycopy, Unsafe.copyMemory)",
     r"copyMemory|CopyMemory|arraycopy|memmove|memcpy|Copy::|Arrays\.copyOf|_copy_(to|from)_iter"
     r"|readBytes|getBytes|setBytes|writeBytes"),
    ("locks (ReentrantLock, AQS, monitors)",
     r"ReentrantLock|AbstractQueuedSynchronizer|ObjectMonitor|ObjectSynchronizer|pthread_mutex"
     r"|nn_mutex"),
    ("encode/decode (sp4j framing)",
     r"io/sp4j/transport/(stream|ws)/|FrameEncoder|InboundBatch|PartialMessage|InboundGuard"
     r"|nn_stream|nn_sws|nn_stcp|nn_msg"),
    ("Netty pipeline, buffers, event loop", r"io/netty/"),
    ("sp4j socket core, protocol, outbox", r"io/sp4j/"),
    ("interpreter, JVM runtime", r"Interpreter|SharedRuntime|Runtime1|InterpreterRuntime|JVM_"
     r"|SymbolTable|ClassLoader|SystemDictionary"),
    ("nanomsg library", r"^nn_|^nn[a-z_]*$"),
]
THREAD_RX = [(n, re.compile(r)) for n, r in THREAD_RULES]
STACK_RX = [(n, re.compile(r)) for n, r in STACK_RULES]
LEAF_RX = [(n, re.compile(r)) for n, r in LEAF_RULES]
JDK_RX = re.compile(r"^(java|jdk|sun)/")
GROUPS = ("io", "user", "jvm")


def root_group(root):
    m = re.match(r"^\[(.*?)\s*tid=(\d+)\]$", root)
    name = m.group(1) if m else root
    if name.startswith("sp4j-io"):
        return "io"
    if name == "main" or name.startswith("user "):
        return "user"
    if name.startswith("lib "):
        return "io"
    return "jvm"


def categorize(frames):
    for name, rx in THREAD_RX:
        if rx.match(frames[0]):
            return name
    stack = ";".join(frames[1:])
    for name, rx in STACK_RX:
        if rx.search(stack):
            return name
    for frame in reversed(frames[1:]):
        for name, rx in LEAF_RX:
            if rx.search(frame):
                return name
    if any(JDK_RX.search(f) for f in frames):
        return "JDK library (no sp4j/Netty caller)"
    return "other (kernel, libc, JVM)"


def read_collapsed(path):
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            stack, _, n = line.rpartition(" ")
            if stack and n.isdigit():
                yield stack.split(";"), int(n)


def category_table(path):
    """{group: {category: samples}} plus the totals."""
    by = defaultdict(lambda: defaultdict(int))
    for frames, n in read_collapsed(path):
        g = root_group(frames[0])
        by[g][categorize(frames)] += n
    return by


def format_categories(path, title):
    by = category_table(path)
    total = sum(sum(c.values()) for c in by.values())
    if total == 0:
        return f"{title}: no samples\n"
    gt = {g: sum(by[g].values()) for g in GROUPS}
    cats = defaultdict(int)
    for g in by:
        for c, n in by[g].items():
            cats[c] += n
    lines = [f"**{title}** ({total} samples; io {gt['io'] * 100 / total:.0f} %, user "
             f"{gt['user'] * 100 / total:.0f} %, jvm {gt['jvm'] * 100 / total:.0f} % of them)", "",
             "| category | all | io threads | user thread | jvm threads |",
             "|---|---:|---:|---:|---:|"]
    for c, n in sorted(cats.items(), key=lambda kv: -kv[1]):
        cells = [f"{by[g].get(c, 0) * 100 / gt[g]:.1f} %" if gt[g] else "-" for g in GROUPS]
        lines.append(f"| {c} | {n * 100 / total:.1f} % | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def top_frames(path, k=12):
    self_n = defaultdict(int)
    total = 0
    for frames, n in read_collapsed(path):
        self_n[frames[-1]] += n
        total += n
    return [(f, n * 100 / total) for f, n in sorted(self_n.items(), key=lambda kv: -kv[1])[:k]]


def cmd_categories(a):
    sys.stdout.write(format_categories(a.file, os.path.basename(a.file)))


# ------------------------------------------------------------- summary
def side_numbers(rows, msgs, seconds, java=False):
    g = defaultdict(lambda: defaultdict(int))
    for r in rows:
        if java:
            r["group"] = thread_group(r["comm"], r["tid"], -1, True)
        for k in COUNTERS:
            g[r["group"]][k] += r[k]
            g["all"][k] += r[k]
    out = {}
    for grp, v in g.items():
        ticks = v["utime"] + v["stime"]
        out[grp] = {"ns": v["ns"] / msgs, "sys_share": v["stime"] / ticks if ticks else 0.0,
                    "cs": (v["vcs"] + v["ivcs"]) / msgs, "ivcs": v["ivcs"] / msgs,
                    "cores": v["ns"] / seconds / 1e9, "waiting": v["delay"] / seconds / 1e9}
    return out


def read_perfstat(path):
    vals = {}
    if not os.path.exists(path):
        return vals
    with open(path) as f:
        for line in f:
            parts = line.strip().split(",")
            if len(parts) > 3 and parts[0] and parts[0][0].isdigit():
                vals[parts[2]] = float(parts[0])
    return vals


def cmd_summary(a):
    with open(os.path.join(a.dir, "window.json")) as f:
        w = json.load(f)
    msgs = a.rate * w["seconds"]
    unit = "round trip" if a.unit == "rt" else "message"
    lines = [f"window {w['seconds']:.2f} s after {w['warm']} s of warm-up"
             f"{' (CUT SHORT: a process ended first)' if w['cut_short'] else ''}; rate "
             f"{a.rate:,.0f} {unit}s/s => {msgs:,.0f} {unit}s in the window", "",
             f"| process | group | CPU ns / {unit} | sys share | ctx switches / {unit} "
             f"(involuntary) | cores busy | cores' worth runnable, not running |",
             "|---|---|---:|---:|---:|---:|---:|"]
    total = 0.0
    cs_total = 0.0
    for side in ("local", "remote"):
        nums = side_numbers(w["threads"][side], msgs, w["seconds"], w["java"][side])
        for grp in ("all", "io", "user", "jvm"):
            if grp not in nums:
                continue
            v = nums[grp]
            lines.append(f"| {side} | {grp} | {v['ns']:,.0f} | {v['sys_share'] * 100:.0f} % | "
                         f"{v['cs']:.3f} ({v['ivcs']:.3f}) | {v['cores']:.2f} | {v['waiting']:.2f} |")
        total += nums["all"]["ns"]
        cs_total += nums["all"]["cs"]
    lines.append(f"| **both** | all | **{total:,.0f}** | | {cs_total:.3f} |")
    lines.append("")
    ps = {s: read_perfstat(os.path.join(a.dir, f"{s}.perfstat")) for s in ("local", "remote")}
    if any(ps.values()):
        cells = []
        for s in ("local", "remote"):
            v = ps[s]
            if "task-clock" in v:
                cells.append(f"{s} {v['task-clock'] * 1e6 / msgs:,.0f} ns, "
                             f"{v.get('context-switches', 0) / msgs:.3f} cs, "
                             f"{v.get('cpu-migrations', 0) / msgs:.4f} migrations per {unit}")
        lines += [f"perf stat over the same window (its own start/stop, ~0.1 s wider): "
                  + "; ".join(cells), ""]
    for name in sorted(os.listdir(a.dir)):
        if name.endswith(".collapsed"):
            p = os.path.join(a.dir, name)
            lines.append(format_categories(p, name))
            lines.append("top self frames: " + ", ".join(
                f"`{f}` {s:.1f} %" for f, s in top_frames(p, 10)))
            lines.append("")
    text = "\n".join(lines) + "\n"
    with open(os.path.join(a.dir, "summary.md"), "w") as f:
        f.write(text)
    with open(os.path.join(a.dir, "cpu.json"), "w") as f:
        json.dump({"rate": a.rate, "unit": a.unit, "ns_total": total, "cs_total": cs_total,
                   "sides": {s: side_numbers(w["threads"][s], msgs, w["seconds"], w["java"][s])
                             for s in ("local", "remote")},
                   "cut_short": w["cut_short"], "seconds": w["seconds"]}, f, indent=1)
    sys.stdout.write(text)


def cmd_line(a):
    with open(os.path.join(a.dir, "cpu.json")) as f:
        c = json.load(f)
    s, u = c["sides"], c["unit"]
    print(f"{a.label:10} {c['rate']:>12,.0f} {u}/s  CPU {c['ns_total']:>9,.0f} ns/{u} (local "
          f"{s['local']['all']['ns']:,.0f} + remote {s['remote']['all']['ns']:,.0f})  ctx "
          f"{c['cs_total']:.3f}/{u}{' CUT-SHORT' if c['cut_short'] else ''}")


def ns_by_category(run_dir):
    """{(side, group): {category: ns per message}}: each thread group's CPU per message over the
    window (/proc), split by the share of the group's samples in each category."""
    with open(os.path.join(run_dir, "cpu.json")) as f:
        cpu = json.load(f)["sides"]
    out = {}
    for side in ("local", "remote"):
        path = os.path.join(run_dir, f"{side}.collapsed")
        if not os.path.exists(path):
            continue
        by = category_table(path)
        for g in GROUPS:
            n = sum(by[g].values())
            ns = cpu[side].get(g, {}).get("ns", 0.0)
            if n:
                out[(side, g)] = {c: ns * k / n for c, k in by[g].items()}
    return out


def cmd_table(a):
    """Markdown: ns per message by category, sp4j's io and user threads of each side beside the
    same category in nanomsg's tools (both processes, all threads)."""
    sp = ns_by_category(os.path.join(a.dir, "sp4j-1"))
    nn_dir = os.path.join(a.dir, "nn-1")
    nn = ns_by_category(nn_dir) if os.path.isdir(nn_dir) else {}
    cols = [("local", "io"), ("local", "user"), ("remote", "io"), ("remote", "user")]
    cats = defaultdict(float)
    for d in (sp, nn):
        for per in d.values():
            for c, v in per.items():
                cats[c] += v
    lines = ["| category | local io | local user | remote io | remote user | sp4j (all) "
             "| nanomsg (all) |", "|---|---:|---:|---:|---:|---:|---:|"]
    tot_sp = tot_nn = 0.0
    for c in sorted(cats, key=lambda c: -cats[c]):
        cells = [sp.get(k, {}).get(c, 0.0) for k in cols]
        all_sp = sum(per.get(c, 0.0) for per in sp.values())
        all_nn = sum(per.get(c, 0.0) for per in nn.values())
        tot_sp += all_sp
        tot_nn += all_nn
        if all_sp + all_nn < a.min_ns:
            continue
        lines.append(f"| {c} | " + " | ".join(f"{v:,.0f}" for v in cells)
                     + f" | **{all_sp:,.0f}** | {all_nn:,.0f} |")
    tcol = [sum(sp.get(k, {}).values()) for k in cols]
    lines.append("| total | " + " | ".join(f"{v:,.0f}" for v in tcol)
                 + f" | **{tot_sp:,.0f}** | {tot_nn:,.0f} |")
    print("\n".join(lines))


# ---------------------------------------------------------- flame graph
FLAME_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>%(title)s</title>
<style>body{font:12px sans-serif;margin:8px}#g{position:relative;width:100%%}
.f{position:absolute;height:15px;overflow:hidden;white-space:nowrap;border:1px solid #fff;
box-sizing:border-box;cursor:pointer;padding-left:2px;line-height:14px}
.f:hover{border-color:#000}#i{height:18px}</style></head><body>
<b>%(title)s</b> &mdash; click a frame to zoom, click the bottom bar to reset.
Search: <input id="q" size="30"> <span id="m"></span><div id="i"></div><div id="g"></div>
<script>
const T=%(tree)s;const total=T[1];const g=document.getElementById('g');
function col(n){if(/_\\[k\\]$/.test(n))return'#e08060';if(/^\\[/.test(n))return'#c0c0c0';
if(/^(java|jdk|sun)\\//.test(n))return'#70c070';if(/^io\\/sp4j/.test(n))return'#60a0e0';
if(/^io\\/netty/.test(n))return'#a0c0f0';if(/\\//.test(n))return'#80d080';return'#e0c060';}
let depth=0;function dep(t,d){depth=Math.max(depth,d);for(const c of t[2])dep(c,d+1);}dep(T,0);
function draw(z){g.innerHTML='';g.style.height=(depth+1)*16+'px';const W=g.clientWidth;
const q=document.getElementById('q').value;let hit=0;
function rec(t,x,d,scale,inm){const w=t[1]*scale;if(w<0.5)return;const e=document.createElement('div');
e.className='f';e.style.left=x+'px';e.style.width=w+'px';e.style.top=(depth-d)*16+'px';
const m=q&&t[0].indexOf(q)>=0;if(m&&!inm)hit+=t[1];e.style.background=m?'#ee00ee':col(t[0]);
e.textContent=t[0];e.title=t[0]+' ('+t[1]+' samples, '+(100*t[1]/total).toFixed(2)+'%%)';
e.onclick=ev=>{ev.stopPropagation();draw(t);};g.appendChild(e);let cx=x;
for(const c of t[2]){rec(c,cx,d+1,scale,inm||m);cx+=c[1]*scale;}}
rec(z,0,0,W/z[1],false);document.getElementById('m').textContent=q?('matched '+(100*hit/total).toFixed(2)+'%%'):'';}
document.getElementById('q').oninput=()=>draw(T);window.onresize=()=>draw(T);draw(T);
</script></body></html>
"""


def cmd_flame(a):
    root = ["all", 0, {}]
    for frames, n in read_collapsed(a.input):
        node = root
        node[1] += n
        for fr in frames:
            node = node[2].setdefault(fr, [fr, 0, {}])
            node[1] += n

    def to_list(node):
        return [node[0], node[1], [to_list(c) for c in
                                   sorted(node[2].values(), key=lambda c: c[0])]]

    title = html.escape(a.title or os.path.basename(a.input))
    with open(a.output, "w") as f:
        f.write(FLAME_HTML % {"title": title, "tree": json.dumps(to_list(root))})


# ------------------------------------------------------- perf collapse
def cmd_perf_collapse(a):
    """Folds `perf script` of a C tool into async-profiler's collapsed,threads form."""
    out = subprocess.run(["perf", "script", "-i", a.data, "-F", "comm,tid,ip,sym"],
                         capture_output=True, text=True, check=False).stdout
    folded = defaultdict(int)
    head, frames = None, []

    def flush():
        if head is not None:
            comm, tid = head
            who = "user " if tid == a.pid else "lib "
            folded[";".join([f"[{who}{comm} tid={tid}]"] + list(reversed(frames)))] += 1

    for line in out.splitlines():
        if not line.strip():
            flush()
            head, frames = None, []
        elif not line.startswith(("\t", " ")) or head is None and re.match(r"^\S", line):
            m = re.match(r"^\s*(.+?)\s+(\d+)\s*$", line)
            head = (m.group(1), int(m.group(2))) if m else ("?", 0)
        else:
            parts = line.strip().split(None, 1)
            sym = parts[1] if len(parts) > 1 else "[unknown]"
            sym = re.sub(r"\+0x[0-9a-f]+$", "", sym)
            if parts and parts[0].startswith("ffffffff"):
                sym += "_[k]"
            frames.append(sym)
    flush()
    with open(a.output, "w") as f:
        for stack, n in folded.items():
            f.write(f"{stack} {n}\n")


def main():
    import argparse
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("watch")
    w.add_argument("--local", required=True)
    w.add_argument("--remote", required=True)
    w.add_argument("--out", required=True)
    w.add_argument("--warm", type=float, default=0.5)
    w.add_argument("--window", type=float, default=2.0)
    w.add_argument("--start-timeout", type=float, default=30.0)
    w.add_argument("--agent")
    w.add_argument("--agent-local", default="")
    w.add_argument("--agent-remote", default="")
    w.add_argument("--perf-record", default="")
    w.add_argument("--perf-freq", type=int, default=999)
    w.add_argument("--perf-stat", action="store_true")
    s = sub.add_parser("summary")
    s.add_argument("dir")
    s.add_argument("--rate", type=float, required=True)
    s.add_argument("--unit", choices=("msg", "rt"), default="msg")
    f = sub.add_parser("flame")
    f.add_argument("input")
    f.add_argument("output")
    f.add_argument("title", nargs="?")
    c = sub.add_parser("categories")
    c.add_argument("file")
    t = sub.add_parser("table")
    t.add_argument("dir")
    t.add_argument("--min-ns", type=float, default=0.0)
    ln = sub.add_parser("line")
    ln.add_argument("dir")
    ln.add_argument("label")
    pc = sub.add_parser("perf-collapse")
    pc.add_argument("data")
    pc.add_argument("output")
    pc.add_argument("pid", type=int)
    a = p.parse_args()
    {"watch": cmd_watch, "summary": cmd_summary, "flame": cmd_flame,
     "categories": cmd_categories, "line": cmd_line, "table": cmd_table, "perf-collapse": cmd_perf_collapse}[a.cmd](a)


if __name__ == "__main__":
    main()
