#!/usr/bin/env python3
"""Counts the public top-level types of the production projects and those that sit in a file named after something else.

Production projects: every project under firmware-host/, sdk/ and native/ (hardware/ simulators and tests/ are not
production). A top-level type is a `public` class, record, struct, interface, enum or delegate declared at the start of a
line (file-scoped namespaces, so top-level types start in column 0). A type is "misplaced" when its file's name (without
`.cs` and without a `.Something` suffix of a partial file such as `Pn532.Core.cs`) differs from the type's name (generic
arity ignored). Usage: tests/tools/public-types-by-file.py [--list] (run from the repository root). Exit code 0 always;
the last line is "N of M public production types sit in files named after something else".
"""
import os
import re
import sys

ROOTS = ["firmware-host", "sdk", "native"]
DECL = re.compile(
    r"^public\s+(?:(?:sealed|static|abstract|readonly|partial|unsafe|ref|file|new)\s+)*"
    r"(?:class|record\s+struct|record\s+class|record|struct|interface|enum|delegate\s+[\w<>\[\],.? ]+?)\s+(\w+)")


def main() -> None:
    listing = "--list" in sys.argv[1:]
    total = 0
    misplaced = []
    for root in ROOTS:
        for directory, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if d not in ("bin", "obj", "node_modules")]
            for name in sorted(files):
                if not name.endswith(".cs"):
                    continue
                path = os.path.join(directory, name)
                stem = name[:-3].split(".")[0]
                with open(path, encoding="utf-8-sig") as f:
                    for line in f:
                        m = DECL.match(line)
                        if not m:
                            continue
                        total += 1
                        if m.group(1) != stem:
                            misplaced.append((path, m.group(1)))
    if listing:
        for path, type_name in misplaced:
            print(f"{path}: {type_name}")
    print(f"{len(misplaced)} of {total} public production types sit in files named after something else")


if __name__ == "__main__":
    main()
