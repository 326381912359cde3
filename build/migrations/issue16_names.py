#!/usr/bin/python3
"""Renames the run-record names issue 16 changed, in every run folder and sweep config below the given folders.

    /usr/bin/python3 build/migrations/issue16_names.py [folder ...]      (default: the repository's results/)

Only names change: every value, the key order, the indentation and the line endings stay as they were. Each file is
checked before it is written (the rewritten JSON must parse to the old document with the keys renamed; a CSV changes in
its header only) and replaced atomically (a temporary file beside it, then a rename). A file already migrated is left
alone, so running the script twice is harmless. A file holding both the old and the new name is refused, by name.
See docs/run-folder.md for the names.
"""

import json
import os
import sys
import tempfile

# (path of keys from the document's root, "*" matching any key, old name, new name). Paths are camelCase, as written.
CONFIG_RENAMES = [
    ((), "preset", "label"),                        # RunConfig.Preset held sweep labels: now RunConfig.Label
    (("method", "baseline"), "threshold", "epsilon"),   # one threshold, one name: ε, as in method.game.epsilon
]
SUMMARY_RENAMES = [
    ((), "preset", "label"),                        # RunSummary.Label
    ((), "denseFlops", "denseMultiplyAdds"),        # they held multiply-adds, not FLOPs
    ((), "compactFlops", "compactMultiplyAdds"),
    (("criteria", "*"), "compactFlops", "compactMultiplyAdds"),
]
# (old column, new column) of a CSV header.
PARTICIPATION_RENAMES = [
    ("effective_norm", "gated_theta_norm"),        # s_i·‖θ_i‖; "effective norm" is the prune criterion s·‖θ_in‖·‖θ_out‖/max
]


class MigrationError(Exception):
    pass


def key_spans(text):
    """Every object key of a JSON text as (path of enclosing keys, key, start, end): text[start:end] is the quoted key."""
    spans = []
    stack = []          # per open container: [kind, its own path, last key seen (objects), expecting a key (objects)]
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            start = i
            i += 1
            while text[i] != '"':
                i += 2 if text[i] == "\\" else 1
            i += 1
            top = stack[-1] if stack else None
            if top is not None and top[0] == "object" and top[3]:
                key = json.loads(text[start:i])
                spans.append((top[1], key, start, i))
                top[2], top[3] = key, False
            continue
        if c in "{[":
            parent = stack[-1] if stack else None
            path = () if parent is None else parent[1] + ((parent[2],) if parent[0] == "object" else ("[]",))
            stack.append(["object" if c == "{" else "array", path, None, c == "{"])
        elif c in "}]":
            stack.pop()
        elif c == "," and stack and stack[-1][0] == "object":
            stack[-1][3] = True
        i += 1
    return spans


def matches(pattern, path):
    return len(pattern) == len(path) and all(p in ("*", q) for p, q in zip(pattern, path))


def renamed(node, path, renames):
    """The parsed document with the renames applied (the expected result), keys kept in order."""
    if isinstance(node, list):
        return [renamed(v, path + ("[]",), renames) for v in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        new = next((n for p, o, n in renames if o == key and matches(p, path)), key)
        out[new] = renamed(value, path + (key,), renames)
    return out


def migrate_json(path, renames):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    spans = key_spans(text)
    edits = []
    for where, key, start, end in spans:
        for pattern, old, new in renames:
            if key == old and matches(pattern, where):
                if any(w == where and k == new for w, k, _, _ in spans):
                    raise MigrationError(f"{path}: holds both '{old}' and '{new}' at {'.'.join(where) or 'the top level'}; fix it by hand.")
                edits.append((start, end, json.dumps(new)))
    if not edits:
        return False
    out = text
    for start, end, replacement in sorted(edits, reverse=True):
        out = out[:start] + replacement + out[end:]
    expected = renamed(json.loads(text), (), renames)
    if json.dumps(json.loads(out)) != json.dumps(expected):
        raise MigrationError(f"{path}: the rewritten file does not parse to the renamed document; left unchanged.")
    write_atomically(path, out)
    return True


def migrate_csv_header(path, renames):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    end = text.find("\n")
    header, rest = (text, "") if end < 0 else (text[:end], text[end:])
    if '"' in header:
        raise MigrationError(f"{path}: a quoted header field; this script renames plain headers only.")
    fields = header.rstrip("\r").split(",")
    changed = False
    for old, new in renames:
        if old in fields:
            if new in fields:
                raise MigrationError(f"{path}: holds both columns '{old}' and '{new}'; fix it by hand.")
            fields[fields.index(old)] = new
            changed = True
    if not changed:
        return False
    write_atomically(path, ",".join(fields) + header[len(header.rstrip("\r")):] + rest)
    return True


def write_atomically(path, text):
    folder = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode
    handle, temporary = tempfile.mkstemp(prefix=".migrate-", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def kind(path):
    name = os.path.basename(path)
    parent = os.path.basename(os.path.dirname(path))
    if name == "config.json" or (parent == "configs" and name.endswith(".json")):
        return "config"
    if name == "summary.json":
        return "summary"
    if name == "participation.csv":
        return "participation"
    return None


def main(folders):
    counts = {"config": [0, 0], "summary": [0, 0], "participation": [0, 0]}
    for folder in folders:
        if not os.path.isdir(folder):
            raise MigrationError(f"'{folder}' is not a folder.")
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(root, name)
                k = kind(path)
                if k is None:
                    continue
                if k == "config":
                    changed = migrate_json(path, CONFIG_RENAMES)
                elif k == "summary":
                    changed = migrate_json(path, SUMMARY_RENAMES)
                else:
                    changed = migrate_csv_header(path, PARTICIPATION_RENAMES)
                counts[k][0] += 1
                counts[k][1] += changed
    for k, (seen, changed) in counts.items():
        print(f"{k}: {changed} of {seen} files rewritten")


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.normpath(os.path.join(here, "..", "..", "results"))
    try:
        main(sys.argv[1:] or [default])
    except MigrationError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
