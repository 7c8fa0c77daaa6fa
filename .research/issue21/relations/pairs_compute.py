import yaml, glob, os, json, collections
D='/work/main/data'
def fm(p):
    t=open(p,encoding='utf-8').read()
    return yaml.safe_load(t.split('---',2)[1])
pairs=collections.defaultdict(set)
sols={os.path.basename(p)[:-3]:fm(p) for p in glob.glob(D+'/solutions/*.md')}
projs={os.path.basename(p)[:-3]:fm(p) for p in glob.glob(D+'/funding-projects/*.md')}
for sid,s in sols.items():
    for p in s.get('funding_projects') or []:
        pairs[(sid,p)].add('sol.funding_projects')
for pid,p in projs.items():
    for s in p.get('solutions') or []:
        pairs[(s,pid)].add('proj.solutions')
    for m in p.get('measures') or []:
        if m.get('solution'):
            pairs[(m['solution'],pid)].add('measure:'+m['title'])
for k in sorted(pairs):
    print(k[0],k[1],'|','; '.join(sorted(pairs[k])))
print(len(pairs))
mp=[p for p in projs if p.startswith('mpsc-')]
linked={p for (_,p) in pairs if p.startswith('mpsc-')}
print('mpsc',len(mp),'linked',len(linked))
print('unlinked',sorted(set(mp)-linked))
