"""`python -m bench NAME [options]` runs bench/NAME.py; without a name, lists the benchmarks."""

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    scripts = sorted(p.stem for p in HERE.glob("*.py") if not p.stem.startswith("_"))
    if len(sys.argv) < 2 or sys.argv[1] not in scripts:
        print("usage: python -m bench NAME [options]  (NAME --help for its options)")
        for name in scripts:
            doc = (HERE / f"{name}.py").read_text(encoding="utf-8").split('"""')[1].strip()
            print(f"  {name:<20} {doc.splitlines()[0]}")
        return
    name = sys.argv.pop(1)
    sys.argv[0] = str(HERE / f"{name}.py")
    runpy.run_path(sys.argv[0], run_name="__main__")


if __name__ == "__main__":
    main()
