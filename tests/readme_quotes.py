"""Fail unless a README quotes each given file verbatim in a fenced code
block (of any language).

    readme_quotes.py README.md FILE...
"""
import re
import sys

readme_path = sys.argv[1]
readme = open(readme_path, encoding="utf-8").read()
missing = [f for f in sys.argv[2:]
           if not re.search("```[\\w+-]*\n" +
                            re.escape(open(f, encoding="utf-8").read()) +
                            "```", readme)]
for f in missing:
    print(f"{readme_path} does not quote {f} verbatim")
print(f"{len(sys.argv) - 2 - len(missing)} passed, {len(missing)} failed")
sys.exit(1 if missing else 0)
