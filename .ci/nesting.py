#!/usr/bin/env python3
"""Deepest control-flow nesting in each function of a Rust source tree.

Counts the blocks opened by if/else/for/while/loop/match, match arms and
closures inside a function's body (struct literals and macros are not
counted); test modules are left out. Prints the deepest functions and fails
when one is deeper than the limit.

    python3 .ci/nesting.py src 3
"""
import os
import re
import sys

CONTROL = re.compile(r"(\bif\b|\belse\b|\bfor\b|\bwhile\b|\bloop\b|\bmatch\b|=>|\|[^|]*\|\s*$|\|\|\s*$)")


def functions(path):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r'"(\\.|[^"\\])*"', '""', text)
    if "#[cfg(test)]" in text:
        text = text[: text.index("#[cfg(test)]")]
    for m in re.finditer(r"\bfn\s+(\w+)[^{;]*\{", text):
        stack, depth, deepest = [], 0, 0
        for j in range(m.end(), len(text)):
            c = text[j]
            if c == "{":
                opener = re.split(r"[;{}]", text[max(0, j - 300): j])[-1].strip()
                control = bool(CONTROL.search(opener))
                stack.append(control)
                depth += control
                deepest = max(deepest, depth)
            elif c == "}":
                if not stack:
                    break
                depth -= stack.pop()
        yield deepest, m.group(1), f"{path}:{text.count(chr(10), 0, m.start()) + 1}"


def main():
    root, limit = sys.argv[1], int(sys.argv[2])
    found = []
    for folder, _, files in os.walk(root):
        found += [f for name in files if name.endswith(".rs") for f in functions(os.path.join(folder, name))]
    found.sort(reverse=True)
    for depth, name, place in found[:5]:
        print(depth, name, place)
    over = [f for f in found if f[0] > limit]
    print(f"{len(found)} functions; deepest nesting {found[0][0]}; {len(over)} over {limit}")
    sys.exit(1 if over else 0)


main()
