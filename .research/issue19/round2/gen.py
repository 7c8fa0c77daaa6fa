"""Writes solutions/<id>.md from the entries in entries*.py (research helper, round 2)."""
import glob, importlib.util, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ORDER = ["id","name","summary","action_fields","tags","development_status","open_source","licence",
         "repository","publiccode_url","website","provider","maintenance","origin","used_by",
         "used_by_sources","standards","hosting","cost_model","transfer_readiness","contact",
         "funding_projects","programmes","sources","last_reviewed"]

def q(v):
    s = str(v)
    if s.isdigit() or s[:1] in "\"'{[&*!|>%@`#" or ": " in s or s.endswith(":") or " #" in s or s in ("true","false","yes","no","null"):
        return '"' + s.replace('\\','\\\\').replace('"','\\"') + '"'
    return s

def dump(e):
    out = ["---"]
    for k in ORDER:
        if k not in e or e[k] in (None, [], ""):
            continue
        v = e[k]
        if k == "used_by_sources":
            out.append(f"{k}:")
            for p, u in v:
                out.append(f'- place: "{p}"')
                out.append(f"  url: {u}")
        elif isinstance(v, list):
            out.append(f"{k}:")
            for item in v:
                out.append(f"- {q(item)}")
        elif isinstance(v, bool):
            out.append(f"{k}: {'true' if v else 'false'}")
        else:
            out.append(f"{k}: {q(v)}")
    out.append("---")
    out.append(e["body"].strip())
    return "\n".join(out) + "\n"

entries = []
for f in sorted(glob.glob(os.path.join(HERE, "entries*.py"))):
    spec = importlib.util.spec_from_file_location(os.path.basename(f)[:-3], f)
    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
    entries += m.E
os.makedirs(os.path.join(HERE, "solutions"), exist_ok=True)
ids = set()
for e in entries:
    assert e["id"] not in ids, e["id"]; ids.add(e["id"])
    e.setdefault("last_reviewed", "2026-12-06")
    if e.get("used_by_sources"):
        e["used_by"] = [p for p, _ in e["used_by_sources"]]
        e["used_by"] = list(dict.fromkeys(e["used_by"]))
    open(os.path.join(HERE, "solutions", e["id"] + ".md"), "w").write(dump(e))
print(len(entries), "entries written")
