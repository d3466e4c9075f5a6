#!/usr/bin/env python3
"""Holds real kernel state for the agent's tests, one command per stdin line:
  inotify W    create one inotify instance with W watches  -> "ok" | "err EMFILE"
  open N       open N more file descriptors                  -> "ok" | "err EMFILE"
  close N      close the N newest inotify instances         -> "ok"
  agent ARGS   run the agent here (same namespaces)          -> "report <json>"
  pid          -> "pid <this pid>"
  unshare      enter a new user namespace (full capabilities in it, no map yet) -> "ok"
  become U     setresgid/setresuid(U) inside it, once the parent wrote the maps  -> "ok"
Python's ctypes calls inotify_init1 directly, so each instance is one syscall,
exactly as fsnotify.NewWatcher does it."""
import ctypes, errno, os, subprocess, sys, tempfile

libc = ctypes.CDLL(None, use_errno=True)
IN_ALL_EVENTS = 0xFFF
workdir = None  # made on first use, as whoever the holder has become by then
held = []
instances = []
serial = 0

def fail(e):
    print("err " + errno.errorcode.get(e, str(e)), flush=True)

for line in sys.stdin:
    cmd, _, arg = line.strip().partition(" ")
    if cmd == "inotify":
        fd = libc.inotify_init1(0)
        if fd < 0:
            fail(ctypes.get_errno()); continue
        held.append(fd)
        instances.append(fd)
        workdir = workdir or tempfile.mkdtemp(prefix="hr-holder-")
        ok = True
        for _ in range(int(arg or 0)):
            serial += 1
            path = os.path.join(workdir, "w%d" % serial)
            open(path, "w").close()
            if libc.inotify_add_watch(fd, path.encode(), IN_ALL_EVENTS) < 0:
                fail(ctypes.get_errno()); ok = False; break
        if ok: print("ok", flush=True)
    elif cmd == "close":
        for _ in range(int(arg)):
            os.close(instances.pop())
        print("ok", flush=True)
    elif cmd == "open":
        try:
            for _ in range(int(arg)):
                held.append(os.open("/dev/null", os.O_RDONLY))
            print("ok", flush=True)
        except OSError as e:
            fail(e.errno)
    elif cmd == "agent":
        out = subprocess.run(arg.split(" "), capture_output=True, text=True)
        if out.returncode != 0:
            print("agentfail %d %s" % (out.returncode, out.stderr.replace("\n", " | ")), flush=True)
        else:
            print("report " + out.stdout.replace("\n", ""), flush=True)
    elif cmd == "unshare":
        CLONE_NEWUSER = 0x10000000
        if libc.unshare(CLONE_NEWUSER) != 0:
            fail(ctypes.get_errno()); continue
        print("ok", flush=True)
    elif cmd == "become":
        u = int(arg)
        os.setresgid(u, u, u)
        os.setresuid(u, u, u)
        print("ok", flush=True)
    elif cmd == "pid":
        print("pid %d" % os.getpid(), flush=True)
