#!/usr/bin/env python3
"""Builds a git repository with N commits of real Python sources (from /usr/lib/python3.11) edited over time,
with fake AWS key ids planted at known commits, and two side branches (one merged, one not). Deterministic."""
import os, random, subprocess, sys

N = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
dest = sys.argv[1]
rnd = random.Random(42)
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
src = []
for root, dirs, files in os.walk("/usr/lib/python3.11"):
    dirs.sort()
    for f in sorted(files):
        if f.endswith(".py"):
            p = os.path.join(root, f)
            if 2000 < os.path.getsize(p) < 120000:
                src.append(p)
src = src[:700]
files = {}
for p in src:
    rel = "src/" + os.path.relpath(p, "/usr/lib/python3.11")
    files[rel] = open(p, "rb").read().decode("utf-8", "replace").splitlines(keepends=True)

out = []
def data(b):
    out.append(b"data %d\n" % len(b)); out.append(b); out.append(b"\n")

mark = 0
planted = 0
def commit(branch, msg, changes, parent=None, merge=None, t=[1700000000]):
    global mark
    mark += 1
    t[0] += 600
    who = rnd.choice(["alice", "bob", "carol", "dave"])
    out.append(b"commit refs/heads/%s\nmark :%d\n" % (branch.encode(), mark))
    out.append(b"author %s <%s@example.com> %d +0000\n" % (who.encode(), who.encode(), t[0]))
    out.append(b"committer %s <%s@example.com> %d +0000\n" % (who.encode(), who.encode(), t[0]))
    data(msg.encode())
    if parent: out.append(b"from :%d\n" % parent)
    if merge: out.append(b"merge :%d\n" % merge)
    for kind, path, content in changes:
        if kind == "M":
            out.append(b"M 100644 inline %s\n" % path.encode()); data("".join(content).encode())
        else:
            out.append(b"D %s\n" % path.encode())
    return mark

def key():
    return "AKIA" + "".join(rnd.choice(B32) for _ in range(16))

head = commit("main", "initial import", [("M", p, c) for p, c in files.items()])
side = None
for i in range(1, N):
    changes = []
    for _ in range(rnd.choice([1, 1, 2, 3])):
        p = rnd.choice(list(files))
        lines = files[p]
        at = rnd.randrange(len(lines) + 1)
        new = ["    # change %d: %s\n" % (i, rnd.choice(["fix", "refactor", "tune", "doc"]))]
        if i % 97 == 0:
            new.append('    aws_access_key_id = "%s"\n' % key()); planted += 1
        lines[at:at] = new
        if len(lines) > 50 and rnd.random() < 0.3:
            del lines[rnd.randrange(len(lines))]
        changes.append(("M", p, lines))
    if i % 250 == 0:
        # move a file (same blob at a new path)
        p = rnd.choice(list(files)); q = p.replace("src/", "src/moved%d/" % i, 1)
        files[q] = files.pop(p); changes += [("D", p, None), ("M", q, files[q])]
    head = commit("main", "change %d" % i, changes, parent=head)
    if i == N // 2:
        side = head
out_branch = []
# an unmerged branch with a secret, and a merged one
b1 = commit("feature/unmerged", "wip", [("M", "src/wip.py", ['KEY = "%s"\n' % key()])], parent=side); planted += 1
b2 = commit("feature/merged", "hotfix", [("M", "src/hotfix.py", ['KEY = "%s"\n' % key()])], parent=side); planted += 1
commit("main", "merge hotfix", [("M", "src/hotfix.py", ['KEY = "%s"\n' % "AKIA" + "Q" * 16])], parent=head, merge=b2)
subprocess.run(["git", "init", "-q", "-b", "main", dest], check=True)
p = subprocess.run(["git", "-C", dest, "fast-import", "--quiet"], input=b"".join(out), check=True)
subprocess.run(["git", "-C", dest, "gc", "-q"], check=True)
print("commits", N + 3, "planted", planted)
