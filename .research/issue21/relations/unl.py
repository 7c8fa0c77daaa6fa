import yaml,glob,os,subprocess
D='/work/main/data'
def fm(p):
    t=open(p,encoding='utf-8').read(); return yaml.safe_load(t.split('---',2)[1])
sols={os.path.basename(p)[:-3]:fm(p) for p in glob.glob(D+'/solutions/*.md')}
projs={os.path.basename(p)[:-3]:fm(p) for p in glob.glob(D+'/funding-projects/*.md')}
out=subprocess.run(['/work/main/.venv/bin/python','pairs_compute.py'],capture_output=True,text=True).stdout.splitlines()[:59]
linked={l.split()[1] for l in out}
for pid,p in sorted(projs.items()):
    if not pid.startswith('mpsc-') : continue
    keys=[p.get('lead')]+(p.get('partners') or [])
    keys=[str(k) for k in keys if k]
    for sid,s in sols.items():
        ub=[str(x) for x in (s.get('used_by') or [])]
        for k in keys:
            if k in ub:
                srcs=[u['url'] for u in (s.get('used_by_sources') or []) if str(u.get('place'))==k]
                already=any(l.split()[:2]==[sid,pid] for l in out)
                print(('LINKED ' if pid in linked else 'UNLINKED ')+pid,k,sid,'pair-exists' if already else 'NEWPAIR',srcs)
