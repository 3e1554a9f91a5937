"""Fail unless README.md quotes each given file verbatim in a code block.

    readme_quotes.py README.md FILE...
"""
import sys

readme = open(sys.argv[1], encoding="utf-8").read()
missing = [f for f in sys.argv[2:]
           if "```c\n" + open(f, encoding="utf-8").read() + "```" not in readme]
for f in missing:
    print(f"README.md does not quote {f} verbatim")
print(f"{len(sys.argv) - 2 - len(missing)} passed, {len(missing)} failed")
sys.exit(1 if missing else 0)
